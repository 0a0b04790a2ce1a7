import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createTenantFixture,
  createUserFixture,
  problem,
  startTestApp,
  type TenantFixture,
  type TestApp,
} from '../support/app.js';
import {
  createCaseFixture,
  createCaseTypeFixture,
  createCustomerFixture,
  createQueueFixture,
  type CaseJson,
} from '../support/cases.js';

/**
 * SPEC §5 written out independently of the implementation's table: for each operation, the states it
 * is allowed in and the state it leaves the case in ('same' = unchanged).
 */
const EXPECTED: Record<string, { from: string[]; to: string }> = {
  status: { from: ['open'], to: 'same' },
  suspend: { from: ['open'], to: 'suspended' },
  resume: { from: ['suspended', 'cancelled'], to: 'prior' },
  cancel: { from: ['open', 'suspended'], to: 'cancelled' },
  close: { from: ['open'], to: 'closed' },
  restart: { from: ['closed'], to: 'open' },
  transfer: { from: ['open', 'suspended'], to: 'same' },
  claim: { from: ['open', 'suspended'], to: 'same' },
  upgrade: { from: ['open', 'suspended'], to: 'same' },
  downgrade: { from: ['open', 'suspended'], to: 'same' },
  follow: { from: ['open', 'suspended', 'cancelled', 'closed', 'merged'], to: 'same' },
  unfollow: { from: ['open', 'suspended', 'cancelled', 'closed', 'merged'], to: 'same' },
  edit: { from: ['open', 'suspended'], to: 'same' },
};
const STATES = ['open', 'suspended', 'cancelled', 'closed', 'merged'];

let t: TestApp;
let tenant: TenantFixture;
let typeId: string;
let process: string[];
let customerId: string;
let member: { id: string; session: { cookie?: string; csrfToken?: string } };
let other: { id: string };
let queueId: string;

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTenantFixture(t);
  ({ id: typeId, process } = await createCaseTypeFixture(t, tenant, { process: ['New', 'Working', 'Done'] }));
  customerId = await createCustomerFixture(t, tenant);
  member = await createUserFixture(t, tenant);
  other = await createUserFixture(t, tenant);
  queueId = await createQueueFixture(t, tenant, [member.id]);
});
afterAll(() => t.close());

/** A case in the given state. Queue-owned when the operation under test is claim (then the member acts). */
async function caseIn(state: string, options: { queueOwned: boolean; status?: string }): Promise<CaseJson> {
  const admin = api(t.app, tenant.admin);
  const c = await createCaseFixture(t, tenant.admin, {
    typeId,
    customerId,
    ...(options.queueOwned ? { queueId } : {}),
  });
  const lastStatus = process.at(-1) ?? '';
  const target = options.status ?? (state === 'closed' ? lastStatus : undefined);
  if (target && target !== c.status)
    expect((await admin.post(`/api/v1/cases/${c.id}/status`, { status: target })).statusCode).toBe(200);
  if (state === 'suspended')
    expect((await admin.post(`/api/v1/cases/${c.id}/suspend`, {})).statusCode).toBe(200);
  if (state === 'cancelled')
    expect((await admin.post(`/api/v1/cases/${c.id}/cancel`, {})).statusCode).toBe(200);
  if (state === 'closed') expect((await admin.post(`/api/v1/cases/${c.id}/close`, {})).statusCode).toBe(200);
  if (state === 'merged') {
    // Merging arrives with the case-details feature; the state itself is put in place directly.
    await t.ctx.db
      .updateTable('cases')
      .set({ state: 'merged' })
      .where('tenant_id', '=', tenant.tenantId)
      .where('id', '=', c.id)
      .execute();
  }
  const fresh = await admin.get(`/api/v1/cases/${c.id}`);
  return fresh.json<CaseJson>();
}

function bodyFor(operation: string): unknown {
  switch (operation) {
    case 'status':
      return { status: process.at(-1) };
    case 'transfer':
      return { ownerId: other.id, remark: 'handing over' };
    case 'edit':
      return { title: 'Edited title' };
    default:
      return {};
  }
}

