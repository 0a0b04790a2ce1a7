import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createRoleFixture,
  createTenantFixture,
  createUserFixture,
  problem,
  signIn,
  startTestApp,
  type TenantFixture,
  type TestApp,
} from '../support/app.js';
import {
  createCaseFixture,
  createCaseTypeFixture,
  createCustomerFixture,
  putCaseInState,
  type CaseJson,
} from '../support/cases.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const berlinHours = {
  name: 'Berlin office',
  timeZone: 'Europe/Berlin',
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '17:00' })),
  holidays: ['2026-04-03'],
};
const targets = { critical: 30, high: 60, medium: 240, low: 480 };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface Setup {
  tenant: TenantFixture;
  typeId: string;
  otherTypeId: string;
  process: string[];
  customerId: string;
}

async function setup(): Promise<Setup> {
  const tenant = await createTenantFixture(t);
  const { id: typeId, process } = await createCaseTypeFixture(t, tenant, { process: ['New', 'Done'] });
  const { id: otherTypeId } = await createCaseTypeFixture(t, tenant);
  const customerId = await createCustomerFixture(t, tenant);
  return { tenant, typeId, otherTypeId, process, customerId };
}

async function createdId(response: LightMyRequestResponse): Promise<string> {
  if (response.statusCode !== 201) throw new Error(`expected 201: ${response.statusCode} ${response.body}`);
  return Promise.resolve(response.json<{ id: string }>().id);
}

async function calendarOf(s: Setup, body: Record<string, unknown> = berlinHours): Promise<string> {
  return createdId(await api(t.app, s.tenant.admin).post('/api/v1/calendars', body));
}

async function ruleOf(s: Setup, body: Record<string, unknown>): Promise<string> {
  return createdId(
    await api(t.app, s.tenant.admin).post('/api/v1/sla-rules', {
      name: `Rule ${Math.random().toString(36).slice(2, 8)}`,
      targets,
      ...body,
    }),
  );
}

/** Moves the held clock a long way: the session would idle out, so the administrator signs in again. */
async function jumpTo(s: Setup, at: string): Promise<void> {
  t.clock.set(at);
  s.tenant.admin = await signIn(t.app, s.tenant.slug, s.tenant.adminEmail);
}

async function warnAtOf(caseId: string): Promise<string | null> {
  const row = await t.ctx.db
    .selectFrom('cases')
    .select('sla_warn_at')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  return row.sla_warn_at;
}

async function operate(s: Setup, caseId: string, operation: string): Promise<CaseJson> {
  const response = await api(t.app, s.tenant.admin).post(`/api/v1/cases/${caseId}/${operation}`, {});
  if (response.statusCode !== 200) throw new Error(`${operation}: ${response.statusCode} ${response.body}`);
  return response.json<CaseJson>();
}

