import type { AssignmentItem } from '../../../contract/assignment.js';
import type { Executor } from '../../db/connection.js';
import { fromBool, fromJson, toBool, toJson } from '../../db/json.js';

export interface AssignmentTarget {
  ownerId?: string | undefined;
  queueId?: string | undefined;
}

export interface AssignmentRule {
  tenantId: string;
  active: boolean;
  defaultOwner: AssignmentTarget;
  items: AssignmentItem[];
  updatedAt: string;
}

export async function findAssignmentRule(
  db: Executor,
  tenantId: string,
): Promise<AssignmentRule | undefined> {
  const row = await db
    .selectFrom('assignment_rules')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    tenantId,
    active: toBool(row.active),
    defaultOwner: fromJson<AssignmentTarget>(row.default_owner),
    items: fromJson<AssignmentItem[]>(row.items),
    updatedAt: row.updated_at,
  };
}

/** The tenant has one rule (SPEC §3: at most one active); saving replaces it whole. */
export async function saveAssignmentRule(db: Executor, rule: AssignmentRule): Promise<void> {
  const values = {
    active: fromBool(rule.active),
    default_owner: toJson(rule.defaultOwner),
    items: toJson(rule.items),
    updated_at: rule.updatedAt,
  };
  await db
    .insertInto('assignment_rules')
    .values({ tenant_id: rule.tenantId, ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
    .execute();
}
