/** One working interval of a weekday, local to the calendar's zone ("HH:MM"; `to` may be "24:00"). */
export interface WeeklyInterval {
  day: number;
  from: string;
  to: string;
}

/** Business hours: a weekly schedule in a time zone, minus holidays (dates in that zone). */
export interface WorkingCalendar {
  timeZone: string;
  weekly: WeeklyInterval[];
  holidays: string[];
}

export interface Calendar extends WorkingCalendar {
  tenantId: string;
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface SlaTargets {
  critical: number;
  high: number;
  medium: number;
  low: number;
}

export interface SlaRule {
  tenantId: string;
  id: string;
  name: string;
  /** null: the tenant default rule. */
  caseTypeId: string | null;
  /** Minutes per priority (business minutes when the rule has a calendar). */
  targets: SlaTargets;
  warnBeforeMinutes: number;
  calendarId: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}