describe('calendars', () => {
  it('creates, reads, lists, changes and deletes a calendar', async () => {
    const s = await setup();
    const admin = api(t.app, s.tenant.admin);
    const created = await admin.post('/api/v1/calendars', {
      ...berlinHours,
      weekly: [
        { day: 1, from: '13:00', to: '18:00' },
        { day: 1, from: '09:00', to: '12:00' },
        { day: 7, from: '00:00', to: '24:00' },
      ],
      holidays: ['2026-12-25', '2026-04-03', '2026-12-25'],
    });
    expect(created.statusCode).toBe(201);
    const calendar = created.json<{ id: string; holidays: string[]; weekly: unknown[] }>();
    expect(calendar.holidays).toEqual(['2026-04-03', '2026-12-25']);
    expect(calendar.weekly).toHaveLength(3);
    expect((await admin.get(`/api/v1/calendars/${calendar.id}`)).json()).toEqual(calendar);
    expect((await admin.get('/api/v1/calendars')).json<{ items: unknown[] }>().items).toHaveLength(1);

    const patched = await admin.patch(`/api/v1/calendars/${calendar.id}`, {
      name: 'Renamed',
      timeZone: 'Asia/Shanghai',
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Renamed', timeZone: 'Asia/Shanghai' });

    expect((await admin.delete(`/api/v1/calendars/${calendar.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/calendars/${calendar.id}`)).statusCode).toBe(404);
  });

  it('refuses each malformed field with 400 naming it', async () => {
    const s = await setup();
    const admin = api(t.app, s.tenant.admin);
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x'.repeat(65) }, 'name'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ weekly: [{ day: 8, from: '09:00', to: '17:00' }] }, 'weekly.0.day'],
      [{ weekly: [{ day: 0, from: '09:00', to: '17:00' }] }, 'weekly.0.day'],
      [{ weekly: [{ day: 1, from: '9:00', to: '17:00' }] }, 'weekly.0.from'],
      [{ weekly: [{ day: 1, from: '17:00', to: '09:00' }] }, 'weekly.0.to'],
      [{ weekly: [{ day: 1, from: '22:00', to: '02:00' }] }, 'weekly.0.to'],
      [
        {
          weekly: [
            { day: 2, from: '09:00', to: '12:00' },
            { day: 2, from: '11:00', to: '14:00' },
          ],
        },
        'weekly.1.from',
      ],
      [{ weekly: [] }, 'weekly'],
      [{ holidays: ['2026-02-30'] }, 'holidays.0'],
      [{ holidays: ['25.12.2026'] }, 'holidays.0'],
    ];
    for (const [override, field] of cases) {
      const response = await admin.post('/api/v1/calendars', { ...berlinHours, ...override });
      expect(response.statusCode, JSON.stringify(override)).toBe(400);
      expect(problem(response).errors?.map((e) => e.field)).toContain(field);
    }
    // Touching intervals of one day are fine; the same hours on different days, too.
    const touching = await admin.post('/api/v1/calendars', {
      ...berlinHours,
      weekly: [
        { day: 2, from: '09:00', to: '12:00' },
        { day: 2, from: '12:00', to: '14:00' },
        { day: 3, from: '09:00', to: '12:00' },
      ],
    });
    expect(touching.statusCode).toBe(201);
  });

  it('answers 401, 403, 404 for another tenant, 409 for a duplicate name and for a calendar in use', async () => {
    const s = await setup();
    const admin = api(t.app, s.tenant.admin);
    expect((await api(t.app).get('/api/v1/calendars')).statusCode).toBe(401);
    const id = await calendarOf(s);

    const agent = await createUserFixture(t, s.tenant, {
      roleIds: [await createRoleFixture(t, s.tenant, ['case.edit'])],
    });
    const asAgent = api(t.app, agent.session);
    expect(problem(await asAgent.get('/api/v1/calendars')).code).toBe('forbidden');
    expect((await asAgent.get(`/api/v1/calendars/${id}`)).statusCode).toBe(403);
    expect((await asAgent.post('/api/v1/calendars', { ...berlinHours, name: 'Other' })).statusCode).toBe(403);

    const manager = await createUserFixture(t, s.tenant, {
      roleIds: [await createRoleFixture(t, s.tenant, ['config.manage'])],
    });
    expect((await api(t.app, manager.session).get(`/api/v1/calendars/${id}`)).statusCode).toBe(200);

    const other = await createTenantFixture(t);
    const asOther = api(t.app, other.admin);
    expect((await asOther.get(`/api/v1/calendars/${id}`)).statusCode).toBe(404);
    expect((await asOther.patch(`/api/v1/calendars/${id}`, { name: 'x'.repeat(100) })).statusCode).toBe(404);
    expect((await asOther.delete(`/api/v1/calendars/${id}`)).statusCode).toBe(404);

    const duplicate = await admin.post('/api/v1/calendars', berlinHours);
    expect(duplicate.statusCode).toBe(409);
    expect(problem(duplicate).code).toBe('already_exists');
    const second = await calendarOf(s, { ...berlinHours, name: 'Second' });
    expect(problem(await admin.patch(`/api/v1/calendars/${second}`, { name: berlinHours.name })).code).toBe(
      'already_exists',
    );

    const ruleId = await ruleOf(s, { calendarId: id, active: false });
    const inUse = await admin.delete(`/api/v1/calendars/${id}`);
    expect(inUse.statusCode).toBe(409);
    expect(problem(inUse).code).toBe('in_use');
    expect((await admin.delete(`/api/v1/sla-rules/${ruleId}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/v1/calendars/${id}`)).statusCode).toBe(204);
  });
});

describe('SLA rules', () => {
  it('creates, reads, lists, changes and deletes a rule', async () => {
    const s = await setup();
    const admin = api(t.app, s.tenant.admin);
    const calendarId = await calendarOf(s);
    const created = await admin.post('/api/v1/sla-rules', {
      name: 'Standard',
      caseTypeId: s.typeId,
      targets,
      warnBeforeMinutes: 15,
      calendarId,
    });
    expect(created.statusCode).toBe(201);
    const rule = created.json<{ id: string }>();
    expect(rule).toMatchObject({
      name: 'Standard',
      caseTypeId: s.typeId,
      targets,
      warnBeforeMinutes: 15,
      calendarId,
      active: true,
    });
    expect((await admin.get(`/api/v1/sla-rules/${rule.id}`)).json()).toEqual(rule);
    expect((await admin.get('/api/v1/sla-rules')).json<{ items: unknown[] }>().items).toEqual([rule]);

    const patched = await admin.patch(`/api/v1/sla-rules/${rule.id}`, {
      caseTypeId: null,
      calendarId: null,
      active: false,
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ caseTypeId: null, calendarId: null, active: false });
    expect((await admin.delete(`/api/v1/sla-rules/${rule.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/sla-rules/${rule.id}`)).statusCode).toBe(404);

    const defaults = await admin.post('/api/v1/sla-rules', { name: 'Defaults', targets });
    expect(defaults.json()).toMatchObject({
      caseTypeId: null,
      calendarId: null,
      warnBeforeMinutes: 0,
      active: true,
    });
  });

  it('refuses each malformed field and unknown references with 400 naming the field', async () => {
    const s = await setup();
    const admin = api(t.app, s.tenant.admin);
    const other = await setup();
    const foreignCalendar = await calendarOf(other);
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '' }, 'name'],
      [{ targets: { ...targets, high: 0 } }, 'targets.high'],
      [{ targets: { ...targets, low: 1.5 } }, 'targets.low'],
      [{ targets: { critical: 1, high: 2, medium: 3 } }, 'targets.low'],
      [{ warnBeforeMinutes: -1 }, 'warnBeforeMinutes'],
      [{ active: 'yes' }, 'active'],
      [{ caseTypeId: 'no-such-type' }, 'caseTypeId'],
      [{ caseTypeId: other.typeId }, 'caseTypeId'],
      [{ calendarId: 'no-such-calendar' }, 'calendarId'],
      [{ calendarId: foreignCalendar }, 'calendarId'],
    ];
    for (const [override, field] of cases) {
      const response = await admin.post('/api/v1/sla-rules', { name: 'Rule', targets, ...override });
      expect(response.statusCode, JSON.stringify(override)).toBe(400);
      expect(problem(response).errors?.map((e) => e.field)).toContain(field);
    }
    const id = await ruleOf(s, {});
    const badPatch = await admin.patch(`/api/v1/sla-rules/${id}`, { calendarId: foreignCalendar });
    expect(problem(badPatch).errors?.map((e) => e.field)).toEqual(['calendarId']);
  });

  it('allows one active rule per case type and one active default: 409 sla_rule_conflict', async () => {
    const s = await setup();
    const admin = api(t.app, s.tenant.admin);
    await ruleOf(s, {});
    const secondDefault = await admin.post('/api/v1/sla-rules', { name: 'Default 2', targets });
    expect(secondDefault.statusCode).toBe(409);
    expect(problem(secondDefault).code).toBe('sla_rule_conflict');
    const inactive = await ruleOf(s, { active: false });
    expect(problem(await admin.patch(`/api/v1/sla-rules/${inactive}`, { active: true })).code).toBe(
      'sla_rule_conflict',
    );

    const typeRule = await ruleOf(s, { caseTypeId: s.typeId });
    expect(
      problem(await admin.post('/api/v1/sla-rules', { name: 'Type 2', targets, caseTypeId: s.typeId })).code,
    ).toBe('sla_rule_conflict');
    // An inactive one for the type is fine; so is an active one for another type.
    await ruleOf(s, { caseTypeId: s.typeId, active: false });
    const otherType = await ruleOf(s, { caseTypeId: s.otherTypeId });
    // Moving an active rule onto a type that has one is a conflict too.
    expect(problem(await admin.patch(`/api/v1/sla-rules/${otherType}`, { caseTypeId: s.typeId })).code).toBe(
      'sla_rule_conflict',
    );
    // Changing an active rule itself is not a conflict with itself.
    expect(
      (await admin.patch(`/api/v1/sla-rules/${typeRule}`, { warnBeforeMinutes: 5, active: true })).statusCode,
    ).toBe(200);
    expect(
      problem(
        await admin.post('/api/v1/sla-rules', {
          name: (await admin.get(`/api/v1/sla-rules/${typeRule}`)).json<{ name: string }>().name,
          targets,
          active: false,
        }),
      ).code,
    ).toBe('already_exists');
  });

  it('answers 401, 403 and 404 for another tenant', async () => {
    const s = await setup();
    const id = await ruleOf(s, {});
    expect((await api(t.app).get('/api/v1/sla-rules')).statusCode).toBe(401);
    expect((await api(t.app).get(`/api/v1/sla-rules/${id}`)).statusCode).toBe(401);
    const agent = await createUserFixture(t, s.tenant);
    const asAgent = api(t.app, agent.session);
    expect((await asAgent.get('/api/v1/sla-rules')).statusCode).toBe(403);
    expect((await asAgent.get(`/api/v1/sla-rules/${id}`)).statusCode).toBe(403);
    expect((await asAgent.patch(`/api/v1/sla-rules/${id}`, { active: false })).statusCode).toBe(403);
    expect((await asAgent.delete(`/api/v1/sla-rules/${id}`)).statusCode).toBe(403);
    expect((await asAgent.post('/api/v1/sla-rules', { name: 'Mine', targets })).statusCode).toBe(403);
    const other = await createTenantFixture(t);
    const asOther = api(t.app, other.admin);
    expect((await asOther.get(`/api/v1/sla-rules/${id}`)).statusCode).toBe(404);
    expect((await asOther.patch(`/api/v1/sla-rules/${id}`, { active: 'no' })).statusCode).toBe(404);
    expect((await asOther.delete(`/api/v1/sla-rules/${id}`)).statusCode).toBe(404);
  });
});

