import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_TENANT, loadDemo } from '../../src/main/demo.js';
import { api, signIn, startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('casedesk demo', () => {
  it('loads a tenant whose cases cover every state, prints the logins, and loads nothing twice', async () => {
    const progress = new Collect();
    const result = await loadDemo(t.ctx, { cases: 40, ifEmpty: true, progress });
    expect(result.text).toContain(DEMO_ADMIN.email);
    expect(result.text).toContain('li.wei@demo.test');
    expect(progress.text).toContain('40/40');

    const session = await signIn(t.app, DEMO_TENANT, DEMO_ADMIN.email, DEMO_ADMIN.password);
    const all = await api(t.app, session).get('/api/v1/cases?view=all&limit=100');
    const items = all.json<{
      items: {
        state: string;
        upgraded: boolean;
        reopened: boolean;
        queueId: string | null;
        ownerId: string | null;
      }[];
    }>().items;
    expect(items).toHaveLength(40);
    expect(new Set(items.map((c) => c.state))).toEqual(new Set(['open', 'suspended', 'cancelled', 'closed']));
    expect(items.some((c) => c.upgraded)).toBe(true);
    expect(items.some((c) => c.reopened)).toBe(true);
    expect(items.some((c) => c.queueId !== null && c.ownerId === null)).toBe(true);
    const search = await api(t.app, session).get(`/api/v1/cases?view=all&q=${encodeURIComponent('退款')}`);
    expect(search.json<{ total: number }>().total).toBeGreaterThan(0);

    const again = await loadDemo(t.ctx, { cases: 40, ifEmpty: true, progress });
    expect(again.text).toContain(DEMO_ADMIN.email);
    const count = await t.ctx.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(40);
  });
});
