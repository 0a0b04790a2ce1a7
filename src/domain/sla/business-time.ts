import { DateTime } from 'luxon';
import { minutesOfDay } from '../../../contract/sla.js';
import type { WorkingCalendar } from './calendar.js';

/**
 * Business-time arithmetic (SPEC §13 "SLA", "Calendars"). With a calendar only its weekly intervals,
 * read in its time zone, count; holidays (dates in that zone) count nothing. Without one, plain
 * calendar time. All local-time arithmetic goes through Luxon, so DST changes are the zone's.
 */

/** How many days the arithmetic walks before it gives up (a calendar with almost no working time). */
const MAX_DAYS = 366 * 25;

interface Compiled {
  zone: string;
  byDay: Map<number, [number, number][]>;
  holidays: Set<string>;
}

function compile(calendar: WorkingCalendar): Compiled {
  const byDay = new Map<number, [number, number][]>();
  for (const interval of calendar.weekly) {
    const list = byDay.get(interval.day) ?? [];
    list.push([minutesOfDay(interval.from), minutesOfDay(interval.to)]);
    byDay.set(interval.day, list);
  }
  for (const list of byDay.values()) list.sort((a, b) => a[0] - b[0]);
  return { zone: calendar.timeZone, byDay, holidays: new Set(calendar.holidays) };
}

/** The instant of a local time ("minutes since midnight", 1440 = the next midnight) on a local day. */
function localInstant(day: DateTime, minutes: number): number {
  if (minutes >= 1440) return day.plus({ days: 1 }).startOf('day').toMillis();
  return day
    .set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 })
    .toMillis();
}

/** The working intervals of one local day as [start, end) instants, in order; none on a holiday. */
function intervalsOf(c: Compiled, day: DateTime): [number, number][] {
  if (c.holidays.has(day.toISODate() ?? '')) return [];
  return (c.byDay.get(day.weekday) ?? []).map(([from, to]) => [
    localInstant(day, from),
    localInstant(day, to),
  ]);
}

function startOfLocalDay(at: number, zone: string): DateTime {
  return DateTime.fromMillis(at, { zone }).startOf('day');
}

function nextDay(day: DateTime): DateTime {
  return day.plus({ days: 1 }).startOf('day');
}

function previousDay(day: DateTime): DateTime {
  return day.minus({ days: 1 }).startOf('day');
}

function tooLittleWorkingTime(): Error {
  return new Error('The calendar has too little working time for this duration.');
}

/** The instant when `ms` of working time have passed after `start`. */
export function addWorkingTime(start: Date, ms: number, calendar: WorkingCalendar | null): Date {
  if (calendar === null) return new Date(start.getTime() + ms);
  if (ms <= 0) return new Date(start.getTime());
  const c = compile(calendar);
  let remaining = ms;
  let day = startOfLocalDay(start.getTime(), c.zone);
  for (let i = 0; i < MAX_DAYS; i++, day = nextDay(day)) {
    for (const [from, to] of intervalsOf(c, day)) {
      const begin = Math.max(from, start.getTime());
      if (to <= begin) continue;
      if (remaining <= to - begin) return new Date(begin + remaining);
      remaining -= to - begin;
    }
  }
  throw tooLittleWorkingTime();
}

/** The instant `ms` of working time before `end` (the SLA warning point before a due time). */
export function subtractWorkingTime(end: Date, ms: number, calendar: WorkingCalendar | null): Date {
  if (calendar === null) return new Date(end.getTime() - ms);
  if (ms <= 0) return new Date(end.getTime());
  const c = compile(calendar);
  let remaining = ms;
  let day = startOfLocalDay(end.getTime(), c.zone);
  for (let i = 0; i < MAX_DAYS; i++, day = previousDay(day)) {
    for (const [from, to] of intervalsOf(c, day).reverse()) {
      const finish = Math.min(to, end.getTime());
      if (finish <= from) continue;
      if (remaining <= finish - from) return new Date(finish - remaining);
      remaining -= finish - from;
    }
  }
  throw tooLittleWorkingTime();
}

/** The working time in [a, b) (0 when b is not after a). */
export function workingTimeBetween(a: Date, b: Date, calendar: WorkingCalendar | null): number {
  const from = a.getTime();
  const until = b.getTime();
  if (until <= from) return 0;
  if (calendar === null) return until - from;
  const c = compile(calendar);
  let total = 0;
  let day = startOfLocalDay(from, c.zone);
  for (let i = 0; day.toMillis() < until; i++, day = nextDay(day)) {
    if (i > MAX_DAYS) throw tooLittleWorkingTime();
    for (const [start, end] of intervalsOf(c, day)) {
      const overlap = Math.min(end, until) - Math.max(start, from);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}
