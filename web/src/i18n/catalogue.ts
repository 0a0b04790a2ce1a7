/**
 * The shape every other language's catalogue must have: the English one's keys, with any strings.
 * A missing or extra key in a translation is a type error (and `catalogue.test.ts` checks it at run
 * time too).
 */
export type Catalogue<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]>;
};