describe('SLA due times', () => {
  it('without a rule a case has no due time and no SLA', async () => {
    t.clock.set('2026-01-05T09:00:00.000Z');
    const s = await setup();
    const c = await createCaseFixture(t, s.tenant.admin, { typeId: s.typeId, customerId: s.customerId });
    expect(c).toMatchObject({ dueAt: null, dueAtSource: null, sla: null });
    expect(await warnAtOf(c.id)).toBeNull();
  });

  it('a rule in calendar time sets dueAt, dueAtSource "sla", remainingMs and the warning point', async () => {
    t.clock.set('2026-01-05T09:00:00.000Z');
    const s = await setup();
    await ruleOf(s, { warnBeforeMinutes: 30 });
    const c = await createCaseFixture(t, s.tenant.admin, { typeId: s.typeId, customerId: s.customerId });
    expect(c).toMatchObject({
      dueAt: '2026-01-05T13:00:00.000Z',
      dueAtSource: 'sla',
      sla: { dueAt: '2026-01-05T13:00:00.000Z', remainingMs: 4 * HOUR, overdue: false },
    });
    expect(await warnAtOf(c.id)).toBe('2026-01-05T12:30:00.000Z');
    t.clock.advance(HOUR);
    const read = (await api(t.app, s.tenant.admin).get(`/api/v1/cases/${c.id}`)).json<CaseJson>();
    expect(read.sla).toMatchObject({ remainingMs: 3 * HOUR });
  });

  it('a manual due time stays manual and gets the warning point of the rule', async () => {
    t.clock.set('2026-01-05T09:00:00.000Z');
    const s = await setup();
    await ruleOf(s, { warnBeforeMinutes: 30 });
    const c = await createCaseFixture(t, s.tenant.admin, {
      typeId: s.typeId,
      customerId: s.customerId,
      dueAt: '2026-01-06T09:00:00.000Z',
    });
    expect(c).toMatchObject({ dueAt: '2026-01-06T09:00:00.000Z', dueAtSource: 'manual' });
    expect(await warnAtOf(c.id)).toBe('2026-01-06T08:30:00.000Z');
    // Upgrading keeps a manual due time.
    expect((await operate(s, c.id, 'upgrade')).dueAt).toBe('2026-01-06T09:00:00.000Z');
  });

  it('counts business hours over a weekend, and an upgrade recomputes from the start', async () => {
    t.clock.set('2026-03-06T15:00:00.000Z');
    const s = await setup();
    const calendarId = await calendarOf(s);
    await ruleOf(s, { calendarId, targets: { ...targets, medium: 120 }, warnBeforeMinutes: 60 });
    // Friday 16:00 in Berlin (CET): one working hour left this week.
    const c = await createCaseFixture(t, s.tenant.admin, { typeId: s.typeId, customerId: s.customerId });
    expect(c).toMatchObject({ dueAt: '2026-03-09T09:00:00.000Z', dueAtSource: 'sla' });
    expect((c.sla as { remainingMs: number }).remainingMs).toBe(66 * HOUR);
    // The warning one business hour before: Monday 09:00 CET.
    expect(await warnAtOf(c.id)).toBe('2026-03-09T08:00:00.000Z');

    t.clock.set('2026-03-06T15:20:00.000Z');
    const upgraded = await operate(s, c.id, 'upgrade');
    // high = 60 business minutes from Friday 16:00: Friday 17:00 CET.
    expect(upgraded).toMatchObject({
      priority: 'high',
      dueAt: '2026-03-06T16:00:00.000Z',
      dueAtSource: 'sla',
    });
    expect(await warnAtOf(c.id)).toBe('2026-03-06T15:00:00.000Z');
    const downgraded = await operate(s, c.id, 'downgrade');
    expect(downgraded).toMatchObject({ priority: 'medium', dueAt: '2026-03-09T09:00:00.000Z' });
  });

  it('suspending for 2 hours and resuming pushes the due time by 2 hours (calendar time)', async () => {
    t.clock.set('2026-01-05T09:00:00.000Z');
    const s = await setup();
    await ruleOf(s, {});
    const c = await createCaseFixture(t, s.tenant.admin, { typeId: s.typeId, customerId: s.customerId });
    expect(c.dueAt).toBe('2026-01-05T13:00:00.000Z');
    t.clock.advance(HOUR);
    const suspended = await operate(s, c.id, 'suspend');
    expect(suspended.sla).toMatchObject({ remainingMs: 3 * HOUR });
    t.clock.advance(2 * HOUR);
    expect(
      (
        (await api(t.app, s.tenant.admin).get(`/api/v1/cases/${c.id}`)).json<CaseJson>().sla as {
          remainingMs: number;
        }
      ).remainingMs,
    ).toBe(3 * HOUR);
    const resumed = await operate(s, c.id, 'resume');
    expect(resumed).toMatchObject({
      dueAt: '2026-01-05T15:00:00.000Z',
      suspendedMs: 2 * HOUR,
      sla: { remainingMs: 3 * HOUR },
    });
    // Upgrade after the pause: high (60 min) from the start plus the 2 hours paused.
    t.clock.advance(10 * MINUTE);
    expect((await operate(s, c.id, 'upgrade')).dueAt).toBe('2026-01-05T12:00:00.000Z');
  });

  it('with a calendar, a suspension pushes the due time by the business time it took', async () => {
    t.clock.set('2026-03-02T08:00:00.000Z');
    const s = await setup();
    const calendarId = await calendarOf(s);
    await ruleOf(s, { calendarId, targets: { ...targets, medium: 480, high: 240 }, warnBeforeMinutes: 60 });
    // Monday 09:00 CET, 8 business hours: due Monday 17:00 CET.
    const c = await createCaseFixture(t, s.tenant.admin, { typeId: s.typeId, customerId: s.customerId });
    expect(c.dueAt).toBe('2026-03-02T16:00:00.000Z');
    t.clock.set('2026-03-02T09:00:00.000Z');
    await operate(s, c.id, 'suspend');
    // Resumed Tuesday 10:00 CET: 8 business hours (and 24 real hours) later.
    await jumpTo(s, '2026-03-03T09:00:00.000Z');
    const resumed = await operate(s, c.id, 'resume');
    expect(resumed).toMatchObject({ dueAt: '2026-03-03T16:00:00.000Z', suspendedMs: 24 * HOUR });
    expect(await warnAtOf(c.id)).toBe('2026-03-03T15:00:00.000Z');
    // high (4 business hours) from Monday 09:00 plus the 8 business hours paused: Tuesday 13:00 CET.
    expect((await operate(s, c.id, 'upgrade')).dueAt).toBe('2026-03-03T12:00:00.000Z');
  });

  it('a restart sets a new SLA due time from the restart; a manual one stays', async () => {
    t.clock.set('2026-01-05T09:00:00.000Z');
    const s = await setup();
    await ruleOf(s, { warnBeforeMinutes: 10 });
    const c = await createCaseFixture(t, s.tenant.admin, { typeId: s.typeId, customerId: s.customerId });
    const manual = await createCaseFixture(t, s.tenant.admin, {
      typeId: s.typeId,
      customerId: s.customerId,
      dueAt: '2026-01-07T09:00:00.000Z',
    });
    await putCaseInState(t, s.tenant.admin, c.id, 'closed', s.process);
    await putCaseInState(t, s.tenant.admin, manual.id, 'closed', s.process);
    await jumpTo(s, '2026-01-06T10:00:00.000Z');
    const restarted = await operate(s, c.id, 'restart');
    expect(restarted).toMatchObject({ state: 'open', dueAt: '2026-01-06T14:00:00.000Z', dueAtSource: 'sla' });
    expect(await warnAtOf(c.id)).toBe('2026-01-06T13:50:00.000Z');
    const restartedManual = await operate(s, manual.id, 'restart');
    expect(restartedManual).toMatchObject({ dueAt: '2026-01-07T09:00:00.000Z', dueAtSource: 'manual' });
  });

  it('the active rule of the case type beats the tenant default; inactive rules do not apply', async () => {
    t.clock.set('2026-01-05T09:00:00.000Z');
    const s = await setup();
    await ruleOf(s, {});
    await ruleOf(s, { caseTypeId: s.typeId, targets: { ...targets, medium: 60 } });
    await ruleOf(s, { caseTypeId: s.otherTypeId, targets: { ...targets, medium: 15 }, active: false });
    const ofType = await createCaseFixture(t, s.tenant.admin, { typeId: s.typeId, customerId: s.customerId });
    const ofOther = await createCaseFixture(t, s.tenant.admin, {
      typeId: s.otherTypeId,
      customerId: s.customerId,
    });
    expect(ofType.dueAt).toBe('2026-01-05T10:00:00.000Z');
    expect(ofOther.dueAt).toBe('2026-01-05T13:00:00.000Z');
  });
});
