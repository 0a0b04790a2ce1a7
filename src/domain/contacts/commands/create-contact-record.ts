import type { z } from 'zod';
import type { createContactRecordBody } from '../../../../contract/details.js';
import { newId } from '../../../lib/ids.js';
import { assertAssignableUser, assertCustomerExists } from '../../cases/owner-references.js';
import type { Actor, AppContext } from '../../context.js';
import type { ContactRecord } from '../contact-record.js';
import { insertContactRecord } from '../contact-records.repository.js';

/**
 * Records a call, video session or chat (integrations and users alike). A start older than the
 * viewing window is accepted: the record exists, it just cannot be read any more.
 */
export async function createContactRecord(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof createContactRecordBody>,
): Promise<ContactRecord> {
  if (input.agentId) await assertAssignableUser(ctx.db, actor.tenantId, input.agentId, 'agentId');
  if (input.customerId) await assertCustomerExists(ctx.db, actor.tenantId, input.customerId);
  const record: ContactRecord = {
    tenantId: actor.tenantId,
    id: newId(),
    channel: input.channel,
    direction: input.direction,
    caller: input.caller,
    callee: input.callee,
    agentId: input.agentId ?? null,
    customerId: input.customerId ?? null,
    startedAt: new Date(input.startedAt).toISOString(),
    endedAt: input.endedAt ? new Date(input.endedAt).toISOString() : null,
    summary: input.summary ?? null,
    creatorId: actor.userId,
    createdAt: ctx.clock.now().toISOString(),
  };
  await insertContactRecord(ctx.db, record);
  return record;
}
