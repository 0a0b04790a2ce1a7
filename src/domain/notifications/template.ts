import type { Channel, TemplateKind } from '../../../contract/notifications.js';

/** A reminder template (SPEC §3): what one kind of notification says on one channel. */
export interface ReminderTemplate {
  tenantId: string;
  id: string;
  name: string;
  kind: TemplateKind;
  channel: Channel;
  subject: string | null;
  body: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export function presentTemplate(t: ReminderTemplate) {
  return {
    id: t.id,
    name: t.name,
    kind: t.kind,
    channel: t.channel,
    subject: t.subject,
    body: t.body,
    enabled: t.enabled,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}
