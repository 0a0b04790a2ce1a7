import type { Executor } from '../../db/connection.js';
import { fromJson, toJson } from '../../db/json.js';
import type { CalendarsTable } from '../../db/schema.js';
import type { Calendar, WeeklyInterval } from './calendar.js';

function toCalendar(row: CalendarsTable): Calendar {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    weekly: fromJson<WeeklyInterval[]>(row.weekly),
    holidays: fromJson<string[]>(row.holidays),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findCalendar(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<Calendar | undefined> {
  const row = await db
    .selectFrom('calendars')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toCalendar(row) : undefined;
}

export async function findCalendarByName(
  db: Executor,
  tenantId: string,
  name: string,
): Promise<Calendar | undefined> {
  const row = await db
    .selectFrom('calendars')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? toCalendar(row) : undefined;
}

export async function listCalendars(db: Executor, tenantId: string): Promise<Calendar[]> {
  const rows = await db
    .selectFrom('calendars')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(toCalendar);
}

export async function insertCalendar(db: Executor, calendar: Calendar): Promise<void> {
  await db
    .insertInto('calendars')
    .values({
      tenant_id: calendar.tenantId,
      id: calendar.id,
      name: calendar.name,
      time_zone: calendar.timeZone,
      weekly: toJson(calendar.weekly),
      holidays: toJson(calendar.holidays),
      created_at: calendar.createdAt,
      updated_at: calendar.updatedAt,
    })
    .execute();
}

export async function updateCalendarRow(db: Executor, calendar: Calendar): Promise<void> {
  await db
    .updateTable('calendars')
    .set({
      name: calendar.name,
      time_zone: calendar.timeZone,
      weekly: toJson(calendar.weekly),
      holidays: toJson(calendar.holidays),
      updated_at: calendar.updatedAt,
    })
    .where('tenant_id', '=', calendar.tenantId)
    .where('id', '=', calendar.id)
    .execute();
}

export async function deleteCalendarRow(db: Executor, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('calendars').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}
