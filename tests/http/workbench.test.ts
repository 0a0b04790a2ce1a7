import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createRoleFixture,
  createTenantFixture,
  createUserFixture,
  problem,
  startTestApp,
  type Session,
  type TenantFixture,
  type TestApp,
  type UserFixture,
} from '../support/app.js';
import {
  caseCounts,
  createCaseFixture,
  createCaseTypeFixture,
  createCustomerFixture,
  createQueueFixture,
  listCases,
  putCaseInState,
  type CaseJson,
  type CaseListItemJson,
  type CaseListJson,
} from '../support/cases.js';

/**
 * The workbench API (SPEC §8, §13 "Views", "Search and lists"; API.md `GET /api/v1/cases`,
 * `/cases/counts`, `/customers/{id}/cases`): every view, every filter, sorting, cursor pagination and
 * full-text search, as the callers of SPEC §2 see them.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const HOUR = 3_600_000;
const MINUTE = 60_000;
const VIEW_NAMES = ['todo', 'followed', 'created', 'processed', 'all'] as const;

interface World {
  tenant: TenantFixture;
  typeId: string;
  process: string[];
  customerId: string;
  labels: Labels;
  /** A case created by `session` (default: the administrator), put into `state`, and labelled. */
  make(
    label: string,
    body?: Record<string, unknown>,
    options?: { state?: 'open' | 'suspended' | 'cancelled' | 'closed'; session?: Session },
  ): Promise<CaseJson>;
}

/** Names the cases of a test, so that a failing assertion says which cases were (not) listed. */
class Labels {
  private readonly byId = new Map<string, string>();

  add(label: string, id: string): void {
    this.byId.set(id, label);
  }

  of(items: readonly { id: string }[]): string[] {
    return items.map((i) => this.byId.get(i.id) ?? `unknown:${i.id}`);
  }

  /** The labels of the items, sorted: for views and filters, whose order is not under test. */
  set(items: readonly { id: string }[]): string[] {
    return this.of(items).sort();
  }

  id(label: string): string {
    for (const [id, l] of this.byId) if (l === label) return id;
    throw new Error(`no case labelled ${label}`);
  }
}

async function world(): Promise<World> {
  const tenant = await createTenantFixture(t);
  const { id: typeId, process } = await createCaseTypeFixture(t, tenant);
  const customerId = await createCustomerFixture(t, tenant);
  const labels = new Labels();
  return {
    tenant,
    typeId,
    process,
    customerId,
    labels,
    async make(label, body = {}, options = {}) {
      const session = options.session ?? tenant.admin;
      const created = await createCaseFixture(t, session, { typeId, customerId, ...body });
      labels.add(label, created.id);
      if (!options.state || options.state === 'open') return created;
      return putCaseInState(t, tenant.admin, created.id, options.state, process);
    },
  };
}

/** Every page of a list, following `nextCursor` from the first page. */
async function walk(
  session: Session,
  query: Record<string, string | number>,
): Promise<{ pages: CaseListJson[]; items: CaseListItemJson[] }> {
  const pages: CaseListJson[] = [];
  let cursor: string | null = null;
  do {
    const page = await listCases(t, session, { ...query, ...(cursor ? { cursor } : {}) });
    pages.push(page);
    cursor = page.nextCursor;
    if (pages.length > 50) throw new Error('the cursor walk does not end');
  } while (cursor !== null);
  return { pages, items: pages.flatMap((p) => p.items) };
}

/** `GET /api/v1/cases/counts` agrees with the `total` of every view; `all` is null (and 403) without case.queryAll. */
async function expectCountsAgree(session: Session, who: string): Promise<void> {
  const counts = await caseCounts(t, session);
  for (const view of VIEW_NAMES) {
    const response = await api(t.app, session).get(`/api/v1/cases?view=${view}`);
    if (view === 'all' && counts.all === null) {
      expect(response.statusCode, `${who}: view=all without case.queryAll`).toBe(403);
      continue;
    }
    expect(response.statusCode, `${who}: view=${view}`).toBe(200);
    expect(counts[view], `${who}: counts.${view}`).toBe(response.json<CaseListJson>().total);
  }
}

async function ids(session: Session, labels: Labels, query: Record<string, string | number | boolean>) {
  return labels.set((await listCases(t, session, { limit: 100, ...query })).items);
}

async function claim(session: Session, caseId: string): Promise<void> {
  const response = await api(t.app, session).post(`/api/v1/cases/${caseId}/claim`, {});
  expect(response.statusCode, response.body).toBe(200);
}

async function transfer(session: Session, caseId: string, to: { ownerId: string } | { queueId: string }) {
  const response = await api(t.app, session).post(`/api/v1/cases/${caseId}/transfer`, {
    ...to,
    remark: 'handing over',
  });
  expect(response.statusCode, response.body).toBe(200);
}

async function follow(session: Session, caseId: string, name: 'follow' | 'unfollow' = 'follow') {
  const response = await api(t.app, session).post(`/api/v1/cases/${caseId}/${name}`);
  expect(response.statusCode, response.body).toBe(200);
}

async function comment(session: Session, caseId: string, body: string): Promise<void> {
  const response = await api(t.app, session).post(`/api/v1/cases/${caseId}/comments`, { body });
  expect(response.statusCode, response.body).toBe(201);
}

async function withRole(
  w: World,
  permissions: string[],
  options: { ouId?: string } = {},
): Promise<UserFixture> {
  const roleId = await createRoleFixture(t, w.tenant, permissions);
  return createUserFixture(t, w.tenant, { roleIds: [roleId], ...options });
}

