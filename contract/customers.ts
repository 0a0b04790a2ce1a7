import { z } from 'zod';
import { emailSchema, idSchema, LIMITS, phoneSchema, timestampSchema } from './common.js';
import { CUSTOMER_LIMITS, GENDERS } from './constants.js';
export { CUSTOMER_LIMITS, GENDERS } from './constants.js';

export const customerSchema = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.enum(GENDERS).nullable(),
  phones: z.array(z.string()),
  email: z.string().nullable(),
  company: z.string().nullable(),
  address: z.string().nullable(),
  remark: z.string().nullable(),
  ouId: z.string().nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

const customerFields = {
  name: z.string().trim().min(1).max(CUSTOMER_LIMITS.nameMax),
  gender: z.enum(GENDERS).nullable().optional(),
  phones: z.array(phoneSchema).max(CUSTOMER_LIMITS.maxPhones),
  email: emailSchema.nullable().optional(),
  company: z.string().trim().max(CUSTOMER_LIMITS.companyMax).nullable().optional(),
  address: z.string().trim().max(CUSTOMER_LIMITS.addressMax).nullable().optional(),
  remark: z.string().max(CUSTOMER_LIMITS.remarkMax).nullable().optional(),
  ouId: idSchema.nullable().optional(),
};

export const createCustomerBody = z.strictObject({
  ...customerFields,
  phones: customerFields.phones.default([]),
});

/** The customer given inline when creating a case (API.md). */
export const inlineCustomerBody = z.strictObject({
  name: customerFields.name,
  phones: customerFields.phones.default([]),
  email: customerFields.email,
  company: customerFields.company,
  gender: customerFields.gender,
});

export const updateCustomerBody = z.strictObject({
  name: customerFields.name.optional(),
  gender: customerFields.gender,
  phones: customerFields.phones.optional(),
  email: customerFields.email,
  company: customerFields.company,
  address: customerFields.address,
  remark: customerFields.remark,
  ouId: customerFields.ouId,
});

export const customerListQuery = z.object({
  q: z
    .string()
    .trim()
    .min(2)
    .max(LIMITS.freeTextMax)
    .optional()
    .describe('Searches name, phone and e-mail (at least 2 characters)'),
  ouId: z.string().optional(),
  limit: z.coerce
    .number()
    .int()
    .min(LIMITS.pageSizeMin)
    .max(LIMITS.pageSizeMax)
    .default(LIMITS.pageSizeDefault),
  cursor: z.string().max(512).optional(),
});
