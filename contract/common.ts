import { z } from 'zod';
import { LIMITS, LANGUAGES } from './constants.js';
export { LIMITS, LANGUAGES } from './constants.js';
export type { Language } from './constants.js';

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const idSchema = z.string().min(1).max(64).describe('An opaque id');
export const nameSchema = z.string().trim().min(1).max(LIMITS.nameMax);
export const emailSchema = z
  .string()
  .trim()
  .max(LIMITS.emailMax)
  .pipe(z.email())
  .transform((v) => v.toLowerCase());
export const phoneSchema = z.string().trim().min(1).max(LIMITS.phoneMax);
export const passwordSchema = z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax);
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, { error: 'must be an IANA time zone such as Europe/Berlin or Asia/Shanghai' })
  .describe('IANA time zone');
export const languageSchema = z.enum(LANGUAGES);
export const slugSchema = z
  .string()
  .min(LIMITS.slugMin)
  .max(LIMITS.slugMax)
  .regex(/^[a-z0-9-]+$/, 'only a-z, 0-9 and -');
export const dateTimeSchema = z.iso.datetime({ offset: true }).describe('ISO-8601 date and time');
export const timestampSchema = z.string().describe('ISO-8601 UTC timestamp');

export const idParams = z.strictObject({ id: z.string() });

export const pageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(LIMITS.pageSizeMin)
    .max(LIMITS.pageSizeMax)
    .default(LIMITS.pageSizeDefault),
  cursor: z.string().max(512).optional(),
});

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable(),
    total: z.number().int(),
    totalCapped: z.boolean().optional(),
  });
}

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details');
