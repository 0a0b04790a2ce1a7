import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret of 32 bytes, URL-safe. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Secrets we must recognise but never keep (session cookies, API tokens) are stored as this hash. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
