import { z } from 'zod';
import { idSchema, nameSchema, timestampSchema, timeZoneSchema } from './common.js';
import { SLA_LIMITS } from './constants.js';
export { SLA_LIMITS } from './constants.js';

const clockTime = /^([01]\d|2[0-3]):[0-5]\d$/;
const clockTimeOrMidnight = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** Minutes since local midnight of an "HH:MM" (or "24:00") time. */
export function minutesOfDay(time: string): number {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y = 0, m = 0, d = 0] = text.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const weeklyIntervalSchema = z.strictObject({
  day: z.number().int().min(1).max(7).describe('ISO weekday, Monday = 1'),
  from: z.string().regex(clockTime, 'HH:MM'),
  to: z.string().regex(clockTimeOrMidnight, 'HH:MM (24:00 for the end of the day)'),
});

export const weeklySchema = z
  .array(weeklyIntervalSchema)
  .min(1)
  .max(SLA_LIMITS.maxWeeklyIntervals)
  .superRefine((intervals, ctx) => {
    intervals.forEach((interval, i) => {
      if (minutesOfDay(interval.from) >= minutesOfDay(interval.to)) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be after from (no interval crosses midnight)',
          path: [i, 'to'],
        });
        return;
      }
      const overlapping = intervals.some(
        (other, j) =>
          j < i &&
          other.day === interval.day &&
          minutesOfDay(other.from) < minutesOfDay(other.to) &&
          minutesOfDay(other.from) < minutesOfDay(interval.to) &&
          minutesOfDay(interval.from) < minutesOfDay(other.to),
      );
      if (overlapping)
        ctx.addIssue({
          code: 'custom',
          message: 'overlaps another interval of the same day',
          path: [i, 'from'],
        });
    });
  })
  .describe('Working intervals per ISO weekday, in the calendar time zone');

export const holidaysSchema = z
  .array(z.string().refine(isCalendarDate, { error: 'must be a date YYYY-MM-DD' }))
  .max(SLA_LIMITS.maxHolidays)
  .describe('Dates (YYYY-MM-DD, in the calendar time zone) without working time');

export const calendarSchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  weekly: z.array(z.object({ day: z.number().int(), from: z.string(), to: z.string() })),
  holidays: z.array(z.string()),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

export const createCalendarBody = z.strictObject({
  name: nameSchema,
  timeZone: timeZoneSchema,
  weekly: weeklySchema,
  holidays: holidaysSchema.default([]),
});

export const updateCalendarBody = z.strictObject({
  name: nameSchema.optional(),
  timeZone: timeZoneSchema.optional(),
  weekly: weeklySchema.optional(),
  holidays: holidaysSchema.optional(),
});

const targetMinutes = z.number().int().min(1).max(SLA_LIMITS.targetMaxMinutes);

export const slaTargetsSchema = z
  .strictObject({ critical: targetMinutes, high: targetMinutes, medium: targetMinutes, low: targetMinutes })
  .describe('Resolution time per priority, in minutes (business minutes with a calendar)');

export const slaRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  caseTypeId: z.string().nullable().describe('null: the tenant default rule'),
  targets: z.object({ critical: z.number(), high: z.number(), medium: z.number(), low: z.number() }),
  warnBeforeMinutes: z.number().int(),
  calendarId: z.string().nullable(),
  active: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

const warnBeforeMinutes = z.number().int().min(0).max(SLA_LIMITS.targetMaxMinutes);

export const createSlaRuleBody = z.strictObject({
  name: nameSchema,
  caseTypeId: idSchema.nullable().optional(),
  targets: slaTargetsSchema,
  warnBeforeMinutes: warnBeforeMinutes.default(0),
  calendarId: idSchema.nullable().optional(),
  active: z.boolean().default(true),
});

export const updateSlaRuleBody = z.strictObject({
  name: nameSchema.optional(),
  caseTypeId: idSchema.nullable().optional(),
  targets: slaTargetsSchema.optional(),
  warnBeforeMinutes: warnBeforeMinutes.optional(),
  calendarId: idSchema.nullable().optional(),
  active: z.boolean().optional(),
});
