import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createRoleFixture,
  createTenantFixture,
  createUserFixture,
  problem,
  startTestApp,
  type Api,
  type Session,
  type TenantFixture,
  type TestApp,
} from '../support/app.js';
import {
  createCaseFixture,
  createCaseTypeFixture,
  createCustomerFixture,
  createQueueFixture,
  putCaseInState,
  type CaseJson,
} from '../support/cases.js';

/**
 * Who may do what on a case (SPEC §2, §5, §13): the owner may do everything; the tenant administrator
 * too; besides them, the holder of the operation's permission; the creator and the queue's members
 * may view, follow and comment (members also claim); anyone else does not see the case at all (404),
 * nor does anyone of another tenant. `abilities` must say the same as the calls do.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Caller =
  | 'owner'
  | 'admin'
  | 'permitted'
  | 'otherPermission'
  | 'queryAllOnly'
  | 'creator'
  | 'queueMember'
  | 'stranger'
  | 'otherTenant';
type Outcome = 'allowed' | 403 | 404 | 409;
type Shape = 'owned' | 'queued' | 'claimedByOwner';
type Start = 'open' | 'suspended' | 'closed' | 'lastStatus';

interface Operation {
  /** The operation and its `abilities` key. */
  name: string;
  /** The permission that lets someone who does not own the case do it; null when viewing is enough. */
  needs: string | null;
  /** A different case permission, which must not be enough. */
  other: string;
  start: Start;
  call(client: Api, c: CaseJson, people: People): Promise<LightMyRequestResponse>;
  success: 200 | 201;
  /** What the case looks like after the operation succeeded for `callerId`. */
  effect(after: CaseJson & { title?: unknown }, people: People, callerId: string): void;
}

interface People {
  transferTargetId: string;
  queueId: string;
}

const post =
  (operation: string, body: unknown = {}) =>
  (client: Api, c: CaseJson) =>
    client.post(`/api/v1/cases/${c.id}/${operation}`, body);

const OPERATIONS: Operation[] = [
  {
    name: 'status',
    needs: 'case.edit',
    other: 'case.close',
    start: 'open',
    call: post('status', { status: 'In progress' }),
    success: 200,
    effect: (after) => {
      expect(after.status).toBe('In progress');
    },
  },
  {
    name: 'suspend',
    needs: 'case.suspend',
    other: 'case.resume',
    start: 'open',
    call: post('suspend'),
    success: 200,
    effect: (after) => {
      expect(after.state).toBe('suspended');
    },
  },
  {
    name: 'resume',
    needs: 'case.resume',
    other: 'case.suspend',
    start: 'suspended',
    call: post('resume'),
    success: 200,
    effect: (after) => {
      expect(after.state).toBe('open');
    },
  },
  {
    name: 'cancel',
    needs: 'case.cancel',
    other: 'case.close',
    start: 'open',
    call: post('cancel', { remark: 'duplicate' }),
    success: 200,
    effect: (after) => {
      expect(after.state).toBe('cancelled');
    },
  },
  {
    name: 'close',
    needs: 'case.close',
    other: 'case.cancel',
    start: 'lastStatus',
    call: post('close', { remark: 'solved' }),
    success: 200,
    effect: (after) => {
      expect(after.state).toBe('closed');
    },
  },
  {
    name: 'restart',
    needs: 'case.restart',
    other: 'case.resume',
    start: 'closed',
    call: post('restart', { remark: 'not solved after all' }),
    success: 200,
    effect: (after) => {
      expect([after.state, after.status, after.reopenCount]).toEqual(['open', 'New', 1]);
    },
  },
  {
    name: 'transfer',
    needs: 'case.transfer',
    other: 'case.edit',
    start: 'open',
    call: (client, c, people) =>
      client.post(`/api/v1/cases/${c.id}/transfer`, {
        ownerId: people.transferTargetId,
        remark: 'yours now',
      }),
    success: 200,
    effect: (after, people) => {
      expect([after.ownerId, after.queueId]).toEqual([people.transferTargetId, null]);
    },
  },
  {
    name: 'upgrade',
    needs: 'case.upgrade',
    other: 'case.edit',
    start: 'open',
    call: post('upgrade'),
    success: 200,
    effect: (after) => {
      expect([after.priority, after.upgraded]).toEqual(['high', true]);
    },
  },
  {
    name: 'downgrade',
    needs: 'case.upgrade',
    other: 'case.edit',
    start: 'open',
    call: post('downgrade'),
    success: 200,
    effect: (after) => {
      expect(after.priority).toBe('low');
    },
  },
  {
    name: 'edit',
    needs: 'case.edit',
    other: 'case.upgrade',
    start: 'open',
    call: (client, c) => client.patch(`/api/v1/cases/${c.id}`, { title: 'Edited title' }),
    success: 200,
    effect: (after) => {
      expect(after.title).toBe('Edited title');
    },
  },
  {
    name: 'claim',
    needs: null,
    other: 'case.transfer',
    start: 'open',
    call: post('claim'),
    success: 200,
    effect: (after, people, callerId) => {
      expect([after.ownerId, after.queueId]).toEqual([callerId, people.queueId]);
    },
  },
  {
    name: 'follow',
    needs: null,
    other: 'case.close',
    start: 'open',
    call: (client, c) => client.post(`/api/v1/cases/${c.id}/follow`),
    success: 200,
    effect: () => undefined,
  },
  {
    name: 'comment',
    needs: null,
    other: 'case.close',
    start: 'open',
    call: (client, c) => client.post(`/api/v1/cases/${c.id}/comments`, { body: 'Called the customer back' }),
    success: 201,
    effect: () => undefined,
  },
];