describe('views', () => {
  it('todo: open and suspended cases I own plus the unclaimed cases of my queues; a claimed one is the claimer’s only', async () => {
    const w = await world();
    const a = await createUserFixture(t, w.tenant, { name: 'Agent A' });
    const b = await createUserFixture(t, w.tenant, { name: 'Agent B' });
    const queue = await createQueueFixture(t, w.tenant, [a.id, b.id]);
    const bOnly = await createQueueFixture(t, w.tenant, [b.id]);

    await w.make('a-open', { ownerId: a.id });
    await w.make('a-suspended', { ownerId: a.id }, { state: 'suspended' });
    await w.make('a-cancelled', { ownerId: a.id }, { state: 'cancelled' });
    await w.make('a-closed', { ownerId: a.id }, { state: 'closed' });
    await w.make('queue-open', { queueId: queue });
    await w.make('queue-suspended', { queueId: queue }, { state: 'suspended' });
    await w.make('queue-cancelled', { queueId: queue }, { state: 'cancelled' });
    await w.make('queue-closed', { queueId: queue }, { state: 'closed' });
    const claimed = await w.make('queue-claimed-by-b', { queueId: queue });
    await w.make('b-queue', { queueId: bOnly });
    await w.make('b-owns', { ownerId: b.id });
    await w.make('a-created-b-owns', { ownerId: b.id }, { session: a.session });
    await w.make('admin-owns');

    const before = await ids(a.session, w.labels, { view: 'todo' });
    expect(before).toContain('queue-claimed-by-b');
    await claim(b.session, claimed.id);

    expect(await ids(a.session, w.labels, { view: 'todo' })).toEqual(
      ['a-open', 'a-suspended', 'queue-open', 'queue-suspended'].sort(),
    );
    expect(await ids(b.session, w.labels, { view: 'todo' })).toEqual(
      ['queue-open', 'queue-suspended', 'queue-claimed-by-b', 'b-queue', 'b-owns', 'a-created-b-owns'].sort(),
    );
    // A tenant administrator's todo is their own work, not every case they may see.
    expect(await ids(w.tenant.admin, w.labels, { view: 'todo' })).toEqual(['admin-owns']);
    // The claimed case keeps its queue (SPEC §13), so A still sees it, outside todo.
    expect((await api(t.app, a.session).get(`/api/v1/cases/${claimed.id}`)).statusCode).toBe(200);

    // A's own cancelled and closed cases are A's Processed view.
    expect(await caseCounts(t, a.session)).toEqual({
      todo: 4,
      followed: 0,
      created: 1,
      processed: 2,
      all: null,
    });
    await expectCountsAgree(a.session, 'A');
    await expectCountsAgree(b.session, 'B');
    await expectCountsAgree(w.tenant.admin, 'admin');
  });

  it('followed: the cases I follow and can still see; unfollowing and losing sight remove them', async () => {
    const w = await world();
    const a = await createUserFixture(t, w.tenant);
    const b = await createUserFixture(t, w.tenant);
    const queue = await createQueueFixture(t, w.tenant, [a.id]);
    const mine = await w.make('a-owns', { ownerId: a.id });
    const queued = await w.make('a-queue', { queueId: queue });
    const created = await w.make('a-created-b-owns', { ownerId: b.id }, { session: a.session });
    const closed = await w.make('a-owns-closed', { ownerId: a.id }, { state: 'closed' });
    const dropped = await w.make('followed-then-unfollowed', { ownerId: a.id });
    const adminFollows = await w.make('admin-follows', { ownerId: a.id });

    for (const c of [mine, queued, created, closed, dropped]) await follow(a.session, c.id);
    await follow(a.session, dropped.id, 'unfollow');
    await follow(w.tenant.admin, adminFollows.id);

    const list = await listCases(t, a.session, { view: 'followed' });
    expect(w.labels.set(list.items)).toEqual(
      ['a-owns', 'a-queue', 'a-created-b-owns', 'a-owns-closed'].sort(),
    );
    expect(list.items.every((i) => i.followed === true)).toBe(true);
    expect(list.total).toBe(4);
    expect(await ids(w.tenant.admin, w.labels, { view: 'followed' })).toEqual(['admin-follows']);

    // Handed to someone A has no relation to: A can no longer see it, so it leaves A's Followed view.
    await transfer(w.tenant.admin, mine.id, { ownerId: b.id });
    expect((await api(t.app, a.session).get(`/api/v1/cases/${mine.id}`)).statusCode).toBe(404);
    expect(await ids(a.session, w.labels, { view: 'followed' })).toEqual(
      ['a-queue', 'a-created-b-owns', 'a-owns-closed'].sort(),
    );
    expect((await caseCounts(t, a.session)).followed).toBe(3);
    await expectCountsAgree(a.session, 'A');
  });

  it('created: every case I created, whoever owns it and whatever its state', async () => {
    const w = await world();
    const a = await createUserFixture(t, w.tenant);
    const b = await createUserFixture(t, w.tenant);
    const bQueue = await createQueueFixture(t, w.tenant, [b.id]);
    const own = await w.make('a-own', {}, { session: a.session });
    await w.make('a-for-b', { ownerId: b.id }, { session: a.session });
    await w.make('a-for-b-queue', { queueId: bQueue }, { session: a.session });
    await w.make('a-own-closed', {}, { session: a.session, state: 'closed' });
    await w.make('admin-for-a', { ownerId: a.id });
    await w.make('b-own', {}, { session: b.session });

    const expected = ['a-own', 'a-for-b', 'a-for-b-queue', 'a-own-closed'].sort();
    expect(await ids(a.session, w.labels, { view: 'created' })).toEqual(expected);
    await transfer(a.session, own.id, { ownerId: b.id });
    expect(await ids(a.session, w.labels, { view: 'created' })).toEqual(expected);
    expect(await ids(b.session, w.labels, { view: 'created' })).toEqual(['b-own']);
    expect((await caseCounts(t, a.session)).created).toBe(4);
    await expectCountsAgree(a.session, 'A');
  });

  it('list items carry the customer’s name, in the workbench, the customer’s cases and the associated cases', async () => {
    const w = await world();
    const other = await createCustomerFixture(t, w.tenant, 'Maria Rossi');
    await w.make('first');
    await w.make('second', { customerId: other });
    const page = await api(t.app, w.tenant.admin).get('/api/v1/cases?view=all');
    const items = page.json<{ items: { customerId: string; customerName: string | null }[] }>().items;
    expect(items.map((item) => [item.customerId === other, item.customerName])).toEqual([
      [true, 'Maria Rossi'],
      [false, expect.stringMatching(/^Customer /) as unknown],
    ]);
    const history = await api(t.app, w.tenant.admin).get(`/api/v1/customers/${other}/cases`);
    expect(
      history.json<{ items: { customerName: string }[] }>().items.map((item) => item.customerName),
    ).toEqual(['Maria Rossi']);
  });

  it('processed: cases I operated on and do not own now, plus my closed and cancelled ones — only those I can still see', async () => {
    const w = await world();
    const a = await createUserFixture(t, w.tenant, { name: 'Agent A' });
    const b = await createUserFixture(t, w.tenant, { name: 'Agent B' });
    const c = await createUserFixture(t, w.tenant, { name: 'Agent C' });
    const queue = await createQueueFixture(t, w.tenant, [a.id]);
    const asA = api(t.app, a.session);

    const toQueue = await w.make('moved-then-handed-to-my-queue', { ownerId: a.id });
    expect((await asA.post(`/api/v1/cases/${toQueue.id}/status`, { status: 'In progress' })).statusCode).toBe(
      200,
    );
    await transfer(a.session, toQueue.id, { queueId: queue });

    const closedByMe = await w.make('closed-by-me', { ownerId: a.id });
    expect((await asA.post(`/api/v1/cases/${closedByMe.id}/status`, { status: 'Resolved' })).statusCode).toBe(
      200,
    );
    expect((await asA.post(`/api/v1/cases/${closedByMe.id}/close`, {})).statusCode).toBe(200);

    await w.make('mine-cancelled-by-admin', { ownerId: a.id }, { state: 'cancelled' });
    await w.make('mine-closed-by-admin', { ownerId: a.id }, { state: 'closed' });

    const commented = await w.make('created-and-commented-only', { ownerId: b.id }, { session: a.session });
    await comment(a.session, commented.id, 'Looked at it');
    await follow(a.session, commented.id);

    const suspended = await w.make('suspended-but-still-mine', { ownerId: a.id });
    expect((await asA.post(`/api/v1/cases/${suspended.id}/suspend`, {})).statusCode).toBe(200);

    const toStranger = await w.make('handed-to-b-out-of-sight', { ownerId: a.id });
    expect((await asA.post(`/api/v1/cases/${toStranger.id}/upgrade`, {})).statusCode).toBe(200);
    await transfer(a.session, toStranger.id, { ownerId: b.id });
    expect((await asA.get(`/api/v1/cases/${toStranger.id}`)).statusCode).toBe(404);

    const createdThenHanded = await w.make('created-then-handed-to-b', {}, { session: a.session });
    await transfer(a.session, createdThenHanded.id, { ownerId: b.id });

    const claimedBack = await w.make('claimed-then-back-to-queue', { queueId: queue });
    await claim(a.session, claimedBack.id);
    await transfer(w.tenant.admin, claimedBack.id, { queueId: queue });

    await w.make('mine-open-untouched', { ownerId: a.id });
    const bCase = await w.make('b-case-worked-by-admin', { ownerId: b.id });
    expect((await api(t.app, w.tenant.admin).post(`/api/v1/cases/${bCase.id}/suspend`, {})).statusCode).toBe(
      200,
    );

    const processed = await listCases(t, a.session, { view: 'processed' });
    expect(w.labels.set(processed.items)).toEqual(
      [
        'moved-then-handed-to-my-queue',
        'closed-by-me',
        'mine-cancelled-by-admin',
        'mine-closed-by-admin',
        'created-then-handed-to-b',
        'claimed-then-back-to-queue',
      ].sort(),
    );
    expect(processed.total).toBe(6);
    await expectCountsAgree(a.session, 'A');

    // With case.queryAll (implied by case.transfer) the caller still sees what they handed on.
    const dispatcher = await withRole(w, ['case.transfer']);
    const handed = await w.make('handed-on-by-dispatcher', { ownerId: b.id });
    await transfer(dispatcher.session, handed.id, { ownerId: c.id });
    expect(await ids(dispatcher.session, w.labels, { view: 'processed' })).toEqual([
      'handed-on-by-dispatcher',
    ]);
    await expectCountsAgree(dispatcher.session, 'dispatcher');
    // B was given several of these cases but did nothing to any: B's Processed view is empty.
    expect(await ids(b.session, w.labels, { view: 'processed' })).toEqual([]);
  });

  it('all: 403 without case.queryAll (counts.all null); with it, every case of the tenant and no other', async () => {
    const w = await world();
    const plain = await createUserFixture(t, w.tenant);
    const viewer = await withRole(w, ['case.queryAll']);
    const other = await createUserFixture(t, w.tenant);
    const queue = await createQueueFixture(t, w.tenant, [other.id]);
    await w.make('admin-open');
    await w.make('other-suspended', { ownerId: other.id }, { state: 'suspended' });
    await w.make('queue-closed', { queueId: queue }, { state: 'closed' });
    await w.make('other-cancelled', { ownerId: other.id }, { session: other.session, state: 'cancelled' });
    const elsewhere = await world();
    await elsewhere.make('other-tenant');

    const refused = await api(t.app, plain.session).get('/api/v1/cases?view=all');
    expect(refused.statusCode).toBe(403);
    expect(problem(refused).code).toBe('forbidden');
    expect((await caseCounts(t, plain.session)).all).toBeNull();

    const everything = ['admin-open', 'other-suspended', 'queue-closed', 'other-cancelled'].sort();
    expect(await ids(viewer.session, w.labels, { view: 'all' })).toEqual(everything);
    expect(await ids(w.tenant.admin, w.labels, { view: 'all' })).toEqual(everything);
    expect((await caseCounts(t, viewer.session)).all).toBe(4);
    expect(await ids(elsewhere.tenant.admin, elsewhere.labels, { view: 'all' })).toEqual(['other-tenant']);
    await expectCountsAgree(plain.session, 'plain');
    await expectCountsAgree(viewer.session, 'queryAll');
  });

  it('all under OU isolation: the OUs in scope (home, home and below, or every OU), plus direct relations', async () => {
    const w = await world();
    const admin = api(t.app, w.tenant.admin);
    const ou = async (name: string, parentId: string) => {
      const response = await admin.post('/api/v1/ous', { name, parentId });
      expect(response.statusCode, response.body).toBe(201);
      return response.json<{ id: string }>().id;
    };
    const x = await ou('X', w.tenant.rootOuId);
    const x1 = await ou('X1', x);
    const y = await ou('Y', w.tenant.rootOuId);
    const home = await withRole(w, ['case.queryAll'], { ouId: x });
    const subtree = await withRole(w, ['case.queryAll', 'ou.viewSubtree'], { ouId: x });
    const everyOu = await withRole(w, ['case.queryAll', 'ou.viewAll'], { ouId: x });
    const plainInX = await createUserFixture(t, w.tenant, { ouId: x });
    const agentY = await createUserFixture(t, w.tenant, { ouId: y });
    const queueOfHome = await createQueueFixture(t, w.tenant, [home.id]);

    await w.make('root', { ouId: w.tenant.rootOuId });
    await w.make('x', { ouId: x, ownerId: agentY.id });
    await w.make('x1', { ouId: x1, ownerId: agentY.id });
    const yCase = await w.make('y', { ouId: y, ownerId: agentY.id });
    const yOwned = await w.make('y-owned-by-home', { ouId: y, ownerId: home.id });
    await w.make('y-created-by-home', { ouId: y, ownerId: agentY.id }, { session: home.session });
    await w.make('y-in-home-queue', { ouId: y, queueId: queueOfHome });
    const everything = [
      'root',
      'x',
      'x1',
      'y',
      'y-owned-by-home',
      'y-created-by-home',
      'y-in-home-queue',
    ].sort();

    expect(await ids(home.session, w.labels, { view: 'all' })).toEqual(everything);
    const isolate = await admin.patch('/api/v1/tenant', { ouIsolation: true });
    expect(isolate.statusCode, isolate.body).toBe(200);

    const homeScope = ['x', 'y-owned-by-home', 'y-created-by-home', 'y-in-home-queue'].sort();
    expect(await ids(home.session, w.labels, { view: 'all' })).toEqual(homeScope);
    expect(await ids(subtree.session, w.labels, { view: 'all' })).toEqual(['x', 'x1']);
    expect(await ids(everyOu.session, w.labels, { view: 'all' })).toEqual(everything);
    expect(await ids(w.tenant.admin, w.labels, { view: 'all' })).toEqual(everything);
    expect((await caseCounts(t, home.session)).all).toBe(4);
    expect((await caseCounts(t, subtree.session)).all).toBe(2);
    expect((await caseCounts(t, everyOu.session)).all).toBe(7);

    // Reading one case follows the same rule as the list.
    expect((await api(t.app, home.session).get(`/api/v1/cases/${yCase.id}`)).statusCode).toBe(404);
    expect((await api(t.app, home.session).get(`/api/v1/cases/${yOwned.id}`)).statusCode).toBe(200);
    // Filters and search narrow within the scope, never beyond it.
    expect(await ids(home.session, w.labels, { view: 'all', ouId: y })).toEqual(
      ['y-owned-by-home', 'y-created-by-home', 'y-in-home-queue'].sort(),
    );
    expect(await ids(home.session, w.labels, { view: 'all', q: 'refund' })).toEqual(homeScope);
    expect(await ids(subtree.session, w.labels, { view: 'all', ouId: y })).toEqual([]);
    // The customer (no OU) is everyone's; its case list shows only the cases in reach.
    const history = await api(t.app, home.session).get(`/api/v1/customers/${w.customerId}/cases`);
    expect(history.statusCode).toBe(200);
    expect(w.labels.set(history.json<CaseListJson>().items)).toEqual(homeScope);

    const plainAll = await api(t.app, plainInX.session).get('/api/v1/cases?view=all');
    expect(plainAll.statusCode).toBe(403);
    expect(await ids(agentY.session, w.labels, { view: 'todo' })).toEqual(
      ['x', 'x1', 'y', 'y-created-by-home'].sort(),
    );
    for (const [who, session] of [
      ['home', home.session],
      ['subtree', subtree.session],
      ['every OU', everyOu.session],
      ['plain', plainInX.session],
    ] as const) {
      await expectCountsAgree(session, who);
    }
  });
});

