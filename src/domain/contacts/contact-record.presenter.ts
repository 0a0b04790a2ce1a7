import type { z } from 'zod';
import type { contactRecordSchema } from '../../../contract/details.js';
import type { ContactRecord } from './contact-record.js';

export function presentContactRecord(r: ContactRecord): z.infer<typeof contactRecordSchema> {
  return {
    id: r.id,
    channel: r.channel,
    direction: r.direction,
    caller: r.caller,
    callee: r.callee,
    agentId: r.agentId,
    customerId: r.customerId,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    summary: r.summary,
    createdAt: r.createdAt,
  };
}