/** Who gets what, and on which kind of case, for one operation. */
function expectations(operation: Operation): [Caller, Shape, Outcome][] {
  if (operation.name === 'claim') {
    return [
      // The owner of a claimed case cannot claim it again: a state rule, not a right.
      ['owner', 'claimedByOwner', 409],
      ['admin', 'queued', 'allowed'],
      ['otherPermission', 'queued', 403],
      ['queryAllOnly', 'queued', 403],
      ['creator', 'queued', 403],
      ['queueMember', 'queued', 'allowed'],
      ['stranger', 'queued', 404],
      ['otherTenant', 'queued', 404],
    ];
  }
  if (operation.needs === null) {
    // Follow and comment: anyone who may view the case.
    return [
      ['owner', 'owned', 'allowed'],
      ['admin', 'owned', 'allowed'],
      // Every case permission grants case.queryAll, so its holder sees the case.
      ['otherPermission', 'owned', 'allowed'],
      ['queryAllOnly', 'owned', 'allowed'],
      ['creator', 'owned', 'allowed'],
      ['queueMember', 'queued', 'allowed'],
      ['stranger', 'owned', 404],
      ['otherTenant', 'owned', 404],
    ];
  }
  return [
    ['owner', 'owned', 'allowed'],
    ['admin', 'owned', 'allowed'],
    ['permitted', 'owned', 'allowed'],
    ['otherPermission', 'owned', 403],
    ['queryAllOnly', 'owned', 403],
    ['creator', 'owned', 403],
    ['queueMember', 'queued', 403],
    ['stranger', 'owned', 404],
    ['otherTenant', 'owned', 404],
  ];
}

interface Cast {
  tenant: TenantFixture;
  typeId: string;
  process: string[];
  customerId: string;
  people: People;
  sessions: Record<Caller, Session>;
  ids: Record<Caller, string>;
}

/** A tenant with one user for each kind of caller, and a second tenant whose administrator is a stranger. */
async function cast(operation: Operation): Promise<Cast> {
  const tenant = await createTenantFixture(t);
  const { id: typeId, process } = await createCaseTypeFixture(t, tenant);
  const customerId = await createCustomerFixture(t, tenant);
  const withRole = async (permissions: string[]) =>
    createUserFixture(t, tenant, { roleIds: [await createRoleFixture(t, tenant, permissions)] });
  const owner = await createUserFixture(t, tenant, { name: 'Owner' });
  const creator = await createUserFixture(t, tenant, { name: 'Creator' });
  const member = await createUserFixture(t, tenant, { name: 'Queue member' });
  const stranger = await createUserFixture(t, tenant, { name: 'Stranger' });
  const target = await createUserFixture(t, tenant, { name: 'Transfer target' });
  const permitted = await withRole(operation.needs ? [operation.needs] : ['case.queryAll']);
  const otherPermission = await withRole([operation.other]);
  const queryAllOnly = await withRole(['case.queryAll']);
  // The owner is a member too, so that they can hold a claimed queue case.
  const queueId = await createQueueFixture(t, tenant, [member.id, owner.id]);
  const other = await createTenantFixture(t);
  return {
    tenant,
    typeId,
    process,
    customerId,
    people: { transferTargetId: target.id, queueId },
    sessions: {
      owner: owner.session,
      admin: tenant.admin,
      permitted: permitted.session,
      otherPermission: otherPermission.session,
      queryAllOnly: queryAllOnly.session,
      creator: creator.session,
      queueMember: member.session,
      stranger: stranger.session,
      otherTenant: other.admin,
    },
    ids: {
      owner: owner.id,
      admin: tenant.adminId,
      permitted: permitted.id,
      otherPermission: otherPermission.id,
      queryAllOnly: queryAllOnly.id,
      creator: creator.id,
      queueMember: member.id,
      stranger: stranger.id,
      otherTenant: other.adminId,
    },
  };
}

