import type { AppContext } from '../../context.js';
import { AppError, invalidField } from '../../shared/errors.js';
import type { Case, CustomFieldValue } from '../case.js';
import type { CaseViewer } from '../case.policy.js';
import { customFieldErrors } from '../custom-fields.js';
import { operateOnCase } from '../operate.js';
import { slaFor, slaWarnAt } from '../../sla/sla-clock.js';
import { assertCustomerExists } from '../owner-references.js';

export interface EditCaseInput {
  ifMatch: number | null;
  title?: string | undefined;
  description?: string | undefined;
  dueAt?: string | null | undefined;
  customerId?: string | undefined;
  contactPhone?: string | null | undefined;
  /** Merged into the current values; a null removes a value. */
  customFields?: Record<string, CustomFieldValue> | undefined;
  remark?: string | undefined;
}

/** Edits a case's own fields (SPEC §5 *edit*): title, description, due time, customer, phone, custom fields. */
export function editCase(ctx: AppContext, viewer: CaseViewer, c: Case, input: EditCaseInput): Promise<Case> {
  return operateOnCase(ctx, viewer, c, 'edit', {
    ifMatch: input.ifMatch,
    reindex: input.title !== undefined || input.description !== undefined,
    plan: async (before, type, now) => {
      if (input.dueAt && new Date(input.dueAt).getTime() <= now.getTime())
        throw invalidField('dueAt', 'The due time must lie in the future.');
      if (input.customerId !== undefined)
        await assertCustomerExists(ctx.db, before.tenantId, input.customerId);
      let customFields = before.customFields;
      if (input.customFields) {
        const merged = { ...before.customFields, ...input.customFields };
        customFields = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== null));
        const errors = customFieldErrors(type, customFields);
        if (errors.length > 0)
          throw new AppError('validation_failed', 'Some custom fields are not valid.', errors);
      }
      const dueAt =
        input.dueAt === undefined
          ? before.dueAt
          : input.dueAt === null
            ? null
            : new Date(input.dueAt).toISOString();
      const after: Case = {
        ...before,
        title: input.title ?? before.title,
        description: input.description ?? before.description,
        dueAt,
        dueAtSource: input.dueAt === undefined ? before.dueAtSource : dueAt === null ? null : 'manual',
        customerId: input.customerId ?? before.customerId,
        contactPhone: input.contactPhone === undefined ? before.contactPhone : input.contactPhone,
        customFields,
        // A new due time gets the warning point of the SLA rule that applies (SPEC §13).
        slaWarnAt:
          input.dueAt === undefined
            ? before.slaWarnAt
            : slaWarnAt(await slaFor(ctx.db, before.tenantId, before.typeId), dueAt),
      };
      return { after, kind: 'edited', remark: input.remark };
    },
  });
}
