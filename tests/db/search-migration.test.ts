import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateOneDown, migrateToLatest, migrationStatus } from '../../src/db/migrator.js';
import { api, createTenantFixture, startTestApp, type TestApp } from '../support/app.js';
import {
  createCaseFixture,
  createCaseTypeFixture,
  createCustomerFixture,
  listCases,
  type CaseJson,
} from '../support/cases.js';

/**
 * Migration 0006 rebuilds the search index from the cases' text and comments: down to the earlier
 * shape (words without prefixes, a row per source) and up again, with data in it.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface Row {
  term: string;
  case_id: string;
  [column: string]: unknown;
}

async function termRows(): Promise<Row[]> {
  const result = await sql<Row>`select * from case_search_terms`.execute(t.database.db);
  return result.rows;
}

describe('migration 0006_search_scaling', () => {
  it('rebuilds the search index down and up from titles, descriptions and comments', async () => {
    const tenant = await createTenantFixture(t);
    const { id: typeId } = await createCaseTypeFixture(t, tenant);
    const customerId = await createCustomerFixture(t, tenant);
    const refunded = await createCaseFixture(t, tenant.admin, {
      typeId,
      customerId,
      title: 'Refunded parcel',
      description: '申请退款',
    });
    const response = await api(t.app, tenant.admin).post(`/api/v1/cases/${refunded.id}/comments`, {
      body: 'Zebra crossing, refunded twice',
    });
    expect(response.statusCode, response.body).toBe(201);
    t.clock.advance(60_000);
    const other = await createCaseFixture(t, tenant.admin, {
      typeId,
      customerId,
      title: 'Password reset',
      description: 'Locked out',
    });
    const names = (await migrationStatus(t.database.db)).map((m) => m.name);
    expect(names.at(-1)).toBe('0006_search_scaling');

    await migrateOneDown(t.database.db);
    const before = await termRows();
    const of = (c: CaseJson) =>
      before
        .filter((r) => r.case_id === c.id)
        .map((r) => `${String(r.source)}:${r.term}`)
        .sort();
    expect(before.every((r) => !('case_created_at' in r))).toBe(true);
    expect(of(refunded)).toEqual(
      [
        'case:refunded',
        'case:parcel',
        'case:申请',
        'case:请退',
        'case:退款',
        'comment:zebra',
        'comment:crossing',
        'comment:refunded',
        'comment:twice',
      ].sort(),
    );
    expect(of(other)).toEqual(['case:locked', 'case:out', 'case:password', 'case:reset']);

    await migrateToLatest(t.database.db);
    const after = await termRows();
    const refundedRows = after.filter((r) => r.case_id === refunded.id);
    expect(refundedRows.every((r) => r.case_created_at === refunded.createdAt)).toBe(true);
    expect(after.every((r) => !('source' in r))).toBe(true);
    const terms = refundedRows.map((r) => r.term);
    expect(new Set(terms).size).toBe(terms.length);
    for (const term of ['r', 'ref', 'refunded', 'zeb', 'zebra', 'cross', '退款'])
      expect(terms).toContain(term);
    expect(terms).not.toContain('refunds');

    const found = async (q: string) =>
      (await listCases(t, tenant.admin, { view: 'all', q })).items.map((i) => i.id);
    expect(await found('refund')).toEqual([refunded.id]);
    expect(await found('zeb cross')).toEqual([refunded.id]);
    expect(await found('退款')).toEqual([refunded.id]);
    expect(await found('lock')).toEqual([other.id]);
  });
});
