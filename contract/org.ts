import { z } from 'zod';
import { PERMISSIONS } from './permissions.js';
import {
  emailSchema,
  idSchema,
  LIMITS,
  languageSchema,
  nameSchema,
  passwordSchema,
  phoneSchema,
  slugSchema,
  timeZoneSchema,
  timestampSchema,
  dateTimeSchema,
} from './common.js';

export const tenantSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  timeZone: z.string(),
  defaultLanguage: languageSchema,
  ouIsolation: z.boolean(),
});

export const updateTenantBody = z.strictObject({
  name: nameSchema.optional(),
  timeZone: timeZoneSchema.optional(),
  defaultLanguage: languageSchema.optional(),
  ouIsolation: z.boolean().optional(),
});

export const createTenantInput = z.strictObject({
  slug: slugSchema,
  name: nameSchema,
  timeZone: timeZoneSchema.default('UTC'),
  defaultLanguage: languageSchema.default('en'),
  adminEmail: emailSchema,
  adminName: z.string().trim().min(1).max(LIMITS.userNameMax).default('Administrator'),
  adminPassword: passwordSchema,
});

export const ouSchema = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  leaderIds: z.array(z.string()),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

export const createOuBody = z.strictObject({
  name: nameSchema,
  parentId: idSchema.nullable().optional(),
  leaderIds: z.array(idSchema).max(50).default([]),
});

export const updateOuBody = z.strictObject({
  name: nameSchema.optional(),
  parentId: idSchema.nullable().optional(),
  leaderIds: z.array(idSchema).max(50).optional(),
});

export const permissionSchema = z.enum(PERMISSIONS);

export const roleSchema = z.object({
  id: z.string(),
  name: z.string(),
  permissions: z.array(permissionSchema),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

export const createRoleBody = z.strictObject({
  name: nameSchema,
  permissions: z.array(permissionSchema).max(PERMISSIONS.length * 2),
});

export const updateRoleBody = z.strictObject({
  name: nameSchema.optional(),
  permissions: z
    .array(permissionSchema)
    .max(PERMISSIONS.length * 2)
    .optional(),
});

export const permissionCatalogueSchema = z.object({
  items: z.array(z.object({ name: permissionSchema, label: z.object({ en: z.string(), zh: z.string() }) })),
});

const userNameSchema = z.string().trim().min(1).max(LIMITS.userNameMax);

/** A user as seen by those who manage users; others see only `id`, `name`, `ouId` and `disabled`. */
export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  ouId: z.string(),
  disabled: z.boolean(),
  email: z.string().optional(),
  phone: z.string().nullable().optional(),
  tenantAdmin: z.boolean().optional(),
  roleIds: z.array(z.string()).optional(),
  language: languageSchema.nullable().optional(),
  timeZone: z.string().nullable().optional(),
  createdAt: timestampSchema.optional(),
  updatedAt: timestampSchema.optional(),
});

export const createUserBody = z.strictObject({
  email: emailSchema,
  name: userNameSchema,
  password: passwordSchema,
  ouId: idSchema,
  roleIds: z.array(idSchema).max(50).default([]),
  phone: phoneSchema.nullable().optional(),
  tenantAdmin: z.boolean().default(false),
  language: languageSchema.nullable().optional(),
  timeZone: timeZoneSchema.nullable().optional(),
});

export const updateUserBody = z.strictObject({
  email: emailSchema.optional(),
  name: userNameSchema.optional(),
  password: passwordSchema.optional(),
  ouId: idSchema.optional(),
  roleIds: z.array(idSchema).max(50).optional(),
  phone: phoneSchema.nullable().optional(),
  tenantAdmin: z.boolean().optional(),
  disabled: z.boolean().optional(),
  language: languageSchema.nullable().optional(),
  timeZone: timeZoneSchema.nullable().optional(),
});

export const userListQuery = z.object({
  q: z.string().trim().max(LIMITS.freeTextMax).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(LIMITS.pageSizeMin)
    .max(LIMITS.pageSizeMax)
    .default(LIMITS.pageSizeDefault),
  cursor: z.string().max(512).optional(),
  ouId: z.string().optional(),
  includeDisabled: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const meSchema = z.object({
  user: userSchema,
  tenant: tenantSchema,
  permissions: z.array(permissionSchema),
  csrfToken: z.string().nullable(),
});

export const updateMeBody = z.strictObject({
  name: userNameSchema.optional(),
  language: languageSchema.nullable().optional(),
  timeZone: timeZoneSchema.nullable().optional(),
  currentPassword: z.string().max(LIMITS.passwordMax).optional(),
  newPassword: passwordSchema.optional(),
});

export const loginBody = z.strictObject({
  tenant: z.string().min(1).max(LIMITS.slugMax),
  email: z.string().min(1).max(LIMITS.emailMax),
  password: z.string().min(1).max(LIMITS.passwordMax),
});

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  userId: z.string(),
  createdAt: timestampSchema,
  expiresAt: timestampSchema.nullable(),
  lastUsedAt: timestampSchema.nullable(),
});

export const createTokenBody = z.strictObject({
  name: nameSchema,
  expiresAt: dateTimeSchema.nullable().optional(),
});

export const createdTokenSchema = apiTokenSchema.extend({
  token: z.string().describe('The bearer secret. Shown only in this response.'),
});

export const tokenListQuery = z.object({
  all: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
