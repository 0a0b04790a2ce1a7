import { describe, expect, it } from 'vitest';
import { addWorkingTime, subtractWorkingTime, workingTimeBetween } from './business-time.js';
import type { WorkingCalendar } from './calendar.js';

const HOUR = 3_600_000;
const weekdays = (from: string, to: string) => [1, 2, 3, 4, 5].map((day) => ({ day, from, to }));
const allWeek = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' }));

const berlin: WorkingCalendar = {
  timeZone: 'Europe/Berlin',
  weekly: weekdays('09:00', '17:00'),
  holidays: [],
};
const newYork: WorkingCalendar = {
  timeZone: 'America/New_York',
  weekly: weekdays('09:00', '17:00'),
  holidays: [],
};
const lunchBreak: WorkingCalendar = {
  timeZone: 'UTC',
  weekly: [...weekdays('13:00', '18:00'), ...weekdays('09:00', '12:00')],
  holidays: [],
};
const add = (start: string, ms: number, calendar: WorkingCalendar | null) =>
  addWorkingTime(new Date(start), ms, calendar).toISOString();

describe('addWorkingTime', () => {
  it('is plain calendar time without a calendar', () => {
    expect(add('2026-03-06T15:00:00.000Z', 50 * HOUR, null)).toBe('2026-03-08T17:00:00.000Z');
  });

  it('skips the weekend (Friday 16:00 + 2 h = Monday 10:00, Berlin)', () => {
    expect(add('2026-03-06T15:00:00.000Z', 2 * HOUR, berlin)).toBe('2026-03-09T09:00:00.000Z');
  });

  it('ends at the end of an interval rather than at the next start', () => {
    expect(add('2026-03-06T15:00:00.000Z', HOUR, berlin)).toBe('2026-03-06T16:00:00.000Z');
  });

  it('crosses the spring DST change in Berlin (last Sunday of March)', () => {
    // Friday 16:00 CET (UTC+1) + 2 h: Monday 10:00 CEST (UTC+2).
    expect(add('2026-03-27T15:00:00.000Z', 2 * HOUR, berlin)).toBe('2026-03-30T08:00:00.000Z');
  });

  it('crosses the autumn DST change in Berlin (last Sunday of October)', () => {
    // Friday 16:00 CEST + 2 h: Monday 10:00 CET.
    expect(add('2026-10-23T14:00:00.000Z', 2 * HOUR, berlin)).toBe('2026-10-26T09:00:00.000Z');
  });

  it('counts a 23-hour DST day as 23 hours in a round-the-clock calendar', () => {
    const always: WorkingCalendar = { timeZone: 'Europe/Berlin', weekly: allWeek, holidays: [] };
    // Saturday 12:00 CET + 24 h of working time = 24 real hours later (13:00 CEST on Sunday).
    expect(add('2026-03-28T11:00:00.000Z', 24 * HOUR, always)).toBe('2026-03-29T11:00:00.000Z');
  });

  it('crosses the DST change in New York (second Sunday of March)', () => {
    // Friday 16:00 EST (UTC-5) + 2 h: Monday 10:00 EDT (UTC-4).
    expect(add('2026-03-06T21:00:00.000Z', 2 * HOUR, newYork)).toBe('2026-03-09T14:00:00.000Z');
  });

  it('uses several intervals of one day (09:00-12:00 and 13:00-18:00)', () => {
    expect(add('2026-01-05T11:00:00.000Z', 3 * HOUR, lunchBreak)).toBe('2026-01-05T15:00:00.000Z');
    expect(add('2026-01-05T12:30:00.000Z', HOUR, lunchBreak)).toBe('2026-01-05T14:00:00.000Z');
    expect(add('2026-01-05T17:00:00.000Z', 2 * HOUR, lunchBreak)).toBe('2026-01-06T10:00:00.000Z');
  });

  it('starts counting at the next working interval when started outside working hours', () => {
    expect(add('2026-01-05T07:00:00.000Z', HOUR, lunchBreak)).toBe('2026-01-05T10:00:00.000Z');
    // Saturday night: Monday 09:00 + 1 h.
    expect(add('2026-01-10T23:00:00.000Z', HOUR, lunchBreak)).toBe('2026-01-12T10:00:00.000Z');
  });

  it('skips holidays (Good Friday and Easter Monday)', () => {
    const easter: WorkingCalendar = { ...berlin, holidays: ['2026-04-03', '2026-04-06'] };
    // Thursday 16:00 CEST + 2 h: Tuesday 10:00 CEST.
    expect(add('2026-04-02T14:00:00.000Z', 2 * HOUR, easter)).toBe('2026-04-07T08:00:00.000Z');
    // Started on the holiday itself.
    expect(add('2026-04-03T08:00:00.000Z', HOUR, easter)).toBe('2026-04-07T08:00:00.000Z');
  });

  it('reads holidays as dates in the calendar zone', () => {
    const tokyo: WorkingCalendar = {
      timeZone: 'Asia/Tokyo',
      weekly: weekdays('09:00', '17:00'),
      holidays: ['2026-01-06'],
    };
    // 2026-01-05T23:00Z is Tuesday 6 January 08:00 in Tokyo (a holiday there, still Monday in UTC).
    expect(add('2026-01-05T23:00:00.000Z', HOUR, tokyo)).toBe('2026-01-07T01:00:00.000Z');
  });
});

