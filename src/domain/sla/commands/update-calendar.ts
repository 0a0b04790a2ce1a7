import type { z } from 'zod';
import type { updateCalendarBody } from '../../../../contract/sla.js';
import { isUniqueViolation } from '../../../db/errors.js';
import type { AppContext } from '../../context.js';
import { alreadyExists } from '../../shared/errors.js';
import type { Calendar } from '../calendar.js';
import { findCalendarByName, updateCalendarRow } from '../calendars.repository.js';

const DUPLICATE = 'A calendar with this name';

/**
 * Changes a calendar. Due times already set stay as they are; the new hours count from the next
 * computation (a new case, a resume, an upgrade, a restart).
 */
export async function updateCalendar(
  ctx: AppContext,
  calendar: Calendar,
  patch: z.output<typeof updateCalendarBody>,
): Promise<Calendar> {
  const updated: Calendar = {
    ...calendar,
    name: patch.name ?? calendar.name,
    timeZone: patch.timeZone ?? calendar.timeZone,
    weekly: patch.weekly ?? calendar.weekly,
    holidays: patch.holidays ? [...new Set(patch.holidays)].sort() : calendar.holidays,
    updatedAt: ctx.clock.now().toISOString(),
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (updated.name !== calendar.name) {
        const clash = await findCalendarByName(trx, calendar.tenantId, updated.name);
        if (clash && clash.id !== calendar.id) throw alreadyExists('name', DUPLICATE);
      }
      await updateCalendarRow(trx, updated);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists('name', DUPLICATE);
    throw error;
  }
  return updated;
}
