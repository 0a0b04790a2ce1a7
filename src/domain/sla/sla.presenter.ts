import type { z } from 'zod';
import type { calendarSchema, slaRuleSchema } from '../../../contract/sla.js';
import type { Calendar, SlaRule } from './calendar.js';

export function presentCalendar(calendar: Calendar): z.infer<typeof calendarSchema> {
  return {
    id: calendar.id,
    name: calendar.name,
    timeZone: calendar.timeZone,
    weekly: calendar.weekly,
    holidays: calendar.holidays,
    createdAt: calendar.createdAt,
    updatedAt: calendar.updatedAt,
  };
}

export function presentSlaRule(rule: SlaRule): z.infer<typeof slaRuleSchema> {
  return {
    id: rule.id,
    name: rule.name,
    caseTypeId: rule.caseTypeId,
    targets: rule.targets,
    warnBeforeMinutes: rule.warnBeforeMinutes,
    calendarId: rule.calendarId,
    active: rule.active,
    createdAt: rule.createdAt,
    updatedAt: rule.updatedAt,
  };
}
