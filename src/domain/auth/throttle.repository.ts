import { sql } from 'kysely';
import type { Executor } from '../../db/connection.js';

/**
 * Sign-in throttling lives in the database so that it holds across server processes. Each counter is
 * bumped by one atomic upsert, so concurrent failures are all counted.
 */
export async function lockedUntil(db: Executor, key: string): Promise<string | null> {
  const row = await db
    .selectFrom('sign_in_throttle')
    .select('locked_until')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.locked_until ?? null;
}

/**
 * Counts one failure. With `windowStartCutoff` the count restarts when the current window began before
 * it (failures per minute); without, failures simply add up until cleared (failures in a row). When the
 * count reaches `max` the key is locked until `lockUntil` and the count starts again.
 */
export async function recordFailure(
  db: Executor,
  key: string,
  options: { now: string; windowStartCutoff: string | null; max: number; lockUntil: string },
): Promise<boolean> {
  const cutoff = options.windowStartCutoff ?? '';
  const row = await db
    .insertInto('sign_in_throttle')
    .values({ key, failures: 1, window_started_at: options.now, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`CASE WHEN sign_in_throttle.window_started_at < ${cutoff} THEN 1 ELSE sign_in_throttle.failures + 1 END`,
        window_started_at: sql<string>`CASE WHEN sign_in_throttle.window_started_at < ${cutoff} THEN ${options.now} ELSE sign_in_throttle.window_started_at END`,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  if (row.failures < options.max) return false;
  await db
    .updateTable('sign_in_throttle')
    .set({ locked_until: options.lockUntil, failures: 0, window_started_at: options.now })
    .where('key', '=', key)
    .execute();
  return true;
}

export async function clearThrottle(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
}