describe('every operation in every state', () => {
  for (const [operation, rule] of Object.entries(EXPECTED)) {
    for (const state of STATES) {
      const allowed = rule.from.includes(state);
      it(`${operation} on a ${state} case is ${allowed ? 'allowed' : 'refused with 409 case_invalid_transition'}`, async () => {
        // Close also needs the last status; put every case for it there so only the state decides.
        const c = await caseIn(state, {
          queueOwned: operation === 'claim',
          ...(operation === 'close' ? { status: process.at(-1) } : {}),
        });
        const session = operation === 'claim' ? member.session : tenant.admin;
        if (operation === 'unfollow') await api(t.app, session).post(`/api/v1/cases/${c.id}/follow`);
        const client = api(t.app, session);
        const before = (await client.get(`/api/v1/cases/${c.id}`)).json<CaseJson>();
        // The same table drives the abilities of the case as this caller sees it.
        expect(before.abilities[operation], `abilities.${operation}`).toBe(allowed);

        const response =
          operation === 'edit'
            ? await client.patch(`/api/v1/cases/${c.id}`, bodyFor(operation))
            : await client.post(`/api/v1/cases/${c.id}/${operation}`, bodyFor(operation));
        if (!allowed) {
          expect(response.statusCode).toBe(409);
          expect(problem(response).code).toBe('case_invalid_transition');
          const after = (await client.get(`/api/v1/cases/${c.id}`)).json<CaseJson>();
          expect(after.version).toBe(before.version);
          expect(after.state).toBe(state);
          return;
        }
        expect(response.statusCode, response.body).toBe(200);
        const after = response.json<CaseJson>();
        const expectedState = rule.to === 'same' ? state : rule.to === 'prior' ? 'open' : rule.to; // cases here were cancelled from open
        expect(after.state).toBe(expectedState);
        const changesVersion = operation !== 'follow' && operation !== 'unfollow';
        expect(after.version).toBe(changesVersion ? before.version + 1 : before.version);
      });
    }
  }
});

