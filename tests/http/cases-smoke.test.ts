import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createTenantFixture, problem, startTestApp, type TestApp } from '../support/app.js';
import {
  createCaseFixture,
  createCaseTypeFixture,
  createCustomerFixture,
  type CaseJson,
} from '../support/cases.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('a case from creation to closing', () => {
  it('walks the lifecycle', async () => {
    const tenant = await createTenantFixture(t);
    const type = await createCaseTypeFixture(t, tenant);
    const customerId = await createCustomerFixture(t, tenant);
    const created = await createCaseFixture(t, tenant.admin, {
      typeId: type.id,
      customerId,
      title: '申请退款失败',
    });
    expect(created).toMatchObject({
      state: 'open',
      status: 'New',
      version: 1,
      ownerId: tenant.adminId,
      caseNo: 1,
    });
    const admin = api(t.app, tenant.admin);
    const moved = await admin.post(
      `/api/v1/cases/${created.id}/status`,
      { status: 'Resolved' },
      { 'if-match': '"1"' },
    );
    expect(moved.statusCode).toBe(200);
    expect(moved.headers.etag).toBe('"2"');
    const stale = await admin.post(`/api/v1/cases/${created.id}/close`, {}, { 'if-match': '"1"' });
    expect(problem(stale).code).toBe('version_conflict');
    const closed = await admin.post(`/api/v1/cases/${created.id}/close`, { remark: 'done' });
    expect(closed.json<CaseJson>().state).toBe('closed');
    const search = await admin.get(`/api/v1/cases?view=created&q=${encodeURIComponent('退款')}`);
    expect(search.statusCode).toBe(200);
    expect(search.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toEqual([created.id]);
    const track = await admin.get(`/api/v1/cases/${created.id}/track`);
    expect(track.json<{ items: { kind: string }[] }>().items.map((i) => i.kind)).toEqual([
      'created',
      'status',
      'closed',
    ]);
    const counts = await admin.get('/api/v1/cases/counts');
    expect(counts.json()).toMatchObject({ todo: 0, created: 1, processed: 1, all: 1 });
  });
});
