import { z } from 'zod';
import { dateTimeSchema, idSchema, LIMITS, phoneSchema, timestampSchema } from './common.js';
import { inlineCustomerBody } from './customers.js';
import { PRIORITIES, ORIGINS, CASE_STATES, ABILITY_NAMES, CASE_LIMITS, VIEWS, SORTS } from './constants.js';
import type { AbilityName } from './constants.js';
export {
  PRIORITIES,
  ORIGINS,
  CASE_STATES,
  CASE_OPERATIONS,
  ABILITY_NAMES,
  CASE_LIMITS,
  VIEWS,
  SORTS,
} from './constants.js';
export type {
  Priority,
  Origin,
  CaseState,
  CaseOperation,
  AbilityName,
  CaseView,
  CaseSort,
} from './constants.js';

const title = z.string().trim().min(1).max(CASE_LIMITS.titleMax);
const description = z
  .string()
  .min(1)
  .max(CASE_LIMITS.descriptionMax)
  .refine((v) => v.trim().length > 0, { error: 'must not be blank' });
const remark = z.string().max(CASE_LIMITS.remarkMax);
const customFieldValue = z.union([z.string(), z.number(), z.array(z.string()), z.null()]);

export const customerNotifySchema = z.strictObject({
  email: z.boolean().default(false),
  sms: z.boolean().default(false),
});

export const createCaseBody = z
  .strictObject({
    typeId: idSchema,
    title,
    description,
    priority: z.enum(PRIORITIES),
    origin: z.enum(ORIGINS),
    customerId: idSchema.optional(),
    customer: inlineCustomerBody.optional(),
    ownerId: idSchema.optional(),
    queueId: idSchema.optional(),
    assignment: z.literal('auto').optional(),
    ouId: idSchema.optional(),
    dueAt: dateTimeSchema.nullable().optional(),
    contactPhone: phoneSchema.max(CASE_LIMITS.contactPhoneMax).nullable().optional(),
    interactionId: idSchema.nullable().optional(),
    customerNotify: customerNotifySchema.optional(),
    customFields: z.record(z.string(), customFieldValue).default({}),
  })
  .superRefine((body, ctx) => {
    if ((body.customerId === undefined) === (body.customer === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['customerId'], message: 'Give either customerId or customer.' });
    }
    const owners = [body.ownerId, body.queueId, body.assignment].filter((v) => v !== undefined).length;
    if (owners > 1)
      ctx.addIssue({
        code: 'custom',
        path: ['ownerId'],
        message: 'Give at most one of ownerId, queueId and assignment.',
      });
  });

export const editCaseBody = z.strictObject({
  title: title.optional(),
  description: description.optional(),
  dueAt: dateTimeSchema.nullable().optional(),
  customerId: idSchema.optional(),
  contactPhone: phoneSchema.max(CASE_LIMITS.contactPhoneMax).nullable().optional(),
  customFields: z.record(z.string(), customFieldValue).optional(),
  remark: remark.optional(),
});

export const remarkBody = z.strictObject({ remark: remark.optional() }).default({});
export const transferBody = z
  .strictObject({
    ownerId: idSchema.optional(),
    queueId: idSchema.optional(),
    remark: remark.trim().min(1, 'A transfer needs a remark.'),
  })
  .superRefine((body, ctx) => {
    if ((body.ownerId === undefined) === (body.queueId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['ownerId'], message: 'Give either ownerId or queueId.' });
    }
  });
export const statusBody = z.strictObject({ status: z.string().min(1).max(32), remark: remark.optional() });
export const commentBody = z.strictObject({
  body: z
    .string()
    .min(1)
    .max(CASE_LIMITS.commentMax)
    .refine((v) => v.trim().length > 0, { error: 'must not be blank' }),
});

export const slaSchema = z.object({
  dueAt: timestampSchema,
  remainingMs: z.number().int(),
  overdue: z.boolean(),
});

