import type { Priority } from '../../../contract/cases.js';
import type { Executor } from '../../db/connection.js';
import type { Case } from '../cases/case.js';
import { addWorkingTime, subtractWorkingTime, workingTimeBetween } from './business-time.js';
import type { Calendar, SlaRule } from './calendar.js';
import { findCalendar } from './calendars.repository.js';
import { findActiveSlaRule } from './sla-rules.repository.js';

const MINUTE_MS = 60_000;

/** The SLA rule that applies to a case, with the calendar its times are counted in (null: calendar time). */
export interface AppliedSla {
  rule: SlaRule;
  calendar: Calendar | null;
}

/** The active rule of the case type, else the active tenant default, else none. */
export async function slaFor(db: Executor, tenantId: string, caseTypeId: string): Promise<AppliedSla | null> {
  const rule =
    (await findActiveSlaRule(db, tenantId, caseTypeId)) ?? (await findActiveSlaRule(db, tenantId, null));
  if (!rule) return null;
  const calendar = rule.calendarId ? ((await findCalendar(db, tenantId, rule.calendarId)) ?? null) : null;
  return { rule, calendar };
}

/**
 * The SLA due time at a priority: `start` plus the target plus the time paused since (all in business
 * time when the rule has a calendar).
 */
export function slaDueAt(sla: AppliedSla, priority: Priority, start: Date, pausedMs = 0): string {
  return addWorkingTime(start, sla.rule.targets[priority] * MINUTE_MS + pausedMs, sla.calendar).toISOString();
}

/** The warning point: where the working time left before `dueAt` equals the rule's warnBefore. */
export function slaWarnAt(sla: AppliedSla | null, dueAt: string | null): string | null {
  if (sla === null || dueAt === null) return null;
  return subtractWorkingTime(
    new Date(dueAt),
    sla.rule.warnBeforeMinutes * MINUTE_MS,
    sla.calendar,
  ).toISOString();
}

/** How much SLA time a pause from `pausedAt` to `now` took: business time with a calendar. */
export function pausedSlaTime(sla: AppliedSla | null, pausedAt: string, now: Date): number {
  return workingTimeBetween(new Date(pausedAt), now, sla?.calendar ?? null);
}

/** Moves a due time by paused SLA time (business time with a calendar). */
export function pushDueAt(sla: AppliedSla | null, dueAt: string, pausedMs: number): string {
  return addWorkingTime(new Date(dueAt), pausedMs, sla?.calendar ?? null).toISOString();
}

/**
 * The due time after a priority change: recomputed from the last start plus the time paused since
 * when it came from the SLA; otherwise kept. The warning point follows.
 */
export function dueAfterPriorityChange(
  sla: AppliedSla | null,
  c: Case,
  priority: Priority,
): Pick<Case, 'dueAt' | 'dueAtSource' | 'slaWarnAt'> {
  const dueAt =
    sla && c.dueAtSource === 'sla'
      ? slaDueAt(sla, priority, new Date(c.slaStartedAt), c.pausedMsSinceStart)
      : c.dueAt;
  return { dueAt, dueAtSource: c.dueAtSource, slaWarnAt: slaWarnAt(sla, dueAt) };
}

/** The due time after a restart at `now`: a new SLA one when a rule applies; a manual one stays. */
export function dueAfterRestart(
  sla: AppliedSla | null,
  c: Case,
  priority: Priority,
  now: Date,
): Pick<Case, 'dueAt' | 'dueAtSource' | 'slaWarnAt'> {
  if (c.dueAtSource === 'manual' || sla === null)
    return { dueAt: c.dueAt, dueAtSource: c.dueAtSource, slaWarnAt: slaWarnAt(sla, c.dueAt) };
  const dueAt = slaDueAt(sla, priority, now);
  return { dueAt, dueAtSource: 'sla', slaWarnAt: slaWarnAt(sla, dueAt) };
}