/** A fresh case created by the creator, of the given shape, put into the state the operation needs. */
async function caseFor(c: Cast, shape: Shape, start: Start): Promise<CaseJson> {
  const owner = shape === 'owned' ? { ownerId: c.ids.owner } : { queueId: c.people.queueId };
  const created = await createCaseFixture(t, c.sessions.creator, {
    typeId: c.typeId,
    customerId: c.customerId,
    ...owner,
  });
  if (shape === 'claimedByOwner') {
    const claimed = await api(t.app, c.sessions.owner).post(`/api/v1/cases/${created.id}/claim`, {});
    expect(claimed.statusCode, claimed.body).toBe(200);
  }
  return putCaseInState(t, c.tenant.admin, created.id, start, c.process);
}

async function trackTotal(c: Cast, caseId: string): Promise<number> {
  const response = await api(t.app, c.tenant.admin).get(`/api/v1/cases/${caseId}/track`);
  expect(response.statusCode).toBe(200);
  return response.json<{ total: number }>().total;
}

async function followers(c: Cast, caseId: string): Promise<string[]> {
  const rows = await t.ctx.db
    .selectFrom('case_follows')
    .select('user_id')
    .where('tenant_id', '=', c.tenant.tenantId)
    .where('case_id', '=', caseId)
    .execute();
  return rows.map((r) => r.user_id);
}

describe('who may do each operation on a case', () => {
  for (const operation of OPERATIONS) {
    it(`${operation.name}: ${operation.needs ? `owner, administrator and ${operation.needs}` : 'as SPEC §13 says'}; others 403 or 404`, async () => {
      const c = await cast(operation);
      const admin = api(t.app, c.tenant.admin);
      for (const [caller, shape, outcome] of expectations(operation)) {
        const label = `${operation.name} by ${caller}`;
        const subject = await caseFor(c, shape, operation.start);
        const client = api(t.app, c.sessions[caller]);
        const before = (await admin.get(`/api/v1/cases/${subject.id}`)).json<CaseJson>();
        const trackBefore = await trackTotal(c, subject.id);

        // What the caller sees first: the case with its abilities, or nothing at all.
        const seen = await client.get(`/api/v1/cases/${subject.id}`);
        if (outcome === 404) {
          expect(seen.statusCode, `${label}: GET`).toBe(404);
          expect(problem(seen).code).toBe('not_found');
        } else {
          expect(seen.statusCode, `${label}: GET`).toBe(200);
          expect(
            seen.json<CaseJson>().abilities[operation.name],
            `${label}: abilities.${operation.name}`,
          ).toBe(outcome === 'allowed');
        }

        const response = await operation.call(client, subject, c.people);
        const after = (await admin.get(`/api/v1/cases/${subject.id}`)).json<CaseJson & { title: unknown }>();
        if (outcome === 'allowed') {
          expect(response.statusCode, `${label}: ${response.body}`).toBe(operation.success);
          operation.effect(after, c.people, c.ids[caller]);
          if (operation.name === 'follow') {
            expect(response.json<CaseJson>().followed, label).toBe(true);
            expect(await followers(c, subject.id), label).toEqual([c.ids[caller]]);
            expect(after.version, label).toBe(before.version);
          } else if (operation.name === 'comment') {
            expect(response.json<{ kind: string; actorId: string }>(), label).toMatchObject({
              kind: 'comment',
              actorId: c.ids[caller],
            });
            expect(await trackTotal(c, subject.id), label).toBe(trackBefore + 1);
            expect(after.version, label).toBe(before.version);
          } else {
            expect(after.version, label).toBe(before.version + 1);
            expect(await trackTotal(c, subject.id), label).toBe(trackBefore + 1);
          }
          continue;
        }
        expect(response.statusCode, `${label}: ${response.body}`).toBe(outcome);
        const expectedCode =
          outcome === 404 ? 'not_found' : outcome === 403 ? 'forbidden' : 'case_invalid_transition';
        expect(problem(response).code, label).toBe(expectedCode);
        // Nothing changed: not the case, not its track, not who follows it.
        expect(after, `${label}: the case is unchanged`).toEqual(before);
        expect(await trackTotal(c, subject.id), `${label}: the track is unchanged`).toBe(trackBefore);
        expect(await followers(c, subject.id), `${label}: nobody follows`).toEqual([]);
      }
    });
  }
});

