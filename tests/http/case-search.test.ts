import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createTenantFixture,
  createUserFixture,
  startTestApp,
  type Session,
  type TestApp,
} from '../support/app.js';
import {
  createCaseFixture,
  createCaseTypeFixture,
  createCustomerFixture,
  createQueueFixture,
  listCases,
  type CaseListItemJson,
  type CaseListJson,
} from '../support/cases.js';

/**
 * Full-text search as it reads the index (docs/decisions/0008): words by their indexed prefixes,
 * several terms, comments, case numbers, every order and the cursor across pages. The basics (CJK
 * bigrams, visibility, tenants) are in workbench.test.ts.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const MINUTE = 60_000;

async function world() {
  const tenant = await createTenantFixture(t);
  const { id: typeId } = await createCaseTypeFixture(t, tenant);
  const customerId = await createCustomerFixture(t, tenant);
  const labels = new Map<string, string>();
  return {
    tenant,
    labels,
    /** A case made by the administrator a minute after the previous one. */
    async make(label: string, body: Record<string, unknown>, session: Session = tenant.admin) {
      t.clock.advance(MINUTE);
      const created = await createCaseFixture(t, session, { typeId, customerId, ...body });
      labels.set(created.id, label);
      return created;
    },
    of(items: readonly CaseListItemJson[]): string[] {
      return items.map((i) => labels.get(i.id) ?? `unknown:${i.id}`);
    },
  };
}

type World = Awaited<ReturnType<typeof world>>;

async function search(w: World, q: string, query: Record<string, string | number> = {}) {
  return w.of((await listCases(t, w.tenant.admin, { view: 'all', q, limit: 100, ...query })).items);
}

