import { isForeignKeyViolation } from '../../../db/errors.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../shared/errors.js';
import type { Calendar } from '../calendar.js';
import { deleteCalendarRow } from '../calendars.repository.js';
import { isCalendarUsed } from '../sla-rules.repository.js';

const USED_BY_RULES = 'SLA rules measure their targets with this calendar; change them first.';

/** Deletes a calendar no SLA rule (active or not) uses; otherwise 409 `in_use`. */
export async function deleteCalendar(ctx: AppContext, calendar: Calendar): Promise<void> {
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (await isCalendarUsed(trx, calendar.tenantId, calendar.id))
        throw new AppError('in_use', USED_BY_RULES);
      await deleteCalendarRow(trx, calendar.tenantId, calendar.id);
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new AppError('in_use', USED_BY_RULES);
    throw error;
  }
}