describe('filters', () => {
  /**
   * Eight cases that differ in every filterable attribute:
   * | case | type | priority | origin | customer | owner | OU | state / status |
   * | k1 | T1 | high | voice | C1 | A | X | open New |
   * | k2 | T1 | low | email | C2 | B | root | open In progress |
   * | k3 | T2 | critical | web | C1 | queue Q | root | open Intake |
   * | k4 | T2 | medium | api | C2 | A | root | suspended Intake |
   * | k5 | T1 | medium | voice | C1 | admin | root | closed Resolved |
   * | k6 | T1 | low → medium (upgraded) | webchat | C2 | B | root | open New |
   * | k7 | T1 | medium | voice | C1 | A | X | closed, restarted: open New, reopened |
   * | k8 | T1 | high | whatsapp | C2 | admin | root | cancelled New |
   */
  async function filterWorld() {
    const w = await world();
    const admin = api(t.app, w.tenant.admin);
    const t2 = await createCaseTypeFixture(t, w.tenant, { process: ['Intake', 'Review', 'Done'] });
    const c2 = await createCustomerFixture(t, w.tenant);
    const a = await createUserFixture(t, w.tenant);
    const b = await createUserFixture(t, w.tenant);
    const queue = await createQueueFixture(t, w.tenant, [a.id]);
    const ouResponse = await admin.post('/api/v1/ous', { name: 'X', parentId: w.tenant.rootOuId });
    const x = ouResponse.json<{ id: string }>().id;
    const step = async (caseId: string, operation: string, body: unknown = {}) => {
      const response = await admin.post(`/api/v1/cases/${caseId}/${operation}`, body);
      expect(response.statusCode, response.body).toBe(200);
    };
    const make = async (label: string, body: Record<string, unknown>) => {
      t.clock.advance(MINUTE);
      return w.make(label, body);
    };
    await make('k1', { priority: 'high', origin: 'voice', ownerId: a.id, ouId: x });
    const k2 = await make('k2', { priority: 'low', origin: 'email', customerId: c2, ownerId: b.id });
    await step(k2.id, 'status', { status: 'In progress' });
    await make('k3', { typeId: t2.id, priority: 'critical', origin: 'web', queueId: queue });
    const k4 = await make('k4', {
      typeId: t2.id,
      priority: 'medium',
      origin: 'api',
      customerId: c2,
      ownerId: a.id,
    });
    await step(k4.id, 'suspend');
    const k5 = await make('k5', { priority: 'medium', origin: 'voice' });
    await putCaseInState(t, w.tenant.admin, k5.id, 'closed', w.process);
    const k6 = await make('k6', { priority: 'low', origin: 'webchat', customerId: c2, ownerId: b.id });
    await step(k6.id, 'upgrade');
    const k7 = await make('k7', { priority: 'medium', origin: 'voice', ownerId: a.id, ouId: x });
    await putCaseInState(t, w.tenant.admin, k7.id, 'closed', w.process);
    await step(k7.id, 'restart');
    const k8 = await make('k8', { priority: 'high', origin: 'whatsapp', customerId: c2 });
    await step(k8.id, 'cancel');
    return { w, t1: w.typeId, t2: t2.id, c1: w.customerId, c2, a, b, queue, x, root: w.tenant.rootOuId };
  }

  it('each filter of API.md, alone and with several comma-separated values', async () => {
    const f = await filterWorld();
    const all = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8'];
    const cases: [Record<string, string>, string[]][] = [
      [{}, all],
      [{ state: 'open' }, ['k1', 'k2', 'k3', 'k6', 'k7']],
      [{ state: 'suspended' }, ['k4']],
      [{ state: 'open,suspended' }, ['k1', 'k2', 'k3', 'k4', 'k6', 'k7']],
      [{ state: 'closed' }, ['k5']],
      [{ state: 'cancelled' }, ['k8']],
      [{ state: 'merged' }, []],
      [{ status: 'In progress' }, ['k2']],
      [{ status: 'New' }, ['k1', 'k6', 'k7', 'k8']],
      [{ status: 'Intake,Resolved' }, ['k3', 'k4', 'k5']],
      [{ typeId: f.t2 }, ['k3', 'k4']],
      [{ typeId: `${f.t1},${f.t2}` }, all],
      [{ typeId: 'no-such-type' }, []],
      [{ priority: 'low' }, ['k2']],
      [{ priority: 'medium' }, ['k4', 'k5', 'k6', 'k7']],
      [{ priority: 'critical,high' }, ['k1', 'k3', 'k8']],
      [{ origin: 'voice' }, ['k1', 'k5', 'k7']],
      [{ origin: 'email,web' }, ['k2', 'k3']],
      [{ ownerId: f.a.id }, ['k1', 'k4', 'k7']],
      [{ ownerId: `${f.a.id},${f.b.id}` }, ['k1', 'k2', 'k4', 'k6', 'k7']],
      [{ queueId: f.queue }, ['k3']],
      [{ customerId: f.c2 }, ['k2', 'k4', 'k6', 'k8']],
      [{ customerId: `${f.c1},${f.c2}` }, all],
      [{ ouId: f.x }, ['k1', 'k7']],
      [{ ouId: `${f.x},${f.root}` }, all],
      [{ upgraded: 'true' }, ['k6']],
      [{ upgraded: 'false' }, ['k1', 'k2', 'k3', 'k4', 'k5', 'k7', 'k8']],
      [{ reopened: 'true' }, ['k7']],
      [{ reopened: 'false' }, ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k8']],
    ];
    for (const [query, expected] of cases) {
      const page = await listCases(t, f.w.tenant.admin, { view: 'all', limit: 100, ...query });
      expect(f.w.labels.set(page.items), JSON.stringify(query)).toEqual([...expected].sort());
      expect(page.total, `total of ${JSON.stringify(query)}`).toBe(expected.length);
    }
  });

  it('filters combine with each other and with the view', async () => {
    const f = await filterWorld();
    const combos: [Record<string, string>, string[]][] = [
      [{ state: 'open', customerId: f.c1 }, ['k1', 'k3', 'k7']],
      [{ state: 'open', priority: 'medium', ownerId: f.a.id }, ['k7']],
      [{ typeId: f.t1, origin: 'voice', reopened: 'false' }, ['k1', 'k5']],
      [{ ownerId: f.b.id, upgraded: 'true' }, ['k6']],
      [{ state: 'open,suspended', typeId: f.t2, priority: 'medium' }, ['k4']],
      [{ state: 'closed', ownerId: f.a.id }, []],
      [{ ouId: f.x, reopened: 'true', status: 'New' }, ['k7']],
    ];
    for (const [query, expected] of combos) {
      expect(
        await ids(f.w.tenant.admin, f.w.labels, { view: 'all', ...query }),
        JSON.stringify(query),
      ).toEqual([...expected].sort());
    }
    // A's todo is k1, k4, k7 (own, live) and k3 (unclaimed in A's queue).
    expect(await ids(f.a.session, f.w.labels, { view: 'todo' })).toEqual(['k1', 'k3', 'k4', 'k7']);
    expect(await ids(f.a.session, f.w.labels, { view: 'todo', typeId: f.t2 })).toEqual(['k3', 'k4']);
    expect(await ids(f.a.session, f.w.labels, { view: 'todo', priority: 'high,critical' })).toEqual([
      'k1',
      'k3',
    ]);
    expect(await ids(f.a.session, f.w.labels, { view: 'todo', state: 'suspended' })).toEqual(['k4']);
    // A filter never widens a view: B cannot reach A's cases by naming A.
    expect(await ids(f.b.session, f.w.labels, { view: 'todo', ownerId: f.a.id })).toEqual([]);
  });

  it('overdue: the clock ran past the due time; a case whose clock stopped before it is not overdue', async () => {
    const w = await world();
    const admin = api(t.app, w.tenant.admin);
    const due = (hours: number) => new Date(t.clock.now().getTime() + hours * HOUR).toISOString();
    const op = async (id: string, operation: string) => {
      const response = await admin.post(`/api/v1/cases/${id}/${operation}`, {});
      expect(response.statusCode, response.body).toBe(200);
    };
    await w.make('open-due-1h', { dueAt: due(1) });
    await w.make('open-due-3h', { dueAt: due(3) });
    const early = await w.make('suspended-before-due', { dueAt: due(1) });
    await op(early.id, 'suspend');
    const late = await w.make('suspended-after-due', { dueAt: due(1) });
    const cancelledEarly = await w.make('cancelled-before-due', { dueAt: due(1) });
    await op(cancelledEarly.id, 'cancel');
    await w.make('closed-before-due', { dueAt: due(1) }, { state: 'closed' });
    await w.make('no-due-time');

    expect(await ids(w.tenant.admin, w.labels, { view: 'all', overdue: 'true' })).toEqual([]);
    t.clock.advance(2 * HOUR);
    await op(late.id, 'suspend');

    const overdue = await listCases(t, w.tenant.admin, { view: 'all', overdue: 'true' });
    expect(w.labels.set(overdue.items)).toEqual(['open-due-1h', 'suspended-after-due']);
    expect(overdue.items.every((i) => (i.sla as { overdue: boolean }).overdue)).toBe(true);
    const onTime = await listCases(t, w.tenant.admin, { view: 'all', overdue: 'false' });
    expect(w.labels.set(onTime.items)).toEqual(
      [
        'open-due-3h',
        'suspended-before-due',
        'cancelled-before-due',
        'closed-before-due',
        'no-due-time',
      ].sort(),
    );
    const stopped = onTime.items.find((i) => i.id === early.id);
    expect(stopped?.sla).toMatchObject({ overdue: false, remainingMs: HOUR });
    expect(await ids(w.tenant.admin, w.labels, { view: 'all', overdue: 'true', state: 'open' })).toEqual([
      'open-due-1h',
    ]);

    // Resumed after the pause, the early case's due time moved by the paused 2 h: still not overdue.
    await op(early.id, 'resume');
    expect(await ids(w.tenant.admin, w.labels, { view: 'all', overdue: 'true' })).toEqual([
      'open-due-1h',
      'suspended-after-due',
    ]);
    t.clock.advance(HOUR + MINUTE);
    expect(await ids(w.tenant.admin, w.labels, { view: 'all', overdue: 'true' })).toEqual(
      ['open-due-1h', 'open-due-3h', 'suspended-after-due', 'suspended-before-due'].sort(),
    );
  });

  it('dueWithinHours: live cases due between now and now + N hours (wall clock), not overdue ones', async () => {
    const w = await world();
    const due = (minutes: number) => new Date(t.clock.now().getTime() + minutes * MINUTE).toISOString();
    await w.make('due-30m', { dueAt: due(30) });
    await w.make('due-90m', { dueAt: due(90) });
    await w.make('due-5h', { dueAt: due(300) });
    await w.make('due-1h-closed', { dueAt: due(60) }, { state: 'closed' });
    await w.make('no-due-time');
    const within = (hours: number) => ids(w.tenant.admin, w.labels, { view: 'all', dueWithinHours: hours });
    expect(await within(0.75)).toEqual(['due-30m']);
    expect(await within(2)).toEqual(['due-30m', 'due-90m']);
    expect(await within(6)).toEqual(['due-30m', 'due-5h', 'due-90m']);
    t.clock.advance(HOUR);
    // due-30m is now 30 minutes overdue: not "due within" any more.
    expect(await within(1)).toEqual(['due-90m']);
    expect(await within(4.5)).toEqual(['due-5h', 'due-90m']);
  });

  it('createdFrom / createdTo and dueFrom / dueTo bound the times, in any offset', async () => {
    const w = await world();
    const t0 = t.clock.now().getTime();
    for (let i = 0; i < 4; i++) {
      await w.make(`created-${i}h`, { dueAt: new Date(t0 + (i + 1) * 24 * HOUR).toISOString() });
      t.clock.advance(HOUR);
    }
    await w.make('created-4h-no-due');
    const at = (ms: number) => new Date(t0 + ms).toISOString();
    const q = (query: Record<string, string>) => ids(w.tenant.admin, w.labels, { view: 'all', ...query });

    expect(await q({ createdFrom: at(30 * MINUTE) })).toEqual([
      'created-1h',
      'created-2h',
      'created-3h',
      'created-4h-no-due',
    ]);
    expect(await q({ createdTo: at(2.5 * HOUR) })).toEqual(['created-0h', 'created-1h', 'created-2h']);
    expect(await q({ createdFrom: at(30 * MINUTE), createdTo: at(2.5 * HOUR) })).toEqual([
      'created-1h',
      'created-2h',
    ]);
    expect(await q({ createdFrom: at(3.5 * HOUR), createdTo: at(2.5 * HOUR) })).toEqual([]);
    // The same instant written with a +08:00 offset selects the same cases.
    const plus8 = (ms: number) => `${new Date(t0 + ms + 8 * HOUR).toISOString().slice(0, 19)}+08:00`;
    expect(await q({ createdFrom: plus8(30 * MINUTE), createdTo: plus8(2.5 * HOUR) })).toEqual([
      'created-1h',
      'created-2h',
    ]);

    // Due at t0 + 1, 2, 3 and 4 days (the last has none).
    expect(await q({ dueFrom: at(36 * HOUR) })).toEqual(['created-1h', 'created-2h', 'created-3h']);
    expect(await q({ dueTo: at(60 * HOUR) })).toEqual(['created-0h', 'created-1h']);
    expect(await q({ dueFrom: at(36 * HOUR), dueTo: at(60 * HOUR) })).toEqual(['created-1h']);
    expect(await q({ dueFrom: plus8(36 * HOUR), dueTo: plus8(84 * HOUR) })).toEqual([
      'created-1h',
      'created-2h',
    ]);
    expect(await q({ createdFrom: at(30 * MINUTE), dueTo: at(60 * HOUR) })).toEqual(['created-1h']);
  });

  it('bad values are 400 validation_failed naming the field', async () => {
    const w = await world();
    const client = api(t.app, w.tenant.admin);
    const badCursor = Buffer.from(JSON.stringify(['only one value'])).toString('base64url');
    const bad: [string, string][] = [
      ['view=mine', 'view'],
      ['state=bogus', 'state'],
      ['state=', 'state'],
      ['priority=urgent', 'priority'],
      ['origin=fax', 'origin'],
      ['upgraded=yes', 'upgraded'],
      ['reopened=1', 'reopened'],
      ['overdue=TRUE', 'overdue'],
      ['dueWithinHours=0', 'dueWithinHours'],
      ['dueWithinHours=-2', 'dueWithinHours'],
      ['dueWithinHours=soon', 'dueWithinHours'],
      ['createdFrom=yesterday', 'createdFrom'],
      ['createdTo=2026-01-05', 'createdTo'],
      ['dueFrom=2026-13-01T00:00:00Z', 'dueFrom'],
      ['dueTo=now', 'dueTo'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=2.5', 'limit'],
      ['limit=many', 'limit'],
      ['sort=title', 'sort'],
      ['sort=-status', 'sort'],
      ['q=a', 'q'],
      ['q=%20a%20', 'q'],
      [`q=${'x'.repeat(201)}`, 'q'],
      [`q=${encodeURIComponent('退')}`, 'q'],
      ['cursor=garbage', 'cursor'],
      [`cursor=${badCursor}`, 'cursor'],
      ['colour=red', 'colour'],
    ];
    for (const [query, field] of bad) {
      const response = await client.get(`/api/v1/cases?${query}`);
      expect(response.statusCode, query).toBe(400);
      const body = problem(response);
      expect(body.code, query).toBe('validation_failed');
      expect(
        body.errors?.map((e) => e.field.split('.')[0]),
        query,
      ).toContain(field);
    }
    // The bounds themselves are fine.
    for (const query of ['limit=1', 'limit=100', 'q=ab', 'state=open,suspended', 'dueWithinHours=0.5']) {
      expect((await client.get(`/api/v1/cases?${query}`)).statusCode, query).toBe(200);
    }
  });
});

describe('sorting', () => {
  it('by due time (none last), priority by rank, created and updated time, each way; the cursor keeps the order', async () => {
    const w = await world();
    const admin = api(t.app, w.tenant.admin);
    const t0 = t.clock.now().getTime();
    const spec: [string, string, number | null][] = [
      ['s1', 'low', 3],
      ['s2', 'critical', null],
      ['s3', 'medium', 1],
      ['s4', 'high', 2],
      ['s5', 'medium', null],
    ];
    for (const [label, priority, dueHours] of spec) {
      await w.make(label, {
        priority,
        ...(dueHours === null ? {} : { dueAt: new Date(t0 + 24 * HOUR + dueHours * HOUR).toISOString() }),
      });
      t.clock.advance(MINUTE);
    }
    // Updated in the order s2, s4 (untouched since creation), then s3, s1, s5.
    for (const label of ['s3', 's1', 's5']) {
      t.clock.advance(MINUTE);
      const response = await admin.patch(`/api/v1/cases/${w.labels.id(label)}`, { title: `Edited ${label}` });
      expect(response.statusCode, response.body).toBe(200);
    }
    const byId = (labels: string[], direction: 'asc' | 'desc') =>
      [...labels].sort((p, q) => {
        const order = w.labels.id(p) < w.labels.id(q) ? -1 : 1;
        return direction === 'asc' ? order : -order;
      });
    const expected: Record<string, string[]> = {
      dueAt: ['s3', 's4', 's1', ...byId(['s2', 's5'], 'asc')],
      '-dueAt': [...byId(['s2', 's5'], 'desc'), 's1', 's4', 's3'],
      priority: ['s1', ...byId(['s3', 's5'], 'asc'), 's4', 's2'],
      '-priority': ['s2', 's4', ...byId(['s3', 's5'], 'desc'), 's1'],
      createdAt: ['s1', 's2', 's3', 's4', 's5'],
      '-createdAt': ['s5', 's4', 's3', 's2', 's1'],
      updatedAt: ['s2', 's4', 's3', 's1', 's5'],
      '-updatedAt': ['s5', 's1', 's3', 's4', 's2'],
    };
    for (const [sort, order] of Object.entries(expected)) {
      const page = await listCases(t, w.tenant.admin, { view: 'all', sort });
      expect(w.labels.of(page.items), sort).toEqual(order);
      const walked = await walk(w.tenant.admin, { view: 'all', sort, limit: 2 });
      expect(w.labels.of(walked.items), `${sort} walked two at a time`).toEqual(order);
      expect(walked.pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    }
    // The default order is newest first.
    expect(w.labels.of((await listCases(t, w.tenant.admin, { view: 'all' })).items)).toEqual(
      expected['-createdAt'],
    );
  });
});

describe('cursor pagination', () => {
  it('23 cases, 5 a page: every case exactly once, in order, total 23 on every page, the last page without a cursor', async () => {
    const w = await world();
    const a = await createUserFixture(t, w.tenant);
    const priorities = ['low', 'medium', 'high', 'critical'];
    const created: string[] = [];
    for (let i = 0; i < 23; i++) {
      // Every case at the same instant: ties on the sort key, broken by id.
      const c = await w.make(`p${i}`, { ownerId: a.id, priority: priorities[i % 4] });
      created.push(c.id);
    }
    await w.make('not-a’s');

    for (const sort of ['-createdAt', 'createdAt', 'priority', '-priority', 'dueAt', 'updatedAt']) {
      const whole = await listCases(t, a.session, { view: 'todo', sort, limit: 100 });
      expect(whole.items).toHaveLength(23);
      const { pages, items } = await walk(a.session, { view: 'todo', sort, limit: 5 });
      expect(
        pages.map((p) => p.items.length),
        sort,
      ).toEqual([5, 5, 5, 5, 3]);
      expect(
        pages.map((p) => p.total),
        sort,
      ).toEqual([23, 23, 23, 23, 23]);
      expect(pages.slice(0, -1).every((p) => typeof p.nextCursor === 'string')).toBe(true);
      expect(pages.at(-1)?.nextCursor).toBeNull();
      const walkedIds = items.map((i) => i.id);
      expect(new Set(walkedIds).size, sort).toBe(23);
      expect([...walkedIds].sort()).toEqual([...created].sort());
      expect(walkedIds, sort).toEqual(whole.items.map((i) => i.id));
    }

    // By priority with ties: ranks never go down, and within one rank the ids ascend.
    const rank = (p: unknown) => priorities.indexOf(String(p));
    const { items } = await walk(a.session, { view: 'todo', sort: 'priority', limit: 5 });
    for (let i = 1; i < items.length; i++) {
      const [prev, next] = [items[i - 1], items[i]];
      if (!prev || !next) throw new Error('missing item');
      expect(rank(next.priority)).toBeGreaterThanOrEqual(rank(prev.priority));
      if (rank(next.priority) === rank(prev.priority)) expect(next.id > prev.id).toBe(true);
    }
    expect(items.map((i) => i.priority)).toEqual([
      ...Array<string>(6).fill('low'),
      ...Array<string>(6).fill('medium'),
      ...Array<string>(6).fill('high'),
      ...Array<string>(5).fill('critical'),
    ]);
    const down = await walk(a.session, { view: 'todo', sort: '-priority', limit: 5 });
    expect(down.items.map((i) => i.id)).toEqual([...items].reverse().map((i) => i.id));
  });

  it('a cursor made for another sort order is 400 on cursor, never a server error', async () => {
    const w = await world();
    for (let i = 0; i < 3; i++) await w.make(`c${i}`, { priority: i === 0 ? 'low' : 'high' });
    const byPriority = await listCases(t, w.tenant.admin, { view: 'all', sort: 'priority', limit: 1 });
    const byCreated = await listCases(t, w.tenant.admin, { view: 'all', sort: 'createdAt', limit: 1 });
    expect(byPriority.nextCursor).not.toBeNull();
    expect(byCreated.nextCursor).not.toBeNull();
    const client = api(t.app, w.tenant.admin);
    for (const [sort, cursor] of [
      ['createdAt', byPriority.nextCursor],
      ['priority', byCreated.nextCursor],
      ['dueAt', byPriority.nextCursor],
    ] as const) {
      const response = await client.get(`/api/v1/cases?view=all&sort=${sort}&cursor=${cursor ?? ''}`);
      expect(response.statusCode, `${sort} with a foreign cursor: ${response.body}`).toBe(400);
      expect(problem(response).errors?.[0]?.field).toBe('cursor');
    }
    // Hand-made cursors of the right shape but impossible values.
    const made = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    const someId = w.labels.id('c0');
    for (const [sort, values] of [
      ['priority', ['high', someId]],
      ['priority', [2.5, someId]],
      ['priority', [99_999_999_999, someId]],
      ['createdAt', [7, someId]],
      ['createdAt', ['2026-01-05T09:00:00.000Z', 7]],
      ['createdAt', ['2026-01-05\u0000', someId]],
      ['-dueAt', ['9999-12-31T23:59:59.999Z', `${someId}\u0000`]],
    ] as const) {
      const response = await client.get(`/api/v1/cases?view=all&sort=${sort}&cursor=${made([...values])}`);
      expect(response.statusCode, `${sort} with ${JSON.stringify(values)}: ${response.body}`).toBe(400);
      expect(problem(response).errors?.[0]?.field).toBe('cursor');
    }
  });
});

describe('full-text search', () => {
  async function searchWorld() {
    const w = await world();
    // Ten cases first, so that the cases under test have two-digit case numbers.
    for (let i = 1; i <= 10; i++)
      await w.make(`filler-${i}`, { title: 'Filler case', description: 'Nothing special here' });
    await w.make('zh-refund', { title: '申请退款失败', description: '客户反映问题' });
    await w.make('zh-return', { title: '退货', description: '客户要求退货' });
    await w.make('refund-not-received', {
      title: 'Refund not received',
      description: 'The customer has been waiting two weeks.',
    });
    await w.make('printer', { title: 'Printer jammed', description: 'Paper stuck in the TRAY since Monday' });
    await w.make('password', { title: 'Password reset', description: 'Cannot sign in' });
    await w.make('refund-approved', { title: 'Refund approved', description: 'Approved by finance' });
    return w;
  }

  it('Chinese by bigrams, English words by prefix, all words, any case, title and description', async () => {
    const w = await searchWorld();
    const q = (text: string) => ids(w.tenant.admin, w.labels, { view: 'all', q: text });
    expect(await q('退款')).toEqual(['zh-refund']);
    expect(await q('退款失败')).toEqual(['zh-refund']);
    expect(await q('退货')).toEqual(['zh-return']);
    expect(await q('款退')).toEqual([]);
    expect(await q('refun')).toEqual(['refund-approved', 'refund-not-received']);
    expect(await q('Refund')).toEqual(['refund-approved', 'refund-not-received']);
    expect(await q('refund received')).toEqual(['refund-not-received']);
    expect(await q('REFUND Received')).toEqual(['refund-not-received']);
    expect(await q('received refund')).toEqual(['refund-not-received']);
    expect(await q('refund approved')).toEqual(['refund-approved']);
    expect(await q('refund monday')).toEqual([]);
    expect(await q('refunds')).toEqual([]);
    // Words of the description match, whatever their case there.
    expect(await q('tray')).toEqual(['printer']);
    expect(await q('monday paper')).toEqual(['printer']);
    expect(await q('finance')).toEqual(['refund-approved']);
    // Search works in every view and with filters.
    expect(await ids(w.tenant.admin, w.labels, { view: 'created', q: 'refund', state: 'open' })).toEqual([
      'refund-approved',
      'refund-not-received',
    ]);
    const page = await listCases(t, w.tenant.admin, { view: 'all', q: 'refund' });
    expect(page.total).toBe(2);
  });

  it('a later comment is searchable at once; an edited title replaces the old words', async () => {
    const w = await searchWorld();
    const q = (text: string) => ids(w.tenant.admin, w.labels, { view: 'all', q: text });
    expect(await q('mismatch')).toEqual([]);
    await comment(w.tenant.admin, w.labels.id('password'), 'The customer reports an invoice MISMATCH');
    expect(await q('mismatch')).toEqual(['password']);
    expect(await q('invoice password')).toEqual(['password']);
    const edit = await api(t.app, w.tenant.admin).patch(`/api/v1/cases/${w.labels.id('printer')}`, {
      title: 'Scanner offline',
    });
    expect(edit.statusCode).toBe(200);
    expect(await q('printer')).toEqual([]);
    expect(await q('scanner')).toEqual(['printer']);
    expect(await q('tray')).toEqual(['printer']);
  });

  it('the case number finds that case exactly', async () => {
    const w = await searchWorld();
    const printer = await api(t.app, w.tenant.admin).get(`/api/v1/cases/${w.labels.id('printer')}`);
    const caseNo = printer.json<CaseJson>().caseNo;
    expect(caseNo).toBeGreaterThanOrEqual(10);
    expect(await ids(w.tenant.admin, w.labels, { view: 'all', q: String(caseNo) })).toEqual(['printer']);
    expect(await ids(w.tenant.admin, w.labels, { view: 'all', q: `#${caseNo}` })).toEqual(['printer']);
    expect(await ids(w.tenant.admin, w.labels, { view: 'all', q: '#1' })).toEqual(['filler-1']);
    expect(await ids(w.tenant.admin, w.labels, { view: 'all', q: '10' })).toEqual(['filler-10']);
  });

  it('search respects visibility and tenants', async () => {
    const w = await searchWorld();
    const plain = await createUserFixture(t, w.tenant);
    const agent = await createUserFixture(t, w.tenant);
    await w.make('plain-refund', { title: '退款 for plain' }, { session: plain.session });
    const hidden = await w.make('agent-refund', { title: '申请退款 agent' }, { session: agent.session });
    const other = await world();
    await other.make('other-tenant-refund', { title: '申请退款失败' });

    for (const view of ['todo', 'followed', 'created', 'processed']) {
      const expected = view === 'todo' || view === 'created' ? ['plain-refund'] : [];
      expect(await ids(plain.session, w.labels, { view, q: '退款' }), view).toEqual(expected);
    }
    expect((await api(t.app, plain.session).get(`/api/v1/cases/${hidden.id}`)).statusCode).toBe(404);
    expect(await ids(w.tenant.admin, w.labels, { view: 'all', q: '退款' })).toEqual(
      ['zh-refund', 'plain-refund', 'agent-refund'].sort(),
    );
    expect(await ids(other.tenant.admin, other.labels, { view: 'all', q: '退款' })).toEqual([
      'other-tenant-refund',
    ]);
    // Case number 1 exists in both tenants: each finds its own.
    expect(await ids(other.tenant.admin, other.labels, { view: 'all', q: '#1' })).toEqual([
      'other-tenant-refund',
    ]);
    expect(await ids(w.tenant.admin, w.labels, { view: 'all', q: '#1' })).toEqual(['filler-1']);
  });
});

describe('a customer’s historical cases', () => {
  it('the customer’s cases the caller may see, newest first; excludeCaseId leaves one out; other tenants 404', async () => {
    const w = await world();
    const a = await createUserFixture(t, w.tenant);
    const b = await createUserFixture(t, w.tenant);
    const viewer = await withRole(w, ['case.queryAll']);
    const queue = await createQueueFixture(t, w.tenant, [a.id]);
    const otherCustomer = await createCustomerFixture(t, w.tenant);
    const make = async (label: string, body: Record<string, unknown> = {}, session?: Session) => {
      t.clock.advance(MINUTE);
      return w.make(label, body, session ? { session } : {});
    };
    await make('h1-admin');
    await make('h2-a-owns', { ownerId: a.id });
    const h3 = await make('h3-a-created-b-owns', { ownerId: b.id }, a.session);
    await make('h4-b-owns', { ownerId: b.id });
    await make('h5-a-queue', { queueId: queue });
    await make('h6-closed', { ownerId: a.id });
    await putCaseInState(t, w.tenant.admin, w.labels.id('h6-closed'), 'closed', w.process);
    await make('other-customer', { customerId: otherCustomer, ownerId: a.id });

    const history = async (session: Session, query = '') => {
      const response = await api(t.app, session).get(`/api/v1/customers/${w.customerId}/cases${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<CaseListJson>();
    };
    const everything = [
      'h6-closed',
      'h5-a-queue',
      'h4-b-owns',
      'h3-a-created-b-owns',
      'h2-a-owns',
      'h1-admin',
    ];
    const asAdmin = await history(w.tenant.admin);
    expect(w.labels.of(asAdmin.items)).toEqual(everything);
    expect(asAdmin.total).toBe(6);
    expect(w.labels.of((await history(viewer.session)).items)).toEqual(everything);
    const asA = await history(a.session);
    expect(w.labels.of(asA.items)).toEqual(['h6-closed', 'h5-a-queue', 'h3-a-created-b-owns', 'h2-a-owns']);
    expect(asA.total).toBe(4);
    const excluded = await history(a.session, `?excludeCaseId=${h3.id}`);
    expect(w.labels.of(excluded.items)).toEqual(['h6-closed', 'h5-a-queue', 'h2-a-owns']);
    expect(excluded.total).toBe(3);
    expect(w.labels.of((await history(b.session)).items)).toEqual(['h4-b-owns', 'h3-a-created-b-owns']);

    // Paged newest first by cursor.
    const first = await history(w.tenant.admin, '?limit=4');
    expect(w.labels.of(first.items)).toEqual(everything.slice(0, 4));
    expect(first.nextCursor).not.toBeNull();
    const second = await history(w.tenant.admin, `?limit=4&cursor=${first.nextCursor ?? ''}`);
    expect(w.labels.of(second.items)).toEqual(everything.slice(4));
    expect(second.nextCursor).toBeNull();

    const other = await world();
    await other.make('other-tenant-case');
    for (const url of [
      `/api/v1/customers/${other.customerId}/cases`,
      '/api/v1/customers/01900000-0000-7000-8000-000000000000/cases',
    ]) {
      const response = await api(t.app, w.tenant.admin).get(url);
      expect(response.statusCode, url).toBe(404);
      expect(problem(response).code).toBe('not_found');
    }
    const fromOther = await api(t.app, other.tenant.admin).get(`/api/v1/customers/${w.customerId}/cases`);
    expect(fromOther.statusCode).toBe(404);
  });
});
