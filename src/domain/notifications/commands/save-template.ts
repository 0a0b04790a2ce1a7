import type { z } from 'zod';
import { lockTenant } from '../../org/tenants.repository.js';
import type { createTemplateBody, updateTemplateBody } from '../../../../contract/notifications.js';
import type { Tx } from '../../../db/connection.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor, AppContext } from '../../context.js';
import { alreadyExists } from '../../shared/errors.js';
import type { ReminderTemplate } from '../template.js';
import {
  deleteTemplateRow,
  enabledTemplatesOfKind,
  findByName,
  insertTemplate,
  updateTemplateRow,
} from '../templates.repository.js';

/** A unique name per tenant, and one enabled template per kind and channel (SPEC §13). */
async function assertNoClash(trx: Tx, t: ReminderTemplate): Promise<void> {
  const sameName = await findByName(trx, t.tenantId, t.name);
  if (sameName && sameName.id !== t.id) throw alreadyExists('name', 'A template with this name');
  if (!t.enabled) return;
  const enabled = await enabledTemplatesOfKind(trx, t.tenantId, t.kind);
  if (enabled.some((other) => other.channel === t.channel && other.id !== t.id)) {
    throw alreadyExists('enabled', `An enabled ${t.kind} template for ${t.channel}`);
  }
}

async function saving<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists('name', 'A template with this name');
    throw error;
  }
}

/** Creates a reminder template; its variables were checked by the contract. */
export async function createTemplate(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof createTemplateBody>,
): Promise<ReminderTemplate> {
  const now = ctx.clock.now().toISOString();
  const t: ReminderTemplate = {
    tenantId: actor.tenantId,
    id: newId(),
    name: input.name,
    kind: input.kind,
    channel: input.channel,
    subject: input.subject ?? null,
    body: input.body,
    enabled: input.enabled,
    createdAt: now,
    updatedAt: now,
  };
  await saving(() =>
    ctx.db.transaction().execute(async (trx) => {
      // Serialises template writes of the tenant, so two at once cannot both pass the clash check.
      await lockTenant(trx, ctx.dialect, t.tenantId);
      await assertNoClash(trx, t);
      await insertTemplate(trx, t);
    }),
  );
  return t;
}

/** Changes a template; enabling it while another of its kind and channel is enabled is 409. */
export async function updateTemplate(
  ctx: AppContext,
  current: ReminderTemplate,
  patch: z.output<typeof updateTemplateBody>,
): Promise<ReminderTemplate> {
  const t: ReminderTemplate = {
    ...current,
    name: patch.name ?? current.name,
    kind: patch.kind ?? current.kind,
    channel: patch.channel ?? current.channel,
    subject: patch.subject === undefined ? current.subject : patch.subject,
    body: patch.body ?? current.body,
    enabled: patch.enabled ?? current.enabled,
    updatedAt: ctx.clock.now().toISOString(),
  };
  await saving(() =>
    ctx.db.transaction().execute(async (trx) => {
      await lockTenant(trx, ctx.dialect, t.tenantId);
      await assertNoClash(trx, t);
      await updateTemplateRow(trx, t);
    }),
  );
  return t;
}

/** Deletes a template; notifications already in the outbox keep their rendered text. */
export async function deleteTemplate(ctx: AppContext, t: ReminderTemplate): Promise<void> {
  await deleteTemplateRow(ctx.db, t.tenantId, t.id);
}
