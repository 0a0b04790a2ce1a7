import { z } from 'zod';
import { PRIORITIES } from './cases.js';
import { dateTimeSchema, idSchema, LIMITS, timestampSchema } from './common.js';
import {
  TASK_STATUSES,
  TASK_LIMITS,
  TASK_VIEWS,
  INTERNAL_RECORD_MAX,
  CONTACT_CHANNELS,
  CONTACT_DIRECTIONS,
} from './constants.js';
export {
  ATTACHMENT_LIMITS,
  TASK_STATUSES,
  TASK_LIMITS,
  TASK_VIEWS,
  INTERNAL_RECORD_MAX,
  CONTACT_CHANNELS,
  CONTACT_DIRECTIONS,
  CONTACT_WINDOW_MS,
} from './constants.js';

export const attachmentSchema = z.object({
  id: z.string(),
  name: z.string().describe('The stored (cleaned) file name'),
  size: z.number().int(),
  contentType: z.string(),
  uploaderId: z.string(),
  createdAt: timestampSchema,
});

export const taskSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNo: z.number().int(),
  title: z.string(),
  description: z.string(),
  ownerId: z.string().nullable(),
  ouId: z.string().nullable(),
  priority: z.enum(PRIORITIES),
  dueAt: timestampSchema.nullable(),
  status: z.enum(TASK_STATUSES),
  creatorId: z.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  completedAt: timestampSchema.nullable(),
  abilities: z.object({
    changeStatus: z.boolean(),
    transfer: z.boolean(),
    addRecord: z.boolean(),
    attach: z.boolean(),
    edit: z.boolean().describe('PATCH of title, description, priority and due time'),
  }),
});

export const createTaskBody = z
  .strictObject({
    title: z.string().trim().min(1).max(TASK_LIMITS.titleMax),
    description: z.string().max(TASK_LIMITS.descriptionMax).default(''),
    ownerId: idSchema.optional(),
    ouId: idSchema.optional(),
    priority: z.enum(PRIORITIES).default('medium'),
    dueAt: dateTimeSchema.nullable().optional(),
  })
  .superRefine((body, ctx) => {
    if (body.ownerId === undefined && body.ouId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['ownerId'], message: 'Give an owner, an OU, or both.' });
    }
  });

export const updateTaskBody = z.strictObject({
  title: z.string().trim().min(1).max(TASK_LIMITS.titleMax).optional(),
  description: z.string().max(TASK_LIMITS.descriptionMax).optional(),
  priority: z.enum(PRIORITIES).optional(),
  dueAt: dateTimeSchema.nullable().optional(),
});

export const transferTaskBody = z.strictObject({
  ownerId: idSchema,
  remark: z.string().max(LIMITS.freeTextMax).optional(),
});
export const taskStatusBody = z.strictObject({
  status: z.enum(TASK_STATUSES),
  remark: z.string().max(LIMITS.freeTextMax).optional(),
});

export const taskRecordSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  title: z.string(),
  body: z.string(),
  authorId: z.string(),
  createdAt: timestampSchema,
});
export const createTaskRecordBody = z.strictObject({
  title: z.string().trim().min(1).max(TASK_LIMITS.recordTitleMax),
  body: z.string().min(1).max(TASK_LIMITS.recordBodyMax),
});

export const taskListQuery = z.strictObject({
  view: z.enum(TASK_VIEWS).default('todo'),
  status: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    )
    .pipe(z.array(z.enum(TASK_STATUSES)).min(1))
    .optional(),
  caseId: z.string().max(64).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(LIMITS.pageSizeMin)
    .max(LIMITS.pageSizeMax)
    .default(LIMITS.pageSizeDefault),
  cursor: z.string().max(512).optional(),
});

export const internalRecordSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  body: z.string(),
  authorId: z.string(),
  createdAt: timestampSchema,
});
export const createInternalRecordBody = z.strictObject({
  body: z
    .string()
    .min(1)
    .max(INTERNAL_RECORD_MAX)
    .refine((v) => v.trim().length > 0, { error: 'must not be blank' }),
});

export const contactRecordSchema = z.object({
  id: z.string(),
  channel: z.enum(CONTACT_CHANNELS),
  direction: z.enum(CONTACT_DIRECTIONS),
  caller: z.string(),
  callee: z.string(),
  agentId: z.string().nullable(),
  customerId: z.string().nullable(),
  startedAt: timestampSchema,
  endedAt: timestampSchema.nullable(),
  summary: z.string().nullable(),
  createdAt: timestampSchema,
});

export const createContactRecordBody = z
  .strictObject({
    channel: z.enum(CONTACT_CHANNELS),
    direction: z.enum(CONTACT_DIRECTIONS),
    caller: z.string().trim().min(1).max(128),
    callee: z.string().trim().min(1).max(128),
    agentId: idSchema.nullable().optional(),
    customerId: idSchema.nullable().optional(),
    startedAt: dateTimeSchema,
    endedAt: dateTimeSchema.nullable().optional(),
    summary: z.string().max(LIMITS.freeTextMax).nullable().optional(),
  })
  .superRefine((body, ctx) => {
    if (body.endedAt && new Date(body.endedAt).getTime() < new Date(body.startedAt).getTime()) {
      ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'The end lies before the start.' });
    }
  });

export const mergeBody = z.strictObject({
  caseIds: z.array(idSchema).min(1).max(50).describe('The secondary cases (at most 10 are merged at once)'),
  remark: z.string().max(LIMITS.freeTextMax).optional(),
});

export const evaluationSchema = z.object({
  evaluation: z
    .object({
      rating: z.number().int(),
      comment: z.string().nullable(),
      source: z.enum(['agent', 'customer']),
      actorId: z.string().nullable(),
      createdAt: timestampSchema,
    })
    .nullable(),
  customerLink: z
    .object({ url: z.string(), expiresAt: timestampSchema })
    .nullable()
    .describe('The customer link while it is valid and unused'),
  history: z.array(
    z.object({
      closing: z.number().int(),
      rating: z.number().int(),
      comment: z.string().nullable(),
      source: z.enum(['agent', 'customer']),
      createdAt: timestampSchema,
    }),
  ),
});

export const evaluateBody = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: z.string().max(LIMITS.freeTextMax).optional(),
});

export const publicEvaluationSchema = z.object({
  caseNo: z.number().int(),
  title: z.string(),
  tenantName: z.string(),
});
