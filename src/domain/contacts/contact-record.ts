import type { CONTACT_CHANNELS, CONTACT_DIRECTIONS } from '../../../contract/details.js';

export interface ContactRecord {
  tenantId: string;
  id: string;
  channel: (typeof CONTACT_CHANNELS)[number];
  direction: (typeof CONTACT_DIRECTIONS)[number];
  caller: string;
  callee: string;
  agentId: string | null;
  customerId: string | null;
  startedAt: string;
  endedAt: string | null;
  summary: string | null;
  creatorId: string;
  createdAt: string;
}
