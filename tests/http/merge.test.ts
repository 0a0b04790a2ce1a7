import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createRoleFixture,
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
  type CaseJson,
} from '../support/cases.js';
import { testDialect } from '../support/database.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function world(): Promise<{
  tenant: TenantFixture;
  typeId: string;
  customerId: string;
  make: (extra?: Record<string, unknown>) => Promise<CaseJson>;
}> {
  const tenant = await createTenantFixture(t);
  const { id: typeId } = await createCaseTypeFixture(t, tenant, { process: ['New', 'Done'] });
  const customerId = await createCustomerFixture(t, tenant);
  return {
    tenant,
    typeId,
    customerId,
    make: (extra = {}) => createCaseFixture(t, tenant.admin, { typeId, customerId, ...extra }),
  };
}

async function snapshot(tenantId: string): Promise<unknown[]> {
  return t.ctx.db
    .selectFrom('cases')
    .select(['id', 'state', 'version', 'merged_into_id', 'paused_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('case_no')
    .execute();
}

describe('POST /api/v1/cases/:id/merge', () => {
  it('merges secondaries: merged state, pointer, both tracks, associated both ways, SLA stopped, tasks moved', async () => {
    const w = await world();
    const main = await w.make({ title: 'Main' });
    const second = await w.make({
      title: 'Second',
      dueAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString(),
    });
    const third = await w.make({ title: 'Third' });
    const admin = api(t.app, w.tenant.admin);
    await admin.post(`/api/v1/cases/${second.id}/comments`, { body: 'comment on the secondary' });
    const task = await admin.post(`/api/v1/cases/${second.id}/tasks`, {
      title: 'Check the warehouse',
      ownerId: w.tenant.adminId,
    });
    const response = await admin.post(`/api/v1/cases/${main.id}/merge`, {
      caseIds: [second.id, third.id],
      remark: 'same issue',
    });
    expect(response.statusCode, response.body).toBe(200);
    const after2 = (await admin.get(`/api/v1/cases/${second.id}`)).json<
      CaseJson & { mergedIntoId: string; sla: { remainingMs: number } }
    >();
    expect(after2).toMatchObject({ state: 'merged', mergedIntoId: main.id });
    t.clock.advance(60_000);
    const later2 = (await admin.get(`/api/v1/cases/${second.id}`)).json<
      CaseJson & { sla: { remainingMs: number } }
    >();
    expect(later2.sla.remainingMs).toBe(after2.sla.remainingMs);
    expect(
      Object.entries(later2.abilities)
        .filter(([, v]) => v)
        .map(([k]) => k)
        .sort(),
    ).toEqual(['follow', 'viewInternalRecords']);

    const associated = (await admin.get(`/api/v1/cases/${main.id}/associated`)).json<{
      mainCase: null;
      mergedCases: { id: string }[];
    }>();
    expect(associated.mainCase).toBeNull();
    expect(associated.mergedCases.map((c) => c.id)).toEqual([second.id, third.id]);
    const back = (await admin.get(`/api/v1/cases/${second.id}/associated`)).json<{
      mainCase: { id: string };
      mergedCases: unknown[];
    }>();
    expect(back.mainCase.id).toBe(main.id);

    const mainTrack = (await admin.get(`/api/v1/cases/${main.id}/track`)).json<{
      items: { kind: string; remark?: string }[];
    }>();
    expect(mainTrack.items.at(-1)).toMatchObject({ kind: 'merge', remark: 'same issue' });
    const secondTrack = (await admin.get(`/api/v1/cases/${second.id}/track`)).json<{
      items: { kind: string; body?: string }[];
    }>();
    expect(secondTrack.items.map((e) => e.kind)).toContain('comment');
    expect(secondTrack.items.at(-1)?.kind).toBe('merged');

    expect(task.statusCode).toBe(201);
    const moved = await t.ctx.db
      .selectFrom('case_tasks')
      .select('case_id')
      .where('tenant_id', '=', w.tenant.tenantId)
      .executeTakeFirstOrThrow();
    expect(moved.case_id).toBe(main.id);
    const handlers = await t.ctx.db
      .selectFrom('task_handlers')
      .select('case_id')
      .where('tenant_id', '=', w.tenant.tenantId)
      .execute();
    expect(handlers.map((h) => h.case_id)).toEqual([main.id]);
    // A merged case is read-only but for following.
    expect(problem(await admin.post(`/api/v1/cases/${second.id}/comments`, { body: 'x' })).code).toBe(
      'case_invalid_transition',
    );
    expect(problem(await admin.post(`/api/v1/cases/${second.id}/suspend`, {})).code).toBe(
      'case_invalid_transition',
    );
    expect((await admin.post(`/api/v1/cases/${second.id}/follow`)).statusCode).toBe(200);
  });

  it('refuses every guard with merge_not_allowed and changes nothing', async () => {
    const w = await world();
    const admin = api(t.app, w.tenant.admin);
    const main = await w.make();
    const otherCustomer = await createCaseFixture(t, w.tenant.admin, {
      typeId: w.typeId,
      customerId: await createCustomerFixture(t, w.tenant),
    });
    const closed = await w.make();
    await admin.post(`/api/v1/cases/${closed.id}/status`, { status: 'Done' });
    await admin.post(`/api/v1/cases/${closed.id}/close`, {});
    const cancelledMain = await w.make();
    await admin.post(`/api/v1/cases/${cancelledMain.id}/cancel`, {});
    const a = await w.make();
    const b = await w.make();
    expect((await admin.post(`/api/v1/cases/${a.id}/merge`, { caseIds: [b.id] })).statusCode).toBe(200);
    const c = await w.make();
    const eleven = await Promise.all(Array.from({ length: 11 }, () => w.make()));

    const before = await snapshot(w.tenant.tenantId);
    const attempts: [string, string[]][] = [
      [main.id, [otherCustomer.id]],
      [main.id, [closed.id]],
      [cancelledMain.id, [c.id]],
      [main.id, [b.id]],
      [main.id, [main.id]],
      [b.id, [c.id]],
      [c.id, [a.id]],
      [main.id, eleven.map((e) => e.id)],
    ];
    for (const [target, caseIds] of attempts) {
      const response = await admin.post(`/api/v1/cases/${target}/merge`, { caseIds });
      expect(response.statusCode, `${target} ← ${caseIds.join(',')}`).toBe(409);
      expect(problem(response).code).toBe('merge_not_allowed');
    }
    expect(await snapshot(w.tenant.tenantId)).toEqual(before);
  });

  it('a secondary the caller cannot see is 400 on caseIds; one of another tenant too', async () => {
    const w = await world();
    const agent = await createUserFixture(t, w.tenant);
    const mine = await createCaseFixture(t, agent.session, { typeId: w.typeId, customerId: w.customerId });
    const hidden = await w.make();
    const response = await api(t.app, agent.session).post(`/api/v1/cases/${mine.id}/merge`, {
      caseIds: [hidden.id],
    });
    expect(response.statusCode).toBe(400);
    expect(problem(response).errors?.[0]?.field).toBe('caseIds');
    const other = await world();
    const foreign = await other.make();
    const cross = await api(t.app, w.tenant.admin).post(`/api/v1/cases/${hidden.id}/merge`, {
      caseIds: [foreign.id],
    });
    expect(problem(cross).errors?.[0]?.field).toBe('caseIds');
    expect(problem(cross).detail).toBe(problem(response).detail);
  });

  it('needs case.merge for every case the caller does not own', async () => {
    const w = await world();
    const viewer = await createUserFixture(t, w.tenant, {
      roleIds: [await createRoleFixture(t, w.tenant, ['case.queryAll'])],
    });
    const merger = await createUserFixture(t, w.tenant, {
      roleIds: [await createRoleFixture(t, w.tenant, ['case.merge'])],
    });
    const mine = await createCaseFixture(t, viewer.session, { typeId: w.typeId, customerId: w.customerId });
    const others = await w.make();
    const refused = await api(t.app, viewer.session).post(`/api/v1/cases/${mine.id}/merge`, {
      caseIds: [others.id],
    });
    expect(refused.statusCode).toBe(403);
    expect(
      (await api(t.app, merger.session).post(`/api/v1/cases/${mine.id}/merge`, { caseIds: [others.id] }))
        .statusCode,
    ).toBe(200);
  });

  it('a failure in the middle leaves every case as it was', async () => {
    const w = await world();
    const main = await w.make();
    const first = await w.make();
    const second = await w.make();
    const before = await snapshot(w.tenant.tenantId);
    // Make the database refuse the write of the second secondary, after the first has been written.
    if (testDialect() === 'sqlite') {
      await sql
        .raw(
          `CREATE TRIGGER fail_merge BEFORE UPDATE ON cases WHEN NEW.id = '${second.id}' AND NEW.state = 'merged' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
        )
        .execute(t.ctx.db);
    } else {
      await sql
        .raw(
          `CREATE FUNCTION fail_merge() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql`,
        )
        .execute(t.ctx.db);
      await sql
        .raw(
          `CREATE TRIGGER fail_merge BEFORE UPDATE ON cases FOR EACH ROW WHEN (NEW.id = '${second.id}' AND NEW.state = 'merged') EXECUTE FUNCTION fail_merge()`,
        )
        .execute(t.ctx.db);
    }
    try {
      const response = await api(t.app, w.tenant.admin).post(`/api/v1/cases/${main.id}/merge`, {
        caseIds: [first.id, second.id],
      });
      expect(response.statusCode).toBe(500);
      expect(await snapshot(w.tenant.tenantId)).toEqual(before);
      const tracks = await t.ctx.db
        .selectFrom('case_track')
        .select('kind')
        .where('tenant_id', '=', w.tenant.tenantId)
        .where('kind', 'in', ['merge', 'merged'])
        .execute();
      expect(tracks).toEqual([]);
    } finally {
      await sql
        .raw(
          testDialect() === 'sqlite'
            ? 'DROP TRIGGER fail_merge'
            : 'DROP TRIGGER fail_merge ON cases; DROP FUNCTION fail_merge()',
        )
        .execute(t.ctx.db);
    }
  });

  it('is 401 without credentials, 404 for a case of another tenant, 400 for a bad body', async () => {
    const w = await world();
    const c = await w.make();
    expect((await api(t.app).post(`/api/v1/cases/${c.id}/merge`, { caseIds: [c.id] })).statusCode).toBe(401);
    const other = await world();
    expect(
      (await api(t.app, other.tenant.admin).post(`/api/v1/cases/${c.id}/merge`, { caseIds: [c.id] }))
        .statusCode,
    ).toBe(404);
    const bad = await api(t.app, w.tenant.admin).post(`/api/v1/cases/${c.id}/merge`, { caseIds: [] });
    expect(problem(bad).errors?.[0]?.field).toBe('caseIds');
  });
});
