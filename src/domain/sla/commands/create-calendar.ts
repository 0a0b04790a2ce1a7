import type { z } from 'zod';
import type { createCalendarBody } from '../../../../contract/sla.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor, AppContext } from '../../context.js';
import { alreadyExists } from '../../shared/errors.js';
import type { Calendar } from '../calendar.js';
import { findCalendarByName, insertCalendar } from '../calendars.repository.js';

const DUPLICATE = 'A calendar with this name';

/** Creates a business-hours calendar (weekly intervals in a time zone, holidays). */
export async function createCalendar(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof createCalendarBody>,
): Promise<Calendar> {
  const now = ctx.clock.now().toISOString();
  const calendar: Calendar = {
    tenantId: actor.tenantId,
    id: newId(),
    name: input.name,
    timeZone: input.timeZone,
    weekly: input.weekly,
    holidays: [...new Set(input.holidays)].sort(),
    createdAt: now,
    updatedAt: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (await findCalendarByName(trx, actor.tenantId, calendar.name))
        throw alreadyExists('name', DUPLICATE);
      await insertCalendar(trx, calendar);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists('name', DUPLICATE);
    throw error;
  }
  return calendar;
}