describe('abilities of each caller on one case', () => {
  const OPS = [
    'status',
    'suspend',
    'resume',
    'cancel',
    'close',
    'restart',
    'transfer',
    'upgrade',
    'downgrade',
    'edit',
    'claim',
    'follow',
    'unfollow',
    'comment',
  ] as const;
  const only = (...names: (typeof OPS)[number][]) =>
    Object.fromEntries(OPS.map((op) => [op, names.includes(op)]));
  // An open case in the first of three statuses, at medium priority: resume, restart and close
  // are out of reach for everyone (state and last-status rules); the rest is a matter of rights.
  const FULL = only(
    'status',
    'suspend',
    'cancel',
    'transfer',
    'upgrade',
    'downgrade',
    'edit',
    'follow',
    'comment',
  );

  it('an open case owned by an agent, as each caller sees it', async () => {
    const suspender = OPERATIONS.find((o) => o.name === 'suspend');
    if (!suspender) throw new Error('no suspend operation');
    const c = await cast(suspender);
    const subject = await caseFor(c, 'owned', 'open');
    const abilities = async (caller: Caller) => {
      const response = await api(t.app, c.sessions[caller]).get(`/api/v1/cases/${subject.id}`);
      expect(response.statusCode, caller).toBe(200);
      const all = response.json<CaseJson>().abilities;
      return Object.fromEntries(OPS.map((op) => [op, all[op]]));
    };
    expect(await abilities('owner')).toEqual(FULL);
    expect(await abilities('admin')).toEqual(FULL);
    // case.suspend (and the case.queryAll it implies): suspend, plus what any viewer may do.
    expect(await abilities('permitted')).toEqual(only('suspend', 'follow', 'comment'));
    expect(await abilities('otherPermission')).toEqual(only('follow', 'comment'));
    expect(await abilities('queryAllOnly')).toEqual(only('follow', 'comment'));
    expect(await abilities('creator')).toEqual(only('follow', 'comment'));
    for (const caller of ['queueMember', 'stranger', 'otherTenant'] as const) {
      expect(
        (await api(t.app, c.sessions[caller]).get(`/api/v1/cases/${subject.id}`)).statusCode,
        caller,
      ).toBe(404);
    }
    // Following turns follow into unfollow, for that caller only.
    expect((await api(t.app, c.sessions.creator).post(`/api/v1/cases/${subject.id}/follow`)).statusCode).toBe(
      200,
    );
    expect(await abilities('creator')).toEqual(only('unfollow', 'comment'));
    expect(await abilities('owner')).toEqual(FULL);
  });

  it('an unclaimed queue case, as each caller sees it', async () => {
    const claimer = OPERATIONS.find((o) => o.name === 'claim');
    if (!claimer) throw new Error('no claim operation');
    const c = await cast(claimer);
    const subject = await caseFor(c, 'queued', 'open');
    const abilities = async (caller: Caller) => {
      const response = await api(t.app, c.sessions[caller]).get(`/api/v1/cases/${subject.id}`);
      expect(response.statusCode, caller).toBe(200);
      const all = response.json<CaseJson>().abilities;
      return Object.fromEntries(OPS.map((op) => [op, all[op]]));
    };
    expect(await abilities('queueMember')).toEqual(only('claim', 'follow', 'comment'));
    expect(await abilities('admin')).toEqual({ ...FULL, claim: true });
    // case.transfer: the holder may hand the queue case on, but not claim it without being a member.
    expect(await abilities('otherPermission')).toEqual(only('transfer', 'follow', 'comment'));
    expect(await abilities('creator')).toEqual(only('follow', 'comment'));
    for (const caller of ['stranger', 'otherTenant'] as const) {
      expect(
        (await api(t.app, c.sessions[caller]).get(`/api/v1/cases/${subject.id}`)).statusCode,
        caller,
      ).toBe(404);
    }
    // Once the member claimed it, the member owns it: every right, claim no longer.
    const claimed = await api(t.app, c.sessions.queueMember).post(`/api/v1/cases/${subject.id}/claim`, {});
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json<CaseJson>().abilities).toMatchObject(FULL);
    expect(await abilities('queueMember')).toEqual(FULL);
    // The case keeps its queue, so the owner (also a member) still sees it, without rights on it.
    expect(await abilities('owner')).toEqual(only('follow', 'comment'));
  });
});
