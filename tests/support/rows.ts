import type { Executor } from '../../src/db/connection.js';
import { newId } from '../../src/lib/ids.js';

export interface CaseRowInput {
  tenantId: string;
  typeId: string;
  customerId: string;
  creatorId: string;
  /** The case's process status; the type's process is not consulted. */
  status: string;
  state?: 'open' | 'suspended' | 'cancelled' | 'closed' | 'merged';
  /** For a cancelled case: the state and status it returns to when resumed. */
  priorState?: string | null;
  priorStatus?: string | null;
  ownerId?: string | null;
  queueId?: string | null;
  ouId?: string | null;
  at?: string;
}

/**
 * Inserts a minimal but realistic `cases` row straight into the database, for the tests of rules
 * that depend on cases existing ("in use") before cases can be created through the API. The case
 * number is the tenant's next one. Returns the case id.
 */
export async function insertCaseRow(db: Executor, input: CaseRowInput): Promise<string> {
  const at = input.at ?? '2026-01-05T09:00:00.000Z';
  const { last } = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.max<number | null>('case_no').as('last'))
    .where('tenant_id', '=', input.tenantId)
    .executeTakeFirstOrThrow();
  const id = newId();
  await db
    .insertInto('cases')
    .values({
      tenant_id: input.tenantId,
      id,
      case_no: (last ?? 0) + 1,
      type_id: input.typeId,
      title: 'Router keeps dropping the connection',
      description: 'The customer reports that the connection drops every evening.',
      priority: 'medium',
      priority_rank: 2,
      original_priority: 'medium',
      origin: 'voice',
      customer_id: input.customerId,
      contact_phone: null,
      owner_id: input.queueId ? (input.ownerId ?? null) : (input.ownerId ?? input.creatorId),
      queue_id: input.queueId ?? null,
      creator_id: input.creatorId,
      ou_id: input.ouId ?? null,
      state: input.state ?? 'open',
      status: input.status,
      prior_state: input.priorState ?? null,
      prior_status: input.priorStatus ?? null,
      reopen_count: 0,
      suspended_ms: 0,
      paused_at: null,
      merged_into_id: null,
      interaction_id: null,
      customer_notify: '{"email":false,"sms":false}',
      custom_fields: '{}',
      due_at: null,
      due_at_source: null,
      due_sort: '9999-12-31T23:59:59.999Z',
      sla_started_at: at,
      paused_ms_since_start: 0,
      version: 1,
      created_at: at,
      updated_at: at,
      closed_at: input.state === 'closed' ? at : null,
    })
    .execute();
  return id;
}