/** Every page of a search, following `nextCursor`. */
async function walk(session: Session, query: Record<string, string | number>) {
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

async function comment(session: Session, caseId: string, body: string): Promise<void> {
  const response = await api(t.app, session).post(`/api/v1/cases/${caseId}/comments`, { body });
  expect(response.statusCode, response.body).toBe(201);
}

describe('search by word prefix', () => {
  it('a word finds every word it begins, from one character to past the indexed prefixes', async () => {
    const w = await world();
    await w.make('refunded', { title: 'Money refunded', description: 'Paid back' });
    await w.make('refunds', { title: 'Two refunds pending', description: 'Waiting' });
    await w.make('refund', { title: 'Refund', description: 'Asked' });
    await w.make('revolution', { title: 'Counterrevolutionary leaflet', description: 'Found' });
    await w.make('revolutionaries', { title: 'Counterrevolutionaries met', description: 'Seen' });

    // Newest first.
    expect(await search(w, 'refund')).toEqual(['refund', 'refunds', 'refunded']);
    expect(await search(w, 'REFUNDE')).toEqual(['refunded']);
    expect(await search(w, 'refunds')).toEqual(['refunds']);
    expect(await search(w, 'refundable')).toEqual([]);
    expect(await search(w, 're')).toEqual(['refund', 'refunds', 'refunded']);
    // A one-character word within a longer query.
    expect(await search(w, 'r pending')).toEqual(['refunds']);
    // Longer than the indexed prefixes (16 characters): the whole word still decides.
    expect(await search(w, 'counterrevolution')).toEqual(['revolutionaries', 'revolution']);
    expect(await search(w, 'counterrevolutionary')).toEqual(['revolution']);
    expect(await search(w, 'counterrevolutionaries')).toEqual(['revolutionaries']);
    expect(await search(w, 'counterrevolutionists')).toEqual([]);
    const page = await listCases(t, w.tenant.admin, { view: 'all', q: 'refund' });
    expect(page.total).toBe(3);
  });

  it('lone CJK characters match the bigrams they begin', async () => {
    const w = await world();
    await w.make('zh-refund', { title: '申请退款失败', description: '客户反映问题' });
    await w.make('zh-return', { title: '退货', description: '客户要求退货' });
    expect(await search(w, '退 失')).toEqual(['zh-refund']);
    expect(await search(w, '退 客')).toEqual(['zh-return', 'zh-refund']);
    expect(await search(w, '败 客')).toEqual([]);
    expect((await listCases(t, w.tenant.admin, { view: 'all', q: '退 客' })).total).toBe(2);
  });
});

describe('several terms', () => {
  it('every term must match, in the title, the description or a comment, whichever term is rarer', async () => {
    const w = await world();
    for (let i = 0; i < 6; i++)
      await w.make(`refund-${i}`, { title: 'Refund request', description: 'Plain' });
    await w.make('refund-zebra', { title: 'Refund for the zebra costume', description: 'Striped' });
    const commented = await w.make('refund-later', { title: 'Refund request', description: 'Plain' });
    await comment(w.tenant.admin, commented.id, 'The zebra pattern was wrong');
    await w.make('zebra-only', { title: 'Zebra crossing', description: 'No money involved' });

    expect(await search(w, 'refund zebra')).toEqual(['refund-later', 'refund-zebra']);
    expect(await search(w, 'zebra refund')).toEqual(['refund-later', 'refund-zebra']);
    expect(await search(w, 'zebra')).toEqual(['zebra-only', 'refund-later', 'refund-zebra']);
    expect(await search(w, 'refund pattern')).toEqual(['refund-later']);
    expect(await search(w, 'refund striped zebra')).toEqual(['refund-zebra']);
    expect(await search(w, 'refund crossing')).toEqual([]);
    const counted = await listCases(t, w.tenant.admin, { view: 'all', q: 'refund zebra' });
    expect(counted.total).toBe(2);
  });

  it('a term in both the text and a comment lists the case once, counted once', async () => {
    const w = await world();
    const both = await w.make('both', { title: 'Refund asked', description: 'By phone' });
    await comment(w.tenant.admin, both.id, 'Refund approved by the manager');
    await comment(w.tenant.admin, both.id, 'Refund paid');
    await w.make('text-only', { title: 'Refund asked', description: 'By mail' });
    const comment1 = await w.make('comment-only', { title: 'Question', description: 'By mail' });
    await comment(w.tenant.admin, comment1.id, 'Now a refund');

    expect(await search(w, 'refund')).toEqual(['comment-only', 'text-only', 'both']);
    expect((await listCases(t, w.tenant.admin, { view: 'all', q: 'refund' })).total).toBe(3);
    const paged = await walk(w.tenant.admin, { view: 'all', q: 'refund', limit: 1 });
    expect(w.of(paged.items)).toEqual(['comment-only', 'text-only', 'both']);
    expect(paged.pages.map((p) => p.total)).toEqual([3, 3, 3]);
    // Editing the text keeps the comments' terms.
    const edit = await api(t.app, w.tenant.admin).patch(`/api/v1/cases/${both.id}`, { title: 'Question' });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(await search(w, 'refund')).toEqual(['comment-only', 'text-only', 'both']);
    expect(await search(w, 'asked')).toEqual(['text-only']);
  });
});

describe('pages of a search', () => {
  it('newest first, oldest first and other orders: every match once, across pages, with the total on each', async () => {
    const w = await world();
    const priorities = ['low', 'medium', 'high', 'critical'];
    for (let i = 0; i < 7; i++) {
      await w.make(`m${i}`, {
        title: `Refund number ${i}`,
        description: 'Waiting',
        priority: priorities[i % 4],
      });
      await w.make(`other${i}`, { title: 'Password reset', description: 'Locked out' });
    }
    const newest = ['m6', 'm5', 'm4', 'm3', 'm2', 'm1', 'm0'];
    const expected: Record<string, string[]> = {
      '-createdAt': newest,
      createdAt: [...newest].reverse(),
      // By rank, and within a rank by id, which rises with the creation time here.
      '-priority': ['m3', 'm6', 'm2', 'm5', 'm1', 'm4', 'm0'],
    };
    for (const [sort, order] of Object.entries(expected)) {
      const { pages, items } = await walk(w.tenant.admin, { view: 'all', q: 'refund', sort, limit: 3 });
      expect(
        pages.map((p) => p.items.length),
        sort,
      ).toEqual([3, 3, 1]);
      expect(
        pages.map((p) => p.total),
        sort,
      ).toEqual([7, 7, 7]);
      expect(w.of(items), sort).toEqual(order);
    }
    // With a filter and another view.
    const high = await walk(w.tenant.admin, {
      view: 'created',
      q: 'refund',
      priority: 'high,critical',
      limit: 1,
    });
    expect(w.of(high.items)).toEqual(['m6', 'm3', 'm2']);
    expect(high.pages.map((p) => p.total)).toEqual([3, 3, 3]);
  });

  it('a query that is a case number adds that case, once, in its place', async () => {
    const w = await world();
    const made = [];
    for (let i = 0; i < 12; i++)
      made.push(await w.make(`c${i}`, { title: 'Filler', description: 'Nothing' }));
    const twelve = made[11];
    if (!twelve) throw new Error('no case 12');
    expect(twelve.caseNo).toBe(12);
    await w.make('order-12x', { title: 'Order 12345 lost', description: 'Parcel' });
    await w.make('order-12y', { title: 'Order 1299 late', description: 'Parcel' });
    // Case 12 also holds a word that begins with 12: it is listed once all the same.
    await comment(w.tenant.admin, twelve.id, 'See order 1200');

    expect(await search(w, '12')).toEqual(['order-12y', 'order-12x', 'c11']);
    expect(await search(w, '#12')).toEqual(['order-12y', 'order-12x', 'c11']);
    expect(await search(w, '#11')).toEqual(['c10']);
    expect(await search(w, '123')).toEqual(['order-12x']);
    const { pages, items } = await walk(w.tenant.admin, { view: 'all', q: '12', limit: 1 });
    expect(w.of(items)).toEqual(['order-12y', 'order-12x', 'c11']);
    expect(pages.map((p) => p.total)).toEqual([3, 3, 3]);
    const oldest = await walk(w.tenant.admin, { view: 'all', q: '12', limit: 2, sort: 'createdAt' });
    expect(w.of(oldest.items)).toEqual(['c11', 'order-12x', 'order-12y']);
    const byUpdated = await walk(w.tenant.admin, { view: 'all', q: '12', limit: 2, sort: '-updatedAt' });
    expect(w.of(byUpdated.items).sort()).toEqual(['c11', 'order-12x', 'order-12y']);
    expect(byUpdated.pages.map((p) => p.total)).toEqual([3, 3]);
  });

  it('in To do and Processed: the search narrows the caller’s own work, across pages', async () => {
    const w = await world();
    const agent = await createUserFixture(t, w.tenant);
    const queueId = await createQueueFixture(t, w.tenant, [agent.id]);
    await w.make('mine-refund', { title: 'Refund for me', ownerId: agent.id });
    await w.make('mine-other', { title: 'Password for me', description: 'Locked', ownerId: agent.id });
    await w.make('queue-refund', { title: 'Refund in the queue', queueId });
    await w.make('queue-other', { title: 'Password in the queue', description: 'Locked', queueId });
    await w.make('elsewhere-refund', { title: 'Refund elsewhere' });
    const { pages, items } = await walk(agent.session, { view: 'todo', q: 'refund', limit: 1 });
    expect(w.of(items)).toEqual(['queue-refund', 'mine-refund']);
    expect(pages.map((p) => p.total)).toEqual([2, 2]);
    const due = await walk(agent.session, { view: 'todo', q: 'locked', sort: 'dueAt', limit: 1 });
    expect(w.of(due.items).sort()).toEqual(['mine-other', 'queue-other']);

    // Processed, also read through its own branches: my finished cases among them.
    const closed = await w.make('mine-closed-refund', { title: 'Refund done', ownerId: agent.id });
    const cancel = await api(t.app, agent.session).post(`/api/v1/cases/${closed.id}/cancel`, {});
    expect(cancel.statusCode, cancel.body).toBe(200);
    await w.make('mine-closed-other', { title: 'Password done', ownerId: agent.id });
    const processed = await listCases(t, agent.session, { view: 'processed', q: 'refund' });
    expect(w.of(processed.items)).toEqual(['mine-closed-refund']);
    expect(processed.total).toBe(1);
  });
});