describe('rules of single operations', () => {
  it('close outside the last status is refused with case_not_in_last_status, and abilities.close is false', async () => {
    const c = await caseIn('open', { queueOwned: false });
    expect(c.abilities.close).toBe(false);
    const response = await api(t.app, tenant.admin).post(`/api/v1/cases/${c.id}/close`, {});
    expect(response.statusCode).toBe(409);
    expect(problem(response).code).toBe('case_not_in_last_status');
  });

  it('strict order refuses skipping a status and going back, and allows the next one', async () => {
    const strict = await createCaseTypeFixture(t, tenant, { process: ['A', 'B', 'C'], strictOrder: true });
    const c = await createCaseFixture(t, tenant.admin, { typeId: strict.id, customerId });
    const admin = api(t.app, tenant.admin);
    const skip = await admin.post(`/api/v1/cases/${c.id}/status`, { status: 'C' });
    expect(skip.statusCode).toBe(409);
    expect(problem(skip).code).toBe('status_order_violation');
    expect((await admin.post(`/api/v1/cases/${c.id}/status`, { status: 'B' })).json<CaseJson>().status).toBe(
      'B',
    );
    const back = await admin.post(`/api/v1/cases/${c.id}/status`, { status: 'A' });
    expect(problem(back).code).toBe('status_order_violation');
    expect((await admin.post(`/api/v1/cases/${c.id}/status`, { status: 'C' })).json<CaseJson>().status).toBe(
      'C',
    );
  });

  it('free order allows any status of the process, and refuses one that is not in it (400 status)', async () => {
    const c = await caseIn('open', { queueOwned: false });
    const admin = api(t.app, tenant.admin);
    expect(
      (await admin.post(`/api/v1/cases/${c.id}/status`, { status: 'Done' })).json<CaseJson>().status,
    ).toBe('Done');
    expect(
      (await admin.post(`/api/v1/cases/${c.id}/status`, { status: 'New' })).json<CaseJson>().status,
    ).toBe('New');
    const unknown = await admin.post(`/api/v1/cases/${c.id}/status`, { status: 'Nope' });
    expect(unknown.statusCode).toBe(400);
    expect(problem(unknown).errors?.[0]?.field).toBe('status');
  });

  it('cancel then resume restores the exact state and status, from open and from suspended', async () => {
    const admin = api(t.app, tenant.admin);
    const fromOpen = await caseIn('open', { queueOwned: false, status: 'Working' });
    await admin.post(`/api/v1/cases/${fromOpen.id}/cancel`, {});
    const resumedOpen = (await admin.post(`/api/v1/cases/${fromOpen.id}/resume`, {})).json<CaseJson>();
    expect([resumedOpen.state, resumedOpen.status]).toEqual(['open', 'Working']);

    const fromSuspended = await caseIn('suspended', { queueOwned: false, status: 'Working' });
    await admin.post(`/api/v1/cases/${fromSuspended.id}/cancel`, {});
    const resumedSuspended = (
      await admin.post(`/api/v1/cases/${fromSuspended.id}/resume`, {})
    ).json<CaseJson>();
    expect([resumedSuspended.state, resumedSuspended.status]).toEqual(['suspended', 'Working']);
  });

  it('restart reopens at the first status and sets the reopened flag and count', async () => {
    const admin = api(t.app, tenant.admin);
    const c = await caseIn('closed', { queueOwned: false });
    const once = (
      await admin.post(`/api/v1/cases/${c.id}/restart`, { remark: 'not solved' })
    ).json<CaseJson>();
    expect(once).toMatchObject({
      state: 'open',
      status: 'New',
      reopened: true,
      reopenCount: 1,
      closedAt: null,
    });
    await admin.post(`/api/v1/cases/${c.id}/status`, { status: 'Done' });
    await admin.post(`/api/v1/cases/${c.id}/close`, {});
    const twice = (await admin.post(`/api/v1/cases/${c.id}/restart`, {})).json<CaseJson>();
    expect(twice.reopenCount).toBe(2);
  });

  it('suspended time accumulates, and resuming moves the due time by the paused time', async () => {
    const admin = api(t.app, tenant.admin);
    const due = new Date(t.clock.now().getTime() + 10 * 3_600_000).toISOString();
    const c = await createCaseFixture(t, tenant.admin, { typeId, customerId, dueAt: due });
    await admin.post(`/api/v1/cases/${c.id}/suspend`, {});
    t.clock.advance(2 * 3_600_000);
    const suspended = (await admin.get(`/api/v1/cases/${c.id}`)).json<
      CaseJson & { sla: { remainingMs: number } }
    >();
    expect(suspended.sla.remainingMs).toBe(10 * 3_600_000);
    const resumed = (await admin.post(`/api/v1/cases/${c.id}/resume`, {})).json<
      CaseJson & { suspendedMs: number; dueAt: string }
    >();
    expect(resumed.suspendedMs).toBe(2 * 3_600_000);
    expect(resumed.dueAt).toBe(new Date(new Date(due).getTime() + 2 * 3_600_000).toISOString());
  });

  it('upgrade marks the case and its display title; at critical it is priority_at_limit; downgrade at low too', async () => {
    const admin = api(t.app, tenant.admin);
    const c = await createCaseFixture(t, tenant.admin, {
      typeId,
      customerId,
      priority: 'high',
      title: 'Printer on fire',
    });
    const up = (await admin.post(`/api/v1/cases/${c.id}/upgrade`, {})).json<
      CaseJson & { upgraded: boolean; displayTitle: string; originalPriority: string }
    >();
    expect(up).toMatchObject({
      priority: 'critical',
      originalPriority: 'high',
      upgraded: true,
      displayTitle: '[Upgraded] Printer on fire',
    });
    expect(up.abilities.upgrade).toBe(false);
    const limit = await admin.post(`/api/v1/cases/${c.id}/upgrade`, {});
    expect(problem(limit).code).toBe('priority_at_limit');
    const listed = (await admin.get(`/api/v1/cases?view=created&upgraded=true`)).json<{
      items: { id: string; displayTitle: string }[];
    }>();
    expect(listed.items.find((i) => i.id === c.id)?.displayTitle).toBe('[Upgraded] Printer on fire');
    const down = (await admin.post(`/api/v1/cases/${c.id}/downgrade`, {})).json<
      CaseJson & { upgraded: boolean }
    >();
    expect(down.upgraded).toBe(false);
    const low = await createCaseFixture(t, tenant.admin, { typeId, customerId, priority: 'low' });
    expect(problem(await admin.post(`/api/v1/cases/${low.id}/downgrade`, {})).code).toBe('priority_at_limit');
  });

  it('transfer needs a remark, and moves the case between an agent and a queue', async () => {
    const admin = api(t.app, tenant.admin);
    const c = await caseIn('open', { queueOwned: false });
    const noRemark = await admin.post(`/api/v1/cases/${c.id}/transfer`, { ownerId: other.id });
    expect(noRemark.statusCode).toBe(400);
    expect(problem(noRemark).errors?.[0]?.field).toBe('remark');
    const tooLong = await admin.post(`/api/v1/cases/${c.id}/transfer`, {
      ownerId: other.id,
      remark: 'x'.repeat(2001),
    });
    expect(problem(tooLong).errors?.[0]?.field).toBe('remark');
    const toQueue = (
      await admin.post(`/api/v1/cases/${c.id}/transfer`, { queueId, remark: 'for the queue' })
    ).json<CaseJson>();
    expect([toQueue.ownerId, toQueue.queueId]).toEqual([null, queueId]);
    const claimed = (
      await api(t.app, member.session).post(`/api/v1/cases/${c.id}/claim`, {})
    ).json<CaseJson>();
    expect([claimed.ownerId, claimed.queueId]).toEqual([member.id, queueId]);
    const again = await api(t.app, member.session).post(`/api/v1/cases/${c.id}/claim`, {});
    expect(problem(again).code).toBe('case_invalid_transition');
    const toAgent = (
      await admin.post(`/api/v1/cases/${c.id}/transfer`, { ownerId: other.id, remark: 'to you' })
    ).json<CaseJson>();
    expect([toAgent.ownerId, toAgent.queueId]).toEqual([other.id, null]);
    const unknown = await admin.post(`/api/v1/cases/${c.id}/transfer`, { ownerId: 'nobody', remark: 'x' });
    expect(problem(unknown).errors?.[0]?.field).toBe('ownerId');
  });

  it('every operation is on the track with actor, changes and remark, oldest first', async () => {
    const admin = api(t.app, tenant.admin);
    const c = await caseIn('open', { queueOwned: false });
    await admin.post(`/api/v1/cases/${c.id}/status`, { status: 'Working', remark: 'started' });
    await admin.post(`/api/v1/cases/${c.id}/comments`, { body: 'Called the customer' });
    await admin.post(`/api/v1/cases/${c.id}/follow`);
    const track = (await admin.get(`/api/v1/cases/${c.id}/track`)).json<{
      items: {
        kind: string;
        actorId: string;
        remark?: string;
        changes?: Record<string, unknown[]>;
        body?: string;
      }[];
    }>();
    expect(track.items.map((e) => e.kind)).toEqual(['created', 'status', 'comment']);
    expect(track.items[1]).toMatchObject({
      actorId: tenant.adminId,
      remark: 'started',
      changes: { status: ['New', 'Working'] },
    });
    expect(track.items[2]).toMatchObject({ body: 'Called the customer' });
  });
});

