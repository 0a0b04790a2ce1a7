import { z } from 'zod';
import { idSchema, LIMITS, timestampSchema } from './common.js';
import { ASSIGNMENT_ATTRIBUTES, ASSIGNMENT_MAX_ITEMS } from './constants.js';
export { ASSIGNMENT_ATTRIBUTES, ASSIGNMENT_MAX_ITEMS } from './constants.js';

export const TEXT_ATTRIBUTES: readonly string[] = ['title', 'description'];

const target = {
  ownerId: idSchema.optional(),
  queueId: idSchema.optional(),
};

function oneTarget(
  value: { ownerId?: string | undefined; queueId?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if ((value.ownerId === undefined) === (value.queueId === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['ownerId'], message: 'Give either ownerId or queueId.' });
  }
}

export const assignmentItemSchema = z
  .strictObject({
    attribute: z.enum(ASSIGNMENT_ATTRIBUTES),
    condition: z.enum(['contains', 'equals']),
    value: z.string().trim().min(1).max(LIMITS.freeTextMax),
    ...target,
  })
  .superRefine((item, ctx) => {
    oneTarget(item, ctx);
    if (item.condition === 'contains' && !TEXT_ATTRIBUTES.includes(item.attribute)) {
      ctx.addIssue({
        code: 'custom',
        path: ['condition'],
        message: '"contains" is for title and description; use "equals".',
      });
    }
  });

export const assignmentRuleBody = z.strictObject({
  active: z.boolean(),
  defaultOwner: z.strictObject(target).superRefine(oneTarget),
  items: z.array(assignmentItemSchema).max(ASSIGNMENT_MAX_ITEMS, `At most ${ASSIGNMENT_MAX_ITEMS} items.`),
});

export const assignmentRuleSchema = z.object({
  active: z.boolean(),
  defaultOwner: z.object({ ownerId: z.string().optional(), queueId: z.string().optional() }).nullable(),
  items: z.array(
    z.object({
      attribute: z.enum(ASSIGNMENT_ATTRIBUTES),
      condition: z.enum(['contains', 'equals']),
      value: z.string(),
      ownerId: z.string().optional(),
      queueId: z.string().optional(),
    }),
  ),
  updatedAt: timestampSchema.nullable(),
});

export type AssignmentRuleInput = z.output<typeof assignmentRuleBody>;
export type AssignmentItem = z.output<typeof assignmentItemSchema>;
