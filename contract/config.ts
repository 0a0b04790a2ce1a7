import { z } from 'zod';
import { idSchema, LIMITS, nameSchema, timestampSchema } from './common.js';
import { CUSTOM_FIELD_TYPES, PROCESS_LIMITS, CUSTOM_FIELD_LIMITS } from './constants.js';
export { CUSTOM_FIELD_TYPES, PROCESS_LIMITS, CUSTOM_FIELD_LIMITS } from './constants.js';

const statusName = z.string().trim().min(1).max(PROCESS_LIMITS.statusMax);

export const processSchema = z
  .array(statusName)
  .min(PROCESS_LIMITS.minStatuses)
  .max(PROCESS_LIMITS.maxStatuses)
  .superRefine((statuses, ctx) => {
    const seen = new Set<string>();
    statuses.forEach((s, i) => {
      if (seen.has(s))
        ctx.addIssue({ code: 'custom', message: 'Statuses must be unique within the process.', path: [i] });
      seen.add(s);
    });
  })
  .describe('The ordered statuses a case of this type moves through');

export const customFieldSchema = z
  .strictObject({
    key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,31}$/, 'a letter, then up to 31 letters, digits or _'),
    label: z.string().trim().min(1).max(CUSTOM_FIELD_LIMITS.labelMax),
    type: z.enum(CUSTOM_FIELD_TYPES),
    options: z
      .array(z.string().trim().min(1).max(CUSTOM_FIELD_LIMITS.optionMax))
      .max(CUSTOM_FIELD_LIMITS.maxOptions)
      .optional(),
    required: z.boolean().default(false),
  })
  .superRefine((field, ctx) => {
    const needsOptions = field.type === 'choice' || field.type === 'multiChoice';
    if (needsOptions && (!field.options || field.options.length === 0)) {
      ctx.addIssue({ code: 'custom', message: 'Choice fields need at least one option.', path: ['options'] });
    }
    if (!needsOptions && field.options !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'Only choice fields have options.', path: ['options'] });
    }
    if (field.options && new Set(field.options).size !== field.options.length) {
      ctx.addIssue({ code: 'custom', message: 'Options must be unique.', path: ['options'] });
    }
  });

const customFieldsSchema = z
  .array(customFieldSchema)
  .max(CUSTOM_FIELD_LIMITS.maxFields)
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (seen.has(f.key))
        ctx.addIssue({ code: 'custom', message: 'Keys must be unique.', path: [i, 'key'] });
      seen.add(f.key);
    });
  });

export type CustomFieldDefinition = z.output<typeof customFieldSchema>;

export const caseTypeSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  parentId: z.string().nullable(),
  ouId: z.string().nullable(),
  process: z.array(z.string()),
  strictOrder: z.boolean(),
  verifyTasks: z.boolean(),
  enabled: z.boolean(),
  customFields: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      type: z.enum(CUSTOM_FIELD_TYPES),
      options: z.array(z.string()).optional(),
      required: z.boolean(),
    }),
  ),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

export const createCaseTypeBody = z.strictObject({
  name: nameSchema,
  description: z.string().max(LIMITS.freeTextMax).default(''),
  parentId: idSchema.nullable().optional(),
  ouId: idSchema.nullable().optional(),
  process: processSchema,
  strictOrder: z.boolean().default(false),
  verifyTasks: z.boolean().default(false),
  enabled: z.boolean().default(true),
  customFields: customFieldsSchema.default([]),
});

export const updateCaseTypeBody = z.strictObject({
  name: nameSchema.optional(),
  description: z.string().max(LIMITS.freeTextMax).optional(),
  parentId: idSchema.nullable().optional(),
  ouId: idSchema.nullable().optional(),
  process: processSchema.optional(),
  strictOrder: z.boolean().optional(),
  verifyTasks: z.boolean().optional(),
  enabled: z.boolean().optional(),
  customFields: customFieldsSchema.optional(),
});

export const caseTypeListQuery = z.object({
  includeDisabled: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const queueSchema = z.object({
  id: z.string(),
  name: z.string(),
  ouId: z.string().nullable(),
  memberIds: z.array(z.string()),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

export const createQueueBody = z.strictObject({
  name: nameSchema,
  ouId: idSchema.nullable().optional(),
  memberIds: z.array(idSchema).max(500).default([]),
});

export const updateQueueBody = z.strictObject({
  name: nameSchema.optional(),
  ouId: idSchema.nullable().optional(),
  memberIds: z.array(idSchema).max(500).optional(),
});
