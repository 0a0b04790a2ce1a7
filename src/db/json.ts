/** JSON columns are text on both databases; these two helpers are the only way in and out. */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/** The caller names the shape it stored; the column holds only what `toJson` wrote. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the type documents the column's shape
export function fromJson<T>(text: string): T {
  const value: unknown = JSON.parse(text);
  return value as T;
}

export function toBool(value: number): boolean {
  return value !== 0;
}

export function fromBool(value: boolean): number {
  return value ? 1 : 0;
}
