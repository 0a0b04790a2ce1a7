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

interface RoleBody {
  id: string;
  name: string;
  permissions: string[];
  createdAt: string;
  updatedAt: string;
}

const CASE_PERMISSIONS = [
  'case.queryAll',
  'case.close',
  'case.transfer',
  'case.cancel',
  'case.resume',
  'case.restart',
  'case.suspend',
  'case.upgrade',
  'case.edit',
  'case.merge',
];
const OTHER_PERMISSIONS = [
  'ou.viewAll',
  'ou.viewSubtree',
  'config.manage',
  'users.manage',
  'customers.manage',
  'contacts.export',
  'reports.view',
];

/** Asserts a 400 `validation_failed` and returns the fields it names, sorted, each once. */
function invalidFields(response: LightMyRequestResponse): string[] {
  expect(response.statusCode).toBe(400);
  const body = problem(response);
  expect(body.code).toBe('validation_failed');
  return [...new Set((body.errors ?? []).map((e) => e.field))].sort();
}

async function createRole(session: Session, body: Record<string, unknown>): Promise<RoleBody> {
  const response = await api(t.app, session).post('/api/v1/roles', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<RoleBody>();
}

async function listRoles(session: Session): Promise<RoleBody[]> {
  const response = await api(t.app, session).get('/api/v1/roles');
  expect(response.statusCode).toBe(200);
  return response.json<{ items: RoleBody[] }>().items;
}

async function getRole(session: Session, id: string): Promise<RoleBody> {
  const response = await api(t.app, session).get(`/api/v1/roles/${id}`);
  expect(response.statusCode).toBe(200);
  return response.json<RoleBody>();
}

async function usersManager(tenant: TenantFixture) {
  const role = await createRoleFixture(t, tenant, ['users.manage'], 'user managers');
  return createUserFixture(t, tenant, { roleIds: [role] });
}

async function myPermissions(session: Session): Promise<string[]> {
  const response = await api(t.app, session).get('/api/v1/me');
  expect(response.statusCode).toBe(200);
  return response.json<{ permissions: string[] }>().permissions;
}

describe('creating roles', () => {
  it('creates a role (201), which can be read back and is listed', async () => {
    const tenant = await createTenantFixture(t);
    const response = await api(t.app, tenant.admin).post('/api/v1/roles', {
      name: 'Reporters',
      permissions: ['reports.view', 'contacts.export'],
    });
    expect(response.statusCode).toBe(201);
    const now = t.clock.now().toISOString();
    const role = response.json<RoleBody>();
    expect(role).toEqual({
      id: expect.any(String) as string,
      name: 'Reporters',
      // In catalogue order.
      permissions: ['contacts.export', 'reports.view'],
      createdAt: now,
      updatedAt: now,
    });
    expect(await getRole(tenant.admin, role.id)).toEqual(role);
    expect(await listRoles(tenant.admin)).toEqual([role]);
  });

  it.each(CASE_PERMISSIONS.filter((p) => p !== 'case.queryAll'))(
    'granting %s grants case.queryAll too',
    async (permission) => {
      const tenant = await createTenantFixture(t);
      const role = await createRole(tenant.admin, { name: 'Case role', permissions: [permission] });
      expect(role.permissions).toEqual(['case.queryAll', permission]);
      expect((await getRole(tenant.admin, role.id)).permissions).toEqual(['case.queryAll', permission]);
    },
  );

  it('permissions other than case permissions do not bring case.queryAll', async () => {
    const tenant = await createTenantFixture(t);
    const role = await createRole(tenant.admin, { name: 'Admin-ish', permissions: OTHER_PERMISSIONS });
    expect(role.permissions).toEqual(OTHER_PERMISSIONS);
    expect(role.permissions).not.toContain('case.queryAll');
  });

  it('keeps each permission once, accepts an empty list, and a member gets the implied case.queryAll', async () => {
    const tenant = await createTenantFixture(t);
    const empty = await createRole(tenant.admin, { name: 'Nothing', permissions: [] });
    expect(empty.permissions).toEqual([]);
    const twice = await createRole(tenant.admin, {
      name: 'Twice',
      permissions: ['case.close', 'users.manage', 'case.close'],
    });
    expect(twice.permissions).toEqual(['case.queryAll', 'case.close', 'users.manage']);
    const member = await createUserFixture(t, tenant, { roleIds: [twice.id] });
    expect(await myPermissions(member.session)).toEqual(['case.queryAll', 'case.close', 'users.manage']);
  });

  it('trims the name and accepts 64 characters', async () => {
    const tenant = await createTenantFixture(t);
    expect((await createRole(tenant.admin, { name: '  Agents  ', permissions: [] })).name).toBe('Agents');
    expect((await createRole(tenant.admin, { name: 'r'.repeat(64), permissions: [] })).name).toBe(
      'r'.repeat(64),
    );
  });

  it('refuses an unknown permission with 400 naming permissions.N, and creates nothing', async () => {
    const tenant = await createTenantFixture(t);
    const first = await api(t.app, tenant.admin).post('/api/v1/roles', {
      name: 'Bad',
      permissions: ['case.fly'],
    });
    expect(invalidFields(first)).toEqual(['permissions.0']);
    const third = await api(t.app, tenant.admin).post('/api/v1/roles', {
      name: 'Bad',
      permissions: ['case.close', 'users.manage', 'tenantAdmin'],
    });
    expect(invalidFields(third)).toEqual(['permissions.2']);
    const two = await api(t.app, tenant.admin).post('/api/v1/roles', {
      name: 'Bad',
      permissions: ['Case.Close', 'case.edit', 'admin'],
    });
    expect(invalidFields(two)).toEqual(['permissions.0', 'permissions.2']);
    expect(await listRoles(tenant.admin)).toEqual([]);
  });

  it('refuses missing, wrongly typed and too long fields, naming them', async () => {
    const tenant = await createTenantFixture(t);
    expect(invalidFields(await api(t.app, tenant.admin).post('/api/v1/roles', {}))).toEqual([
      'name',
      'permissions',
    ]);
    expect(
      invalidFields(
        await api(t.app, tenant.admin).post('/api/v1/roles', { name: 'x', permissions: 'case.close' }),
      ),
    ).toEqual(['permissions']);
    expect(
      invalidFields(
        await api(t.app, tenant.admin).post('/api/v1/roles', { name: 'r'.repeat(65), permissions: [] }),
      ),
    ).toEqual(['name']);
    expect(
      invalidFields(await api(t.app, tenant.admin).post('/api/v1/roles', { name: '  ', permissions: [] })),
    ).toEqual(['name']);
    expect(
      invalidFields(
        await api(t.app, tenant.admin).post('/api/v1/roles', { name: 'x', permissions: [], members: [] }),
      ),
    ).toEqual(['members']);
    expect(await listRoles(tenant.admin)).toEqual([]);
  });

  it('refuses a duplicate name with 409 already_exists on name, and creates nothing', async () => {
    const tenant = await createTenantFixture(t);
    const existing = await createRole(tenant.admin, { name: 'Agents', permissions: ['case.close'] });
    for (const name of ['Agents', ' Agents ']) {
      const response = await api(t.app, tenant.admin).post('/api/v1/roles', {
        name,
        permissions: ['reports.view'],
      });
      expect(response.statusCode).toBe(409);
      expect(problem(response).code).toBe('already_exists');
      expect(problem(response).errors?.map((e) => e.field)).toEqual(['name']);
    }
    expect(await listRoles(tenant.admin)).toEqual([existing]);
  });

  it('the same name in another tenant is no duplicate', async () => {
    const a = await createTenantFixture(t);
    const b = await createTenantFixture(t);
    await createRole(a.admin, { name: 'Agents', permissions: [] });
    await createRole(b.admin, { name: 'Agents', permissions: [] });
  });
});

describe('changing roles', () => {
  it('renames and replaces the permissions, normalised; updatedAt moves', async () => {
    const tenant = await createTenantFixture(t);
    const role = await createRole(tenant.admin, {
      name: 'Agents',
      permissions: ['case.close', 'users.manage'],
    });
    t.clock.advance(5000);
    const response = await api(t.app, tenant.admin).patch(`/api/v1/roles/${role.id}`, {
      name: 'Senior agents',
      permissions: ['case.merge', 'reports.view'],
    });
    expect(response.statusCode).toBe(200);
    const expected: RoleBody = {
      ...role,
      name: 'Senior agents',
      permissions: ['case.queryAll', 'case.merge', 'reports.view'],
      updatedAt: t.clock.now().toISOString(),
    };
    expect(response.json()).toEqual(expected);
    expect(await getRole(tenant.admin, role.id)).toEqual(expected);
  });

  it('changes only what it is given; case.queryAll goes when the last case permission goes', async () => {
    const tenant = await createTenantFixture(t);
    const role = await createRole(tenant.admin, { name: 'Agents', permissions: ['case.edit'] });
    const renamed = await api(t.app, tenant.admin).patch(`/api/v1/roles/${role.id}`, { name: 'Renamed' });
    expect(renamed.json()).toMatchObject({ name: 'Renamed', permissions: ['case.queryAll', 'case.edit'] });
    const replaced = await api(t.app, tenant.admin).patch(`/api/v1/roles/${role.id}`, {
      permissions: ['reports.view'],
    });
    expect(replaced.json()).toMatchObject({ name: 'Renamed', permissions: ['reports.view'] });
    const cleared = await api(t.app, tenant.admin).patch(`/api/v1/roles/${role.id}`, { permissions: [] });
    expect(cleared.json()).toMatchObject({ name: 'Renamed', permissions: [] });
    expect(await getRole(tenant.admin, role.id)).toMatchObject({ name: 'Renamed', permissions: [] });
  });

  it('members get the new permissions with their next request', async () => {
    const tenant = await createTenantFixture(t);
    const role = await createRole(tenant.admin, { name: 'Managers', permissions: ['users.manage'] });
    const member = await createUserFixture(t, tenant, { roleIds: [role.id] });
    expect((await api(t.app, member.session).post('/api/v1/ous', { name: 'First' })).statusCode).toBe(201);
    await api(t.app, tenant.admin).patch(`/api/v1/roles/${role.id}`, { permissions: ['case.close'] });
    const refused = await api(t.app, member.session).post('/api/v1/ous', { name: 'Second' });
    expect(refused.statusCode).toBe(403);
    expect(problem(refused).code).toBe('forbidden');
    expect(await myPermissions(member.session)).toEqual(['case.queryAll', 'case.close']);
  });

  it('refuses renaming to another role’s name (409 already_exists) and an unknown permission (400), changing nothing', async () => {
    const tenant = await createTenantFixture(t);
    await createRole(tenant.admin, { name: 'Taken', permissions: [] });
    const role = await createRole(tenant.admin, { name: 'Mine', permissions: ['case.close'] });
    t.clock.advance(1000);
    const duplicate = await api(t.app, tenant.admin).patch(`/api/v1/roles/${role.id}`, {
      name: 'Taken',
      permissions: ['reports.view'],
    });
    expect(duplicate.statusCode).toBe(409);
    expect(problem(duplicate).code).toBe('already_exists');
    expect(problem(duplicate).errors?.map((e) => e.field)).toEqual(['name']);
    const unknown = await api(t.app, tenant.admin).patch(`/api/v1/roles/${role.id}`, {
      name: 'Other',
      permissions: ['reports.view', 'everything'],
    });
    expect(invalidFields(unknown)).toEqual(['permissions.1']);
    expect(await getRole(tenant.admin, role.id)).toEqual(role);
  });

  it('keeping its own name is no duplicate', async () => {
    const tenant = await createTenantFixture(t);
    const role = await createRole(tenant.admin, { name: 'Mine', permissions: [] });
    expect(
      (await api(t.app, tenant.admin).patch(`/api/v1/roles/${role.id}`, { name: 'Mine' })).statusCode,
    ).toBe(200);
  });

  it('is 404 for an unknown role', async () => {
    const tenant = await createTenantFixture(t);
    for (const response of [
      await api(t.app, tenant.admin).get('/api/v1/roles/no-such-role'),
      await api(t.app, tenant.admin).patch('/api/v1/roles/no-such-role', { name: 'x' }),
      await api(t.app, tenant.admin).delete('/api/v1/roles/no-such-role'),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(problem(response).code).toBe('not_found');
    }
  });
});

describe('deleting roles', () => {
  it('deletes a role nobody holds: 204, then 404 and gone from the list', async () => {
    const tenant = await createTenantFixture(t);
    const role = await createRole(tenant.admin, { name: 'Temp', permissions: ['case.close'] });
    const response = await api(t.app, tenant.admin).delete(`/api/v1/roles/${role.id}`);
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect((await api(t.app, tenant.admin).get(`/api/v1/roles/${role.id}`)).statusCode).toBe(404);
    expect(await listRoles(tenant.admin)).toEqual([]);
  });

  it('refuses to delete a role still assigned (409 in_use) — also to a disabled user — until it is removed from them', async () => {
    const tenant = await createTenantFixture(t);
    const role = await createRole(tenant.admin, { name: 'Held', permissions: ['case.close'] });
    const active = await createUserFixture(t, tenant, { roleIds: [role.id] });
    const disabled = await createUserFixture(t, tenant, { roleIds: [role.id] });
    await api(t.app, tenant.admin).patch(`/api/v1/users/${disabled.id}`, { disabled: true });

    const refused = await api(t.app, tenant.admin).delete(`/api/v1/roles/${role.id}`);
    expect(refused.statusCode).toBe(409);
    expect(problem(refused).code).toBe('in_use');
    expect(await getRole(tenant.admin, role.id)).toEqual(role);
    expect(await myPermissions(active.session)).toEqual(['case.queryAll', 'case.close']);

    await api(t.app, tenant.admin).patch(`/api/v1/users/${active.id}`, { roleIds: [] });
    const stillHeld = await api(t.app, tenant.admin).delete(`/api/v1/roles/${role.id}`);
    expect(stillHeld.statusCode).toBe(409);
    expect(problem(stillHeld).code).toBe('in_use');

    await api(t.app, tenant.admin).patch(`/api/v1/users/${disabled.id}`, { roleIds: [] });
    expect((await api(t.app, tenant.admin).delete(`/api/v1/roles/${role.id}`)).statusCode).toBe(204);
  });
});

describe('who may read and write roles', () => {
  it('a users.manage holder may list and read roles but gets 403 on create, change and delete; nothing changes', async () => {
    const tenant = await createTenantFixture(t);
    const manager = await usersManager(tenant);
    const role = await createRole(tenant.admin, { name: 'Target', permissions: ['case.close'] });
    const before = await listRoles(tenant.admin);
    expect(await listRoles(manager.session)).toEqual(before);
    expect(await getRole(manager.session, role.id)).toEqual(role);

    t.clock.advance(1000);
    const managerRole = before.find((r) => r.name === 'user managers');
    for (const response of [
      await api(t.app, manager.session).post('/api/v1/roles', { name: 'New', permissions: ['users.manage'] }),
      await api(t.app, manager.session).patch(`/api/v1/roles/${role.id}`, { permissions: OTHER_PERMISSIONS }),
      // Not even their own role can be widened.
      await api(t.app, manager.session).patch(`/api/v1/roles/${managerRole?.id ?? ''}`, {
        permissions: [...CASE_PERMISSIONS, ...OTHER_PERMISSIONS],
      }),
      await api(t.app, manager.session).delete(`/api/v1/roles/${role.id}`),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(problem(response).code).toBe('forbidden');
    }
    expect(await listRoles(tenant.admin)).toEqual(before);
  });

  it('a user without users.manage gets 403 on reading roles too', async () => {
    const tenant = await createTenantFixture(t);
    const role = await createRole(tenant.admin, { name: 'Target', permissions: ['case.close'] });
    const holder = await createUserFixture(t, tenant, { roleIds: [role.id] });
    const plain = await createUserFixture(t, tenant);
    for (const session of [plain.session, holder.session]) {
      for (const response of [
        await api(t.app, session).get('/api/v1/roles'),
        await api(t.app, session).get(`/api/v1/roles/${role.id}`),
        await api(t.app, session).post('/api/v1/roles', { name: 'Mine', permissions: [] }),
        await api(t.app, session).patch(`/api/v1/roles/${role.id}`, { name: 'Mine' }),
        await api(t.app, session).delete(`/api/v1/roles/${role.id}`),
      ]) {
        expect(response.statusCode).toBe(403);
        expect(problem(response).code).toBe('forbidden');
      }
    }
    expect(await listRoles(tenant.admin)).toEqual([role]);
  });

  it('is 401 without credentials', async () => {
    for (const response of [
      await api(t.app).get('/api/v1/roles'),
      await api(t.app).post('/api/v1/roles', { name: 'x', permissions: [] }),
      await api(t.app).get('/api/v1/roles/x'),
      await api(t.app).patch('/api/v1/roles/x', { name: 'y' }),
      await api(t.app).delete('/api/v1/roles/x'),
    ]) {
      expect(response.statusCode).toBe(401);
      expect(problem(response).code).toBe('unauthenticated');
    }
  });
});