export const caseSchema = z.object({
  id: z.string(),
  caseNo: z.number().int(),
  typeId: z.string(),
  title: z.string(),
  displayTitle: z.string(),
  description: z.string(),
  priority: z.enum(PRIORITIES),
  originalPriority: z.enum(PRIORITIES),
  upgraded: z.boolean(),
  origin: z.enum(ORIGINS),
  customerId: z.string(),
  contactPhone: z.string().nullable(),
  ownerId: z.string().nullable(),
  queueId: z.string().nullable(),
  creatorId: z.string(),
  ouId: z.string().nullable(),
  state: z.enum(CASE_STATES),
  status: z.string(),
  reopened: z.boolean(),
  reopenCount: z.number().int(),
  suspendedMs: z.number().int(),
  mergedIntoId: z.string().nullable(),
  interactionId: z.string().nullable(),
  customerNotify: z.object({ email: z.boolean(), sms: z.boolean() }),
  customFields: z.record(z.string(), customFieldValue),
  dueAt: timestampSchema.nullable(),
  dueAtSource: z.enum(['sla', 'manual']).nullable(),
  sla: slaSchema.nullable(),
  followed: z.boolean(),
  version: z.number().int(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  closedAt: timestampSchema.nullable(),
  abilities: z.object(
    Object.fromEntries(ABILITY_NAMES.map((a) => [a, z.boolean()])) as Record<AbilityName, z.ZodBoolean>,
  ),
});

/** A case as listed on the workbench: the case without its description and abilities. */
export const caseListItemSchema = caseSchema.omit({ description: true, abilities: true }).extend({
  customerName: z.string().nullable().describe("The customer's name, so that a list needs no lookup per row"),
});

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    )
    .pipe(z.array(z.enum(values)).min(1));
const idCsv = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  )
  .pipe(z.array(z.string().max(64)).min(1).max(50));
const booleanText = z.enum(['true', 'false']).transform((v) => v === 'true');

export const caseListQuery = z.strictObject({
  view: z.enum(VIEWS).default('todo'),
  state: csv(CASE_STATES).optional(),
  status: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    )
    .pipe(z.array(z.string().max(32)).min(1).max(20))
    .optional(),
  typeId: idCsv.optional(),
  priority: csv(PRIORITIES).optional(),
  origin: csv(ORIGINS).optional(),
  ownerId: idCsv.optional(),
  queueId: idCsv.optional(),
  customerId: idCsv.optional(),
  ouId: idCsv.optional(),
  upgraded: booleanText.optional(),
  reopened: booleanText.optional(),
  overdue: booleanText.optional(),
  dueWithinHours: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .optional(),
  createdFrom: dateTimeSchema.optional(),
  createdTo: dateTimeSchema.optional(),
  dueFrom: dateTimeSchema.optional(),
  dueTo: dateTimeSchema.optional(),
  q: z.string().trim().min(CASE_LIMITS.searchMin).max(CASE_LIMITS.searchMax).optional(),
  sort: z.enum(SORTS).default('-createdAt'),
  limit: z.coerce
    .number()
    .int()
    .min(LIMITS.pageSizeMin)
    .max(LIMITS.pageSizeMax)
    .default(LIMITS.pageSizeDefault),
  cursor: z.string().max(512).optional(),
});
export type CaseListQuery = z.output<typeof caseListQuery>;

export const caseCountsSchema = z.object({
  todo: z.number().int(),
  followed: z.number().int(),
  created: z.number().int(),
  processed: z.number().int(),
  all: z.number().int().nullable().describe('null without case.queryAll'),
});

export const trackEntrySchema = z.object({
  id: z.string(),
  kind: z.string(),
  actorId: z.string().nullable(),
  at: timestampSchema,
  remark: z.string().optional(),
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).optional(),
  body: z.string().optional(),
});

export const trackQuery = z.strictObject({
  limit: z.coerce.number().int().min(LIMITS.pageSizeMin).max(LIMITS.pageSizeMax).default(100),
  cursor: z.string().max(512).optional(),
});

export const historicalCasesQuery = z.strictObject({
  excludeCaseId: z.string().max(64).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(LIMITS.pageSizeMin)
    .max(LIMITS.pageSizeMax)
    .default(LIMITS.pageSizeDefault),
  cursor: z.string().max(512).optional(),
});