describe('subtractWorkingTime', () => {
  it('goes back over the weekend for the warning point', () => {
    expect(subtractWorkingTime(new Date('2026-03-09T09:00:00.000Z'), 2 * HOUR, berlin).toISOString()).toBe(
      '2026-03-06T15:00:00.000Z',
    );
  });

  it('goes back over a DST change', () => {
    expect(subtractWorkingTime(new Date('2026-03-30T08:00:00.000Z'), 2 * HOUR, berlin).toISOString()).toBe(
      '2026-03-27T15:00:00.000Z',
    );
  });

  it('is plain calendar time without a calendar, and the due time itself for 0', () => {
    expect(subtractWorkingTime(new Date('2026-03-09T09:00:00.000Z'), 2 * HOUR, null).toISOString()).toBe(
      '2026-03-09T07:00:00.000Z',
    );
    expect(subtractWorkingTime(new Date('2026-03-09T09:00:00.000Z'), 0, berlin).toISOString()).toBe(
      '2026-03-09T09:00:00.000Z',
    );
  });

  it('undoes addWorkingTime', () => {
    const start = new Date('2026-01-05T11:30:00.000Z');
    const due = addWorkingTime(start, 7 * HOUR, lunchBreak);
    expect(subtractWorkingTime(due, 7 * HOUR, lunchBreak).toISOString()).toBe(start.toISOString());
  });
});

describe('workingTimeBetween', () => {
  it('counts only working intervals', () => {
    expect(
      workingTimeBetween(new Date('2026-03-06T15:00:00.000Z'), new Date('2026-03-09T09:00:00.000Z'), berlin),
    ).toBe(2 * HOUR);
    expect(
      workingTimeBetween(
        new Date('2026-01-05T08:00:00.000Z'),
        new Date('2026-01-05T20:00:00.000Z'),
        lunchBreak,
      ),
    ).toBe(8 * HOUR);
  });

  it('is 0 for an empty or reversed span and wall time without a calendar', () => {
    const a = new Date('2026-03-06T15:00:00.000Z');
    const b = new Date('2026-03-09T09:00:00.000Z');
    expect(workingTimeBetween(b, a, berlin)).toBe(0);
    expect(workingTimeBetween(a, b, null)).toBe(b.getTime() - a.getTime());
  });

  it('counts a 25-hour DST day fully in a round-the-clock calendar (New York, November)', () => {
    const always: WorkingCalendar = { timeZone: 'America/New_York', weekly: allWeek, holidays: [] };
    // Saturday 00:00 EDT to Monday 00:00 EST: 49 hours.
    expect(
      workingTimeBetween(new Date('2026-10-31T04:00:00.000Z'), new Date('2026-11-02T05:00:00.000Z'), always),
    ).toBe(49 * HOUR);
  });

  it('pushes a due time by the business time a suspension took', () => {
    // Created Monday 09:00 CET with 8 h: due 17:00. Suspended 10:00, resumed Tuesday 10:00 (8 business hours).
    const due = addWorkingTime(new Date('2026-03-02T08:00:00.000Z'), 8 * HOUR, berlin);
    expect(due.toISOString()).toBe('2026-03-02T16:00:00.000Z');
    const paused = workingTimeBetween(
      new Date('2026-03-02T09:00:00.000Z'),
      new Date('2026-03-03T09:00:00.000Z'),
      berlin,
    );
    expect(paused).toBe(8 * HOUR);
    // 7 h were left at the suspension: Tuesday 10:00 + 7 h = 17:00.
    expect(addWorkingTime(due, paused, berlin).toISOString()).toBe('2026-03-03T16:00:00.000Z');
  });
});
