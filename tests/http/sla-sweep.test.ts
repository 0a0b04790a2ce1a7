import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import type { AppContext } from '../../src/domain/context.js';
import { runWorkerOnce, startWorker, type WorkerOptions } from '../../src/domain/notifications/worker.js';
import { sweepSla } from '../../src/domain/sla/sla-sweep.js';
import { MINUTE_MS } from '../../src/lib/clock.js';
import {
  api,
  createTenantFixture,
  createUserFixture,
  startTestApp,
  type TenantFixture,
  type TestApp,
  type UserFixture,
} from '../support/app.js';
import {
  createCaseFixture,
  createCaseTypeFixture,
  createCustomerFixture,
  createQueueFixture,
  type CaseJson,
} from '../support/cases.js';
import { testDialect } from '../support/database.js';
import { startMailSink, type MailSink } from '../support/mail.js';

let t: TestApp;
let mail: MailSink;
const FAST: Partial<WorkerOptions> = { timeouts: { timeoutMs: 3000 }, backoffMs: 1000, maxAttempts: 3 };

beforeAll(async () => {
  t = await startTestApp();
  mail = await startMailSink();
});
afterAll(async () => {
  await mail.close();
  await t.close();
});
afterEach(async () => {
  // The sweep works across tenants: leave no open case and nothing due for the next test.
  await t.ctx.db.updateTable('cases').set({ state: 'cancelled' }).where('state', '=', 'open').execute();
  await t.ctx.db
    .updateTable('notifications')
    .set({ status: 'failed', last_error: 'test over' })
    .where('status', 'in', ['pending', 'sending'])
    .execute();
});

/** Runs worker rounds until nothing is due. */
async function drain(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const round = await runWorkerOnce(t.ctx, FAST);
    if (round.claimed === 0) return;
  }
  throw new Error('the outbox did not drain');
}

interface Setup {
  tenant: TenantFixture;
  typeId: string;
  customerId: string;
  owner: UserFixture;
  leader: UserFixture;
}

/**
 * A tenant with SMTP, e-mail templates for both SLA kinds, a rule (medium: 60 minutes, warn 15 before)
 * and an owner whose home OU has a leader.
 */
async function setup(rule: { medium?: number; warnBeforeMinutes?: number } = {}): Promise<Setup> {
  const tenant = await createTenantFixture(t);
  const admin = api(t.app, tenant.admin);
  const channels = await admin.put('/api/v1/notification-channels', {
    smtp: { host: '127.0.0.1', port: mail.port, secure: false, from: 'casedesk@example.test' },
  });
  expect(channels.statusCode, channels.body).toBe(200);
  for (const [kind, word] of [
    ['slaWarning', 'warning'],
    ['slaTimeout', 'timeout'],
  ] as const) {
    const created = await admin.post('/api/v1/reminder-templates', {
      name: kind,
      kind,
      channel: 'email',
      enabled: true,
      subject: `SLA ${word}: case {{case.no}}`,
      body: `Hello, case {{case.no}} of {{owner.name}} is due at {{case.dueAt}}.`,
    });
    expect(created.statusCode, created.body).toBe(201);
  }
  const { id: typeId } = await createCaseTypeFixture(t, tenant);
  const ruleResponse = await admin.post('/api/v1/sla-rules', {
    name: 'Standard',
    caseTypeId: typeId,
    targets: { critical: 30, high: 45, medium: rule.medium ?? 60, low: 480 },
    warnBeforeMinutes: rule.warnBeforeMinutes ?? 15,
  });
  expect(ruleResponse.statusCode, ruleResponse.body).toBe(201);
  const leader = await createUserFixture(t, tenant, { name: 'Lena Leader' });
  const ou = await admin.post('/api/v1/ous', {
    name: 'Support',
    parentId: tenant.rootOuId,
    leaderIds: [leader.id],
  });
  expect(ou.statusCode, ou.body).toBe(201);
  const owner = await createUserFixture(t, tenant, {
    name: 'Olga Owner',
    ouId: ou.json<{ id: string }>().id,
  });
  const customerId = await createCustomerFixture(t, tenant);
  return { tenant, typeId, customerId, owner, leader };
}