describe('concurrency and idempotency', () => {
  it('two concurrent edits with the same If-Match version: exactly one succeeds, the other is version_conflict', async () => {
    const c = await caseIn('open', { queueOwned: false });
    const admin = api(t.app, tenant.admin);
    const [a, b] = await Promise.all([
      admin.patch(`/api/v1/cases/${c.id}`, { title: 'First writer' }, { 'if-match': `"${c.version}"` }),
      admin.patch(`/api/v1/cases/${c.id}`, { title: 'Second writer' }, { 'if-match': `"${c.version}"` }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(problem(loser).code).toBe('version_conflict');
    const after = (await admin.get(`/api/v1/cases/${c.id}`)).json<CaseJson & { title: string }>();
    expect(after.version).toBe(c.version + 1);
  });

  it('the same create repeated with one Idempotency-Key makes one case', async () => {
    const admin = api(t.app, tenant.admin);
    const body = {
      typeId,
      customerId,
      title: 'Once only',
      description: 'Retried by a flaky client',
      priority: 'low',
      origin: 'api',
    };
    const headers = { 'idempotency-key': 'create-once-1' };
    const [first, second] = await Promise.all([
      admin.post('/api/v1/cases', body, headers),
      admin.post('/api/v1/cases', body, headers),
    ]);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json<CaseJson>().id).toBe(first.json<CaseJson>().id);
    const third = await admin.post('/api/v1/cases', body, headers);
    expect(third.json<CaseJson>().id).toBe(first.json<CaseJson>().id);
    const rows = await t.ctx.db
      .selectFrom('cases')
      .select('id')
      .where('tenant_id', '=', tenant.tenantId)
      .where('title', '=', 'Once only')
      .execute();
    expect(rows).toHaveLength(1);
    const reused = await admin.post('/api/v1/cases', { ...body, title: 'Different' }, headers);
    expect(problem(reused).code).toBe('idempotency_key_reused');
  });
});
