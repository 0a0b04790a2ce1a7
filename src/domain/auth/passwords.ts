import { hash, verify } from '@node-rs/argon2';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hashed: string, password: string): Promise<boolean>;
}

/**
 * argon2id (the library's default algorithm). The cost comes from configuration so that test suites,
 * which create many users on two cores, can lower it; production keeps OWASP's parameters.
 */
export function argon2Hasher(options: { memoryCost: number; timeCost: number }): PasswordHasher {
  return {
    hash: (password) =>
      hash(password, { memoryCost: options.memoryCost, timeCost: options.timeCost, parallelism: 1 }),
    verify: async (hashed, password) => {
      try {
        return await verify(hashed, password);
      } catch {
        return false;
      }
    },
  };
}
