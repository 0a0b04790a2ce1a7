import type { LightMyRequestResponse } from 'fastify';
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
} from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface OuBody {
  id: string;
  name: string;
  parentId: string | null;
  leaderIds: string[];
  createdAt: string;
  updatedAt: string;
}

/** Asserts a 400 `validation_failed` and returns the fields it names, sorted, each once. */
function invalidFields(response: LightMyRequestResponse): string[] {
  expect(response.statusCode).toBe(400);
  const body = problem(response);
  expect(body.code).toBe('validation_failed');
  return [...new Set((body.errors ?? []).map((e) => e.field))].sort();
}

async function createOu(session: Session, body: Record<string, unknown>): Promise<OuBody> {
  const response = await api(t.app, session).post('/api/v1/ous', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<OuBody>();
}

async function listOus(session: Session): Promise<OuBody[]> {
  const response = await api(t.app, session).get('/api/v1/ous');
  expect(response.statusCode).toBe(200);
  return response.json<{ items: OuBody[] }>().items;
}

async function getOu(session: Session, id: string): Promise<OuBody> {
  const response = await api(t.app, session).get(`/api/v1/ous/${id}`);
  expect(response.statusCode).toBe(200);
  return response.json<OuBody>();
}

async function usersManager(tenant: TenantFixture) {
  const role = await createRoleFixture(t, tenant, ['users.manage']);
  return createUserFixture(t, tenant, { roleIds: [role] });
}

describe('creating OUs', () => {
  it('creates an OU under a parent with leaders, answers 201 with it, and it can be read back', async () => {
    const tenant = await createTenantFixture(t);
    const leader = await createUserFixture(t, tenant);
    const response = await api(t.app, tenant.admin).post('/api/v1/ous', {
      name: 'Support',
      parentId: tenant.rootOuId,
      leaderIds: [leader.id, tenant.adminId],
    });
    expect(response.statusCode).toBe(201);
    const ou = response.json<OuBody>();
    const now = t.clock.now().toISOString();
    expect(ou).toEqual({
      id: expect.any(String) as string,
      name: 'Support',
      parentId: tenant.rootOuId,
      leaderIds: [leader.id, tenant.adminId],
      createdAt: now,
      updatedAt: now,
    });
    expect(ou.id).not.toBe(tenant.rootOuId);
    expect(await getOu(tenant.admin, ou.id)).toEqual(ou);
    expect((await listOus(tenant.admin)).find((o) => o.id === ou.id)).toEqual(ou);
  });

  it('a top-level OU has parentId null, whether omitted or given as null; leaderIds default to []', async () => {
    const tenant = await createTenantFixture(t);
    const omitted = await createOu(tenant.admin, { name: 'Top A' });
    expect(omitted.parentId).toBeNull();
    expect(omitted.leaderIds).toEqual([]);
    const explicit = await createOu(tenant.admin, { name: 'Top B', parentId: null, leaderIds: [] });
    expect(explicit.parentId).toBeNull();
  });

  it('trims the name, accepts 64 characters and lists duplicate leaders once', async () => {
    const tenant = await createTenantFixture(t);
    const trimmed = await createOu(tenant.admin, { name: '  Billing  ' });
    expect(trimmed.name).toBe('Billing');
    const long = await createOu(tenant.admin, { name: 'x'.repeat(64) });
    expect(long.name).toBe('x'.repeat(64));
    const leaders = await createOu(tenant.admin, {
      name: 'Leaders',
      leaderIds: [tenant.adminId, tenant.adminId],
    });
    expect(leaders.leaderIds).toEqual([tenant.adminId]);
  });

  it('lists the OUs of the tenant, root included, ordered by name', async () => {
    const tenant = await createTenantFixture(t);
    const b = await createOu(tenant.admin, { name: 'Beta sales', parentId: tenant.rootOuId });
    const a = await createOu(tenant.admin, { name: 'Alpha billing', parentId: tenant.rootOuId });
    const items = await listOus(tenant.admin);
    expect(items.map((o) => o.id)).toEqual([a.id, b.id, tenant.rootOuId]);
    expect(items.find((o) => o.id === tenant.rootOuId)).toMatchObject({
      name: `Tenant ${tenant.slug}`,
      parentId: null,
      leaderIds: [],
    });
  });

  it('refuses a duplicate name with 409 already_exists on name, also after trimming, and creates nothing', async () => {
    const tenant = await createTenantFixture(t);
    await createOu(tenant.admin, { name: 'Sales' });
    const before = await listOus(tenant.admin);
    for (const name of ['Sales', '  Sales ']) {
      const response = await api(t.app, tenant.admin).post('/api/v1/ous', {
        name,
        parentId: tenant.rootOuId,
      });
      expect(response.statusCode).toBe(409);
      const body = problem(response);
      expect(body.code).toBe('already_exists');
      expect(body.errors?.map((e) => e.field)).toEqual(['name']);
    }
    // The root OU is named after the tenant: its name is taken too.
    const rootName = await api(t.app, tenant.admin).post('/api/v1/ous', { name: `Tenant ${tenant.slug}` });
    expect(problem(rootName).code).toBe('already_exists');
    expect(await listOus(tenant.admin)).toEqual(before);
  });

  it('refuses an unknown parentId with 400 on parentId and creates nothing', async () => {
    const tenant = await createTenantFixture(t);
    const before = await listOus(tenant.admin);
    const response = await api(t.app, tenant.admin).post('/api/v1/ous', {
      name: 'Orphan',
      parentId: '0190aaaa-0000-7000-8000-000000000000',
    });
    expect(invalidFields(response)).toEqual(['parentId']);
    expect(await listOus(tenant.admin)).toEqual(before);
  });

  it('refuses an unknown leader with 400 naming its index (leaderIds.N) and creates nothing', async () => {
    const tenant = await createTenantFixture(t);
    const before = await listOus(tenant.admin);
    const first = await api(t.app, tenant.admin).post('/api/v1/ous', {
      name: 'Led',
      leaderIds: ['no-such-user'],
    });
    expect(invalidFields(first)).toEqual(['leaderIds.0']);
    const second = await api(t.app, tenant.admin).post('/api/v1/ous', {
      name: 'Led',
      leaderIds: [tenant.adminId, 'no-such-user'],
    });
    expect(invalidFields(second)).toEqual(['leaderIds.1']);
    expect(await listOus(tenant.admin)).toEqual(before);
  });

  it('accepts a disabled user as leader (users are never deleted)', async () => {
    const tenant = await createTenantFixture(t);
    const former = await createUserFixture(t, tenant);
    await api(t.app, tenant.admin).patch(`/api/v1/users/${former.id}`, { disabled: true });
    const ou = await createOu(tenant.admin, { name: 'With former leader', leaderIds: [former.id] });
    expect(ou.leaderIds).toEqual([former.id]);
  });
});

describe('changing OUs', () => {
  it('renames, moves and sets leaders; the change is stored and updatedAt moves', async () => {
    const tenant = await createTenantFixture(t);
    const leader = await createUserFixture(t, tenant);
    const other = await createOu(tenant.admin, { name: 'Other', parentId: tenant.rootOuId });
    const ou = await createOu(tenant.admin, { name: 'Team', parentId: tenant.rootOuId });
    t.clock.advance(5000);
    const response = await api(t.app, tenant.admin).patch(`/api/v1/ous/${ou.id}`, {
      name: 'Team 2',
      parentId: other.id,
      leaderIds: [leader.id],
    });
    expect(response.statusCode).toBe(200);
    const expected: OuBody = {
      ...ou,
      name: 'Team 2',
      parentId: other.id,
      leaderIds: [leader.id],
      updatedAt: t.clock.now().toISOString(),
    };
    expect(response.json()).toEqual(expected);
    expect(await getOu(tenant.admin, ou.id)).toEqual(expected);
    expect(expected.updatedAt).not.toBe(ou.createdAt);
  });

  it('changes only the given fields; parentId null moves the OU to the top; leaderIds [] clears them', async () => {
    const tenant = await createTenantFixture(t);
    const ou = await createOu(tenant.admin, {
      name: 'Team',
      parentId: tenant.rootOuId,
      leaderIds: [tenant.adminId],
    });
    const renamed = await api(t.app, tenant.admin).patch(`/api/v1/ous/${ou.id}`, { name: 'Renamed' });
    expect(renamed.json()).toMatchObject({
      name: 'Renamed',
      parentId: tenant.rootOuId,
      leaderIds: [tenant.adminId],
    });
    const top = await api(t.app, tenant.admin).patch(`/api/v1/ous/${ou.id}`, { parentId: null });
    expect(top.json()).toMatchObject({ name: 'Renamed', parentId: null, leaderIds: [tenant.adminId] });
    const cleared = await api(t.app, tenant.admin).patch(`/api/v1/ous/${ou.id}`, { leaderIds: [] });
    expect(cleared.json()).toMatchObject({ name: 'Renamed', parentId: null, leaderIds: [] });
    expect(await getOu(tenant.admin, ou.id)).toMatchObject({
      name: 'Renamed',
      parentId: null,
      leaderIds: [],
    });
  });

  it('keeping its own name is not a duplicate', async () => {
    const tenant = await createTenantFixture(t);
    const ou = await createOu(tenant.admin, { name: 'Same' });
    const response = await api(t.app, tenant.admin).patch(`/api/v1/ous/${ou.id}`, { name: 'Same' });
    expect(response.statusCode).toBe(200);
    expect(response.json<OuBody>().name).toBe('Same');
  });

  it('refuses renaming to the name of another OU with 409 already_exists and changes nothing', async () => {
    const tenant = await createTenantFixture(t);
    await createOu(tenant.admin, { name: 'Sales' });
    const ou = await createOu(tenant.admin, { name: 'Billing' });
    t.clock.advance(1000);
    const response = await api(t.app, tenant.admin).patch(`/api/v1/ous/${ou.id}`, {
      name: 'Sales',
      leaderIds: [tenant.adminId],
    });
    expect(response.statusCode).toBe(409);
    expect(problem(response).code).toBe('already_exists');
    expect(problem(response).errors?.map((e) => e.field)).toEqual(['name']);
    expect(await getOu(tenant.admin, ou.id)).toEqual(ou);
  });

  it('refuses a cycle (itself, a child, a grandchild as parent) with 400 on parentId and changes nothing', async () => {
    const tenant = await createTenantFixture(t);
    const a = await createOu(tenant.admin, { name: 'A', parentId: tenant.rootOuId });
    const b = await createOu(tenant.admin, { name: 'B', parentId: a.id });
    const c = await createOu(tenant.admin, { name: 'C', parentId: b.id });
    const before = await listOus(tenant.admin);
    t.clock.advance(1000);
    for (const [id, parentId] of [
      [a.id, a.id],
      [a.id, b.id],
      [a.id, c.id],
      [b.id, c.id],
      [c.id, c.id],
      [tenant.rootOuId, c.id],
    ] as const) {
      const response = await api(t.app, tenant.admin).patch(`/api/v1/ous/${id}`, { parentId, name: 'Moved' });
      expect(invalidFields(response)).toEqual(['parentId']);
    }
    expect(await listOus(tenant.admin)).toEqual(before);
  });

  it('allows moving a sub-tree sideways and up (no false cycles)', async () => {
    const tenant = await createTenantFixture(t);
    const a = await createOu(tenant.admin, { name: 'A', parentId: tenant.rootOuId });
    const b = await createOu(tenant.admin, { name: 'B', parentId: a.id });
    const c = await createOu(tenant.admin, { name: 'C', parentId: b.id });
    const x = await createOu(tenant.admin, { name: 'X', parentId: tenant.rootOuId });
    // C up under A, then B (still with no children) under C: fine now that C is no longer below B.
    expect((await api(t.app, tenant.admin).patch(`/api/v1/ous/${c.id}`, { parentId: a.id })).statusCode).toBe(
      200,
    );
    expect((await api(t.app, tenant.admin).patch(`/api/v1/ous/${b.id}`, { parentId: c.id })).statusCode).toBe(
      200,
    );
    expect((await api(t.app, tenant.admin).patch(`/api/v1/ous/${a.id}`, { parentId: x.id })).statusCode).toBe(
      200,
    );
    const byId = new Map((await listOus(tenant.admin)).map((o) => [o.id, o.parentId]));
    expect(byId.get(a.id)).toBe(x.id);
    expect(byId.get(b.id)).toBe(c.id);
    expect(byId.get(c.id)).toBe(a.id);
  });

  it('two moves at the same moment that together would make a cycle: exactly one succeeds', async () => {
    for (let round = 0; round < 10; round++) {
      const tenant = await createTenantFixture(t);
      const a = await createOu(tenant.admin, { name: 'A' });
      const b = await createOu(tenant.admin, { name: 'B' });
      const [aUnderB, bUnderA] = await Promise.all([
        api(t.app, tenant.admin).patch(`/api/v1/ous/${a.id}`, { parentId: b.id }),
        api(t.app, tenant.admin).patch(`/api/v1/ous/${b.id}`, { parentId: a.id }),
      ]);
      expect([aUnderB.statusCode, bUnderA.statusCode].sort()).toEqual([200, 400]);
      expect(invalidFields(aUnderB.statusCode === 400 ? aUnderB : bUnderA)).toEqual(['parentId']);
      const byId = new Map((await listOus(tenant.admin)).map((o) => [o.id, o.parentId]));
      // One of them is on top, the other under it.
      expect([byId.get(a.id), byId.get(b.id)].filter((p) => p === null)).toHaveLength(1);
    }
  });

  it('refuses an unknown parentId or leader with 400 naming the field and changes nothing', async () => {
    const tenant = await createTenantFixture(t);
    const ou = await createOu(tenant.admin, { name: 'Team', parentId: tenant.rootOuId });
    t.clock.advance(1000);
    const parent = await api(t.app, tenant.admin).patch(`/api/v1/ous/${ou.id}`, {
      name: 'Other name',
      parentId: 'no-such-ou',
    });
    expect(invalidFields(parent)).toEqual(['parentId']);
    const leaders = await api(t.app, tenant.admin).patch(`/api/v1/ous/${ou.id}`, {
      name: 'Other name',
      leaderIds: [tenant.adminId, tenant.adminId, 'no-such-user'],
    });
    expect(invalidFields(leaders)).toEqual(['leaderIds.2']);
    expect(await getOu(tenant.admin, ou.id)).toEqual(ou);
  });

  it('the refusal text of an unknown parentId is the same on create and on change', async () => {
    const tenant = await createTenantFixture(t);
    const ou = await createOu(tenant.admin, { name: 'Team' });
    const create = problem(
      await api(t.app, tenant.admin).post('/api/v1/ous', { name: 'N', parentId: 'nope' }),
    );
    const change = problem(
      await api(t.app, tenant.admin).patch(`/api/v1/ous/${ou.id}`, { parentId: 'nope' }),
    );
    expect(change.errors).toEqual(create.errors);
    expect(change.detail).toBe(create.detail);
  });

  it('is 404 for an unknown OU', async () => {
    const tenant = await createTenantFixture(t);
    const response = await api(t.app, tenant.admin).patch('/api/v1/ous/no-such-ou', { name: 'x' });
    expect(response.statusCode).toBe(404);
    expect(problem(response).code).toBe('not_found');
  });
});

describe('deleting OUs', () => {
  it('deletes an OU nothing refers to: 204, then 404 and gone from the list', async () => {
    const tenant = await createTenantFixture(t);
    const ou = await createOu(tenant.admin, {
      name: 'Temp',
      parentId: tenant.rootOuId,
      leaderIds: [tenant.adminId],
    });
    const response = await api(t.app, tenant.admin).delete(`/api/v1/ous/${ou.id}`);
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    const gone = await api(t.app, tenant.admin).get(`/api/v1/ous/${ou.id}`);
    expect(gone.statusCode).toBe(404);
    expect(problem(gone).code).toBe('not_found');
    expect((await listOus(tenant.admin)).map((o) => o.id)).not.toContain(ou.id);
    const again = await api(t.app, tenant.admin).delete(`/api/v1/ous/${ou.id}`);
    expect(again.statusCode).toBe(404);
  });

  it('refuses to delete an OU with users (409 in_use), and deletes it once they moved', async () => {
    const tenant = await createTenantFixture(t);
    const ou = await createOu(tenant.admin, { name: 'Staffed', parentId: tenant.rootOuId });
    const user = await createUserFixture(t, tenant, { ouId: ou.id });
    const refused = await api(t.app, tenant.admin).delete(`/api/v1/ous/${ou.id}`);
    expect(refused.statusCode).toBe(409);
    expect(problem(refused).code).toBe('in_use');
    expect(await getOu(tenant.admin, ou.id)).toEqual(ou);

    await api(t.app, tenant.admin).patch(`/api/v1/users/${user.id}`, { ouId: tenant.rootOuId });
    expect((await api(t.app, tenant.admin).delete(`/api/v1/ous/${ou.id}`)).statusCode).toBe(204);
  });

  it('a disabled user still holds the OU', async () => {
    const tenant = await createTenantFixture(t);
    const ou = await createOu(tenant.admin, { name: 'Staffed', parentId: tenant.rootOuId });
    const user = await createUserFixture(t, tenant, { ouId: ou.id });
    await api(t.app, tenant.admin).patch(`/api/v1/users/${user.id}`, { disabled: true });
    const refused = await api(t.app, tenant.admin).delete(`/api/v1/ous/${ou.id}`);
    expect(refused.statusCode).toBe(409);
    expect(problem(refused).code).toBe('in_use');
  });

  it('refuses to delete an OU with sub-OUs (409 in_use), and deletes it once they moved', async () => {
    const tenant = await createTenantFixture(t);
    const parent = await createOu(tenant.admin, { name: 'Parent', parentId: tenant.rootOuId });
    const child = await createOu(tenant.admin, { name: 'Child', parentId: parent.id });
    const refused = await api(t.app, tenant.admin).delete(`/api/v1/ous/${parent.id}`);
    expect(refused.statusCode).toBe(409);
    expect(problem(refused).code).toBe('in_use');
    expect(await getOu(tenant.admin, parent.id)).toEqual(parent);
    expect(await getOu(tenant.admin, child.id)).toEqual(child);

    await api(t.app, tenant.admin).patch(`/api/v1/ous/${child.id}`, { parentId: null });
    expect((await api(t.app, tenant.admin).delete(`/api/v1/ous/${parent.id}`)).statusCode).toBe(204);
    expect(await getOu(tenant.admin, child.id)).toMatchObject({ parentId: null });
  });

  it('refuses to delete the root OU, where the administrator lives', async () => {
    const tenant = await createTenantFixture(t);
    const refused = await api(t.app, tenant.admin).delete(`/api/v1/ous/${tenant.rootOuId}`);
    expect(refused.statusCode).toBe(409);
    expect(problem(refused).code).toBe('in_use');
  });

  it('a deleted name can be used again', async () => {
    const tenant = await createTenantFixture(t);
    const ou = await createOu(tenant.admin, { name: 'Reused' });
    await api(t.app, tenant.admin).delete(`/api/v1/ous/${ou.id}`);
    const again = await createOu(tenant.admin, { name: 'Reused' });
    expect(again.id).not.toBe(ou.id);
  });
});

describe('who may read and write OUs', () => {
  it('every signed-in user may list and read OUs', async () => {
    const tenant = await createTenantFixture(t);
    const ou = await createOu(tenant.admin, {
      name: 'Visible',
      parentId: tenant.rootOuId,
      leaderIds: [tenant.adminId],
    });
    const user = await createUserFixture(t, tenant);
    expect(await listOus(user.session)).toEqual(await listOus(tenant.admin));
    expect(await getOu(user.session, ou.id)).toEqual(ou);
  });

  it('is 401 without credentials', async () => {
    const tenant = await createTenantFixture(t);
    for (const response of [
      await api(t.app).get('/api/v1/ous'),
      await api(t.app).get(`/api/v1/ous/${tenant.rootOuId}`),
      await api(t.app).post('/api/v1/ous', { name: 'x' }),
      await api(t.app).patch(`/api/v1/ous/${tenant.rootOuId}`, { name: 'x' }),
      await api(t.app).delete(`/api/v1/ous/${tenant.rootOuId}`),
    ]) {
      expect(response.statusCode).toBe(401);
      expect(problem(response).code).toBe('unauthenticated');
    }
  });

  it('a plain user gets 403 on create, change and delete, and nothing changes', async () => {
    const tenant = await createTenantFixture(t);
    const ou = await createOu(tenant.admin, { name: 'Target', parentId: tenant.rootOuId });
    const user = await createUserFixture(t, tenant);
    // A role without users.manage does not help.
    const other = await createRoleFixture(t, tenant, ['config.manage', 'customers.manage', 'case.edit']);
    const configurer = await createUserFixture(t, tenant, { roleIds: [other] });
    const before = await listOus(tenant.admin);
    t.clock.advance(1000);
    for (const session of [user.session, configurer.session]) {
      const responses = [
        await api(t.app, session).post('/api/v1/ous', { name: 'New' }),
        await api(t.app, session).patch(`/api/v1/ous/${ou.id}`, { name: 'Renamed' }),
        await api(t.app, session).delete(`/api/v1/ous/${ou.id}`),
      ];
      for (const response of responses) {
        expect(response.statusCode).toBe(403);
        expect(problem(response).code).toBe('forbidden');
      }
    }
    expect(await listOus(tenant.admin)).toEqual(before);
  });

  it('a users.manage holder may create, change and delete OUs', async () => {
    const tenant = await createTenantFixture(t);
    const manager = await usersManager(tenant);
    const ou = await createOu(manager.session, {
      name: 'By manager',
      parentId: tenant.rootOuId,
      leaderIds: [manager.id],
    });
    const changed = await api(t.app, manager.session).patch(`/api/v1/ous/${ou.id}`, { name: 'Changed' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<OuBody>().name).toBe('Changed');
    expect((await api(t.app, manager.session).delete(`/api/v1/ous/${ou.id}`)).statusCode).toBe(204);
    expect((await api(t.app, tenant.admin).get(`/api/v1/ous/${ou.id}`)).statusCode).toBe(404);
  });
});
