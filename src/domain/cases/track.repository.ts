import type { Executor } from '../../db/connection.js';
import { fromJson, toJson } from '../../db/json.js';
import { newId } from '../../lib/ids.js';

export type TrackChanges = Record<string, [unknown, unknown]>;

export interface TrackEntry {
  id: string;
  caseId: string;
  kind: string;
  actorId: string | null;
  at: string;
  remark: string | null;
  changes: TrackChanges | null;
  body: string | null;
}

/** Track entries that do not make a user a case's "processor" (the Processed view, SPEC §13). */
const NOT_PROCESSING = new Set(['created', 'comment']);

/**
 * Appends an entry to a case's track (entries are never changed or removed) and, for operations,
 * remembers that the actor worked on the case.
 */
export async function appendTrack(
  db: Executor,
  tenantId: string,
  entry: Omit<TrackEntry, 'id'> & { id?: string },
): Promise<TrackEntry> {
  const saved: TrackEntry = { ...entry, id: entry.id ?? newId() };
  await db
    .insertInto('case_track')
    .values({
      tenant_id: tenantId,
      id: saved.id,
      case_id: saved.caseId,
      kind: saved.kind,
      actor_id: saved.actorId,
      at: saved.at,
      remark: saved.remark,
      changes: saved.changes ? toJson(saved.changes) : null,
      body: saved.body,
    })
    .execute();
  if (saved.actorId && !NOT_PROCESSING.has(saved.kind)) {
    await db
      .insertInto('case_actors')
      .values({ tenant_id: tenantId, user_id: saved.actorId, case_id: saved.caseId, last_at: saved.at })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'case_id']).doUpdateSet({ last_at: saved.at }))
      .execute();
  }
  return saved;
}

/** A page of a case's track, oldest first. */
export async function listTrack(
  db: Executor,
  tenantId: string,
  caseId: string,
  page: { limit: number; after?: { at: string; id: string } | undefined },
): Promise<TrackEntry[]> {
  let query = db
    .selectFrom('case_track')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId);
  if (page.after) {
    const { at, id } = page.after;
    query = query.where((eb) => eb.or([eb('at', '>', at), eb.and([eb('at', '=', at), eb('id', '>', id)])]));
  }
  const rows = await query.orderBy('at').orderBy('id').limit(page.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    kind: row.kind,
    actorId: row.actor_id,
    at: row.at,
    remark: row.remark,
    changes: row.changes ? fromJson<TrackChanges>(row.changes) : null,
    body: row.body,
  }));
}

export async function countTrack(db: Executor, tenantId: string, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('case_track')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return row.n;
}
