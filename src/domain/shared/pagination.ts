import { AppError } from './errors.js';

/**
 * Opaque keyset cursors: the sort key and id of the last item of a page, base64url-encoded JSON. A
 * cursor that does not decode is a 400 on `cursor`.
 */
export function encodeCursor(values: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): (string | number | null)[] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === length &&
      // NUL cannot be stored in PostgreSQL text, so a cursor carrying one cannot be ours.
      value.every(
        (v) =>
          v === null ||
          (typeof v === 'string' && !v.includes('\u0000')) ||
          (typeof v === 'number' && Number.isFinite(v)),
      )
    ) {
      return value as (string | number | null)[];
    }
  } catch {
    // fall through to the refusal below
  }
  throw new AppError('validation_failed', 'The cursor is not valid.', [
    { field: 'cursor', message: 'Not a cursor from this list.' },
  ]);
}

/** Totals are exact up to this many; beyond it they may be capped (API.md). */
export const TOTAL_CAP = 10_000;

/** A count made over at most `TOTAL_CAP + 1` rows, as the list's `total` and whether it was capped. */
export function capTotal(counted: number): { total: number; capped: boolean } {
  return counted > TOTAL_CAP ? { total: TOTAL_CAP, capped: true } : { total: counted, capped: false };
}