async function caseOf(s: Setup, body: Record<string, unknown> = {}): Promise<CaseJson> {
  return createCaseFixture(t, s.tenant.admin, {
    typeId: s.typeId,
    customerId: s.customerId,
    ...('queueId' in body ? {} : { ownerId: s.owner.id }),
    ...body,
  });
}

async function outboxOf(caseId: string) {
  return t.ctx.db
    .selectFrom('notifications')
    .select(['kind', 'recipient', 'recipient_user_id', 'dedupe_key', 'status'])
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('kind')
    .execute();
}

async function dueAtOf(caseId: string): Promise<string> {
  const row = await t.ctx.db
    .selectFrom('cases')
    .select('due_at')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  if (row.due_at === null) throw new Error('the case has no due time');
  return row.due_at;
}

describe('SLA sweep', () => {
  it('warns at the warning point and times out at the due time, once each, owner and OU leader', async () => {
    const s = await setup();
    const created = t.clock.now().getTime();
    const c = await caseOf(s);
    const dueAt = await dueAtOf(c.id);
    expect(dueAt).toBe(new Date(created + 60 * MINUTE_MS).toISOString());

    t.clock.set(new Date(created + 45 * MINUTE_MS - 1000));
    expect(await sweepSla(t.ctx)).toEqual({ warnings: 0, timeouts: 0 });
    await drain();
    expect(mail.to(s.owner.email)).toHaveLength(0);

    t.clock.set(new Date(created + 45 * MINUTE_MS));
    expect(await sweepSla(t.ctx)).toEqual({ warnings: 1, timeouts: 0 });
    await drain();
    const [warning] = mail.to(s.owner.email);
    expect(mail.to(s.owner.email)).toHaveLength(1);
    expect(warning?.subject).toBe(`SLA warning: case ${c.caseNo}`);
    expect(warning?.text?.trim()).toBe(`Hello, case ${c.caseNo} of Olga Owner is due at ${dueAt}.`);
    const leaderMail = mail.to(s.leader.email);
    expect(leaderMail).toHaveLength(1);
    expect(leaderMail[0]?.subject).toBe(`SLA warning: case ${c.caseNo}`);
    expect(leaderMail[0]?.text).toContain('of Olga Owner is due');

    // Again: nothing new.
    t.clock.advance(MINUTE_MS);
    expect(await sweepSla(t.ctx)).toEqual({ warnings: 0, timeouts: 0 });
    await drain();
    expect(mail.to(s.owner.email)).toHaveLength(1);

    t.clock.set(new Date(created + 60 * MINUTE_MS - 1000));
    expect(await sweepSla(t.ctx)).toEqual({ warnings: 0, timeouts: 0 });
    t.clock.set(dueAt);
    expect(await sweepSla(t.ctx)).toEqual({ warnings: 0, timeouts: 1 });
    expect(await sweepSla(t.ctx)).toEqual({ warnings: 0, timeouts: 0 });
    await drain();
    expect(mail.to(s.owner.email).map((m) => m.subject)).toEqual([
      `SLA warning: case ${c.caseNo}`,
      `SLA timeout: case ${c.caseNo}`,
    ]);
    expect(mail.to(s.leader.email).map((m) => m.subject)).toEqual([
      `SLA warning: case ${c.caseNo}`,
      `SLA timeout: case ${c.caseNo}`,
    ]);

    const rows = await outboxOf(c.id);
    expect(rows.map((r) => [r.kind, r.recipient_user_id, r.status, r.dedupe_key])).toEqual(
      expect.arrayContaining([
        ['slaWarning', s.owner.id, 'sent', `slaWarning:${c.id}:${dueAt}:email:${s.owner.id}`],
        ['slaWarning', s.leader.id, 'sent', `slaWarning:${c.id}:${dueAt}:email:${s.leader.id}`],
        ['slaTimeout', s.owner.id, 'sent', `slaTimeout:${c.id}:${dueAt}:email:${s.owner.id}`],
        ['slaTimeout', s.leader.id, 'sent', `slaTimeout:${c.id}:${dueAt}:email:${s.leader.id}`],
      ]),
    );
    expect(rows).toHaveLength(4);
  });

  it('does not sweep a suspended case; after resuming, the moved due time gets its own notifications', async () => {
    const s = await setup();
    const c = await caseOf(s);
    const suspended = await api(t.app, s.tenant.admin).post(`/api/v1/cases/${c.id}/suspend`, {});
    expect(suspended.statusCode, suspended.body).toBe(200);
    t.clock.advance(2 * 60 * MINUTE_MS);
    expect(await sweepSla(t.ctx)).toEqual({ warnings: 0, timeouts: 0 });
    expect(await outboxOf(c.id)).toEqual([]);

    const resumed = await api(t.app, s.tenant.admin).post(`/api/v1/cases/${c.id}/resume`, {});
    expect(resumed.statusCode, resumed.body).toBe(200);
    const dueAt = await dueAtOf(c.id);
    expect(new Date(dueAt).getTime()).toBeGreaterThan(t.clock.now().getTime());
    expect(await sweepSla(t.ctx)).toEqual({ warnings: 0, timeouts: 0 });

    // Past both points at once (no sweep ran in between): both are sent, each once.
    t.clock.set(new Date(new Date(dueAt).getTime() + MINUTE_MS));
    expect(await sweepSla(t.ctx)).toEqual({ warnings: 1, timeouts: 1 });
    expect(await sweepSla(t.ctx)).toEqual({ warnings: 0, timeouts: 0 });
    await drain();
    expect(mail.to(s.owner.email).map((m) => m.subject)).toEqual([
      `SLA warning: case ${c.caseNo}`,
      `SLA timeout: case ${c.caseNo}`,
    ]);
    const marks = await t.ctx.db.selectFrom('sla_marks').selectAll().where('case_id', '=', c.id).execute();
    expect(marks.map((m) => [m.kind, m.due_at]).sort()).toEqual([
      ['slaTimeout', dueAt],
      ['slaWarning', dueAt],
    ]);
  });

  it('a case created with its warning point already passed is warned once, at the first sweep', async () => {
    const s = await setup();
    const dueAt = new Date(t.clock.now().getTime() + 5 * MINUTE_MS).toISOString();
    const c = await caseOf(s, { dueAt });
    expect(await dueAtOf(c.id)).toBe(dueAt);
    expect(await sweepSla(t.ctx)).toEqual({ warnings: 1, timeouts: 0 });
    expect(await sweepSla(t.ctx)).toEqual({ warnings: 0, timeouts: 0 });
    await drain();
    expect(mail.to(s.owner.email)).toHaveLength(1);
    expect(mail.to(s.owner.email)[0]?.text).toContain(`is due at ${dueAt}`);
  });

  it('a case without an SLA rule gets only the timeout of its manual due time', async () => {
    const tenantSetup = await setup();
    const { id: otherTypeId } = await createCaseTypeFixture(t, tenantSetup.tenant);
    const dueAt = new Date(t.clock.now().getTime() + 30 * MINUTE_MS).toISOString();
    const c = await caseOf(tenantSetup, { typeId: otherTypeId, dueAt });
    t.clock.set(new Date(new Date(dueAt).getTime() - MINUTE_MS));
    expect(await sweepSla(t.ctx)).toEqual({ warnings: 0, timeouts: 0 });
    t.clock.set(dueAt);
    expect(await sweepSla(t.ctx)).toEqual({ warnings: 0, timeouts: 1 });
    await drain();
    expect(mail.to(tenantSetup.owner.email).map((m) => m.subject)).toEqual([`SLA timeout: case ${c.caseNo}`]);
  });

  it('a queue-owned case notifies the queue members', async () => {
    const s = await setup();
    const member = await createUserFixture(t, s.tenant, { name: 'Max Member' });
    const queueId = await createQueueFixture(t, s.tenant, [member.id]);
    const c = await caseOf(s, { queueId });
    t.clock.advance(60 * MINUTE_MS);
    expect(await sweepSla(t.ctx)).toEqual({ warnings: 1, timeouts: 1 });
    await drain();
    expect(mail.to(member.email).map((m) => m.subject)).toEqual([
      `SLA warning: case ${c.caseNo}`,
      `SLA timeout: case ${c.caseNo}`,
    ]);
    // {{owner.name}} of a queue-owned case is the queue's name.
    expect(mail.to(member.email)[0]?.text).toMatch(/of Queue [0-9a-f]+ is due/);
  });

  it('works through more cases than one batch', async () => {
    const s = await setup();
    const created = t.clock.now().getTime();
    const count = 5;
    for (let i = 0; i < count; i++) await caseOf(s);
    // Bulk copies of one case straight into the table, to pass a batch of 200 without 200 API calls.
    const template = await t.ctx.db
      .selectFrom('cases')
      .selectAll()
      .where('tenant_id', '=', s.tenant.tenantId)
      .executeTakeFirstOrThrow();
    const extra = 210;
    for (let i = 0; i < extra; i++) {
      await t.ctx.db
        .insertInto('cases')
        .values({
          ...template,
          id: `bulk-${s.tenant.tenantId}-${String(i).padStart(4, '0')}`,
          case_no: 1000 + i,
        })
        .execute();
    }
    t.clock.set(new Date(created + 50 * MINUTE_MS));
    expect(await sweepSla(t.ctx)).toEqual({ warnings: count + extra, timeouts: 0 });
    expect(await sweepSla(t.ctx)).toEqual({ warnings: 0, timeouts: 0 });
  });

  it('the worker loop runs the sweep and delivers what it made', async () => {
    const s = await setup();
    const c = await caseOf(s);
    t.clock.advance(60 * MINUTE_MS);
    const stop = startWorker(t.ctx, { ...FAST, pollMs: 20, slaSweepMs: 20 });
    try {
      for (let i = 0; i < 200 && mail.to(s.owner.email).length < 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    } finally {
      await stop();
    }
    expect(mail.to(s.owner.email).map((m) => m.subject)).toEqual([
      `SLA warning: case ${c.caseNo}`,
      `SLA timeout: case ${c.caseNo}`,
    ]);
  });

  it.runIf(testDialect() === 'postgres')(
    'two sweeps at once on two connections make each notification exactly once',
    async () => {
      const s = await setup();
      const created = t.clock.now().getTime();
      const cases: CaseJson[] = [];
      for (let i = 0; i < 6; i++) cases.push(await caseOf(s));
      t.clock.set(new Date(created + 61 * MINUTE_MS));
      const second = openDatabase(t.config.database, { poolSize: 5 });
      try {
        const other: AppContext = { ...t.ctx, db: second.db };
        const [a, b] = await Promise.all([sweepSla(t.ctx), sweepSla(other)]);
        expect(a.warnings + b.warnings).toBe(cases.length);
        expect(a.timeouts + b.timeouts).toBe(cases.length);
        const [again1, again2] = await Promise.all([sweepSla(t.ctx), sweepSla(other)]);
        expect([again1, again2]).toEqual([
          { warnings: 0, timeouts: 0 },
          { warnings: 0, timeouts: 0 },
        ]);
      } finally {
        await second.close();
      }
      for (const c of cases) {
        const dueAt = await dueAtOf(c.id);
        for (const kind of ['slaWarning', 'slaTimeout']) {
          const rows = await t.ctx.db
            .selectFrom('notifications')
            .select('recipient_user_id')
            .where('dedupe_key', 'like', `${kind}:${c.id}:${dueAt}:%`)
            .execute();
          expect(rows.map((r) => r.recipient_user_id).sort()).toEqual([s.owner.id, s.leader.id].sort());
        }
      }
      await drain();
      expect(mail.to(s.owner.email)).toHaveLength(2 * cases.length);
      expect(mail.to(s.leader.email)).toHaveLength(2 * cases.length);
    },
  );
});
