import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createRoleFixture,
  createTenantFixture,
  createUserFixture,
  problem,
  signIn,
  startTestApp,
  TEST_PASSWORD,
  type Session,
  type TenantFixture,
  type TestApp,
} from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const MISSING_ID = '01900000-0000-7000-8000-000000000000';
const LONG_ID = 'i'.repeat(65);
const MALFORMED_BODIES = [
  '{"name": ',
  '{name: "x"}',
  "{'name': 'x'}",
  '{"name": "x",}',
  'nul',
  '{"name": "x"} trailing',
];
const NON_OBJECT_BODIES = ['null', '[]', '"name"', '42', 'true'];

type Body = Record<string, unknown>;

/** Asserts a 400 `validation_failed` and returns the fields it names, sorted, each once. */
function invalidFields(response: LightMyRequestResponse): string[] {
  expect(response.statusCode, response.body).toBe(400);
  const body = problem(response);
  expect(body.code).toBe('validation_failed');
  return [...new Set((body.errors ?? []).map((e) => e.field))].sort();
}

/**
 * Everything of the tenant that an admin write could change, read back through the API, plus whether a
 * second session of the administrator still works (a password change would end it).
 */
async function snapshot(tenant: TenantFixture, otherSession: Session) {
  const read = async (session: Session, url: string): Promise<unknown> => {
    const response = await api(t.app, session).get(url);
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    return response.json();
  };
  return {
    tenant: await read(tenant.admin, '/api/v1/tenant'),
    me: await read(tenant.admin, '/api/v1/me'),
    ous: await read(tenant.admin, '/api/v1/ous'),
    roles: await read(tenant.admin, '/api/v1/roles'),
    users: await read(tenant.admin, '/api/v1/users?includeDisabled=true'),
    tokens: await read(tenant.admin, '/api/v1/auth/tokens?all=true'),
    otherSession: (await api(t.app, otherSession).get('/api/v1/me')).statusCode,
  };
}

interface Scene {
  tenant: TenantFixture;
  other: Session;
  ouId: string;
  roleId: string;
  userId: string;
}

/** A tenant with one OU, role and plain user to change, and a second session of its administrator. */
async function scene(): Promise<Scene> {
  const tenant = await createTenantFixture(t);
  const ou = await api(t.app, tenant.admin).post('/api/v1/ous', {
    name: 'Existing OU',
    parentId: tenant.rootOuId,
  });
  const roleId = await createRoleFixture(t, tenant, ['case.close'], 'Existing role');
  const user = await createUserFixture(t, tenant, { roleIds: [roleId], phone: '123' });
  return {
    tenant,
    other: await signIn(t.app, tenant.slug, tenant.adminEmail),
    ouId: ou.json<{ id: string }>().id,
    roleId,
    userId: user.id,
  };
}

interface WriteRoute {
  label: string;
  method: 'POST' | 'PATCH';
  url: (s: Scene) => string;
  /** A body the route accepts; each bad field below is sent merged into it. */
  valid: (s: Scene) => Body;
  wrongTypes: [Body, string][];
  limits: [Body, string][];
  unknown: [Body, string][];
  /** Bodies sent as they are (not merged), with the required fields they lack. */
  missing: [Body, string[]][];
}

const future = '2030-01-01T00:00:00Z';

const routes: WriteRoute[] = [
  {
    label: 'POST /api/v1/ous',
    method: 'POST',
    url: () => '/api/v1/ous',
    valid: (s) => ({ name: 'New OU', parentId: s.tenant.rootOuId, leaderIds: [s.tenant.adminId] }),
    wrongTypes: [
      [{ name: 5 }, 'name'],
      [{ name: null }, 'name'],
      [{ parentId: 5 }, 'parentId'],
      [{ parentId: ['x'] }, 'parentId'],
      [{ leaderIds: 'x' }, 'leaderIds'],
      [{ leaderIds: { 0: 'x' } }, 'leaderIds'],
      [{ leaderIds: [5] }, 'leaderIds.0'],
    ],
    limits: [
      [{ name: 'n'.repeat(65) }, 'name'],
      [{ name: '' }, 'name'],
      [{ name: ' \t ' }, 'name'],
      [{ parentId: LONG_ID }, 'parentId'],
      [{ parentId: '' }, 'parentId'],
      [{ leaderIds: Array.from({ length: 51 }, (_, i) => `u${i}`) }, 'leaderIds'],
      [{ leaderIds: [LONG_ID] }, 'leaderIds.0'],
    ],
    unknown: [
      [{ extra: 1 }, 'extra'],
      [{ id: 'chosen-id' }, 'id'],
    ],
    missing: [
      [{}, ['name']],
      [{ parentId: null, leaderIds: [] }, ['name']],
    ],
  },
  {
    label: 'PATCH /api/v1/ous/{id}',
    method: 'PATCH',
    url: (s) => `/api/v1/ous/${s.ouId}`,
    valid: (s) => ({ name: 'Renamed OU', parentId: null, leaderIds: [s.tenant.adminId] }),
    wrongTypes: [
      [{ name: 5 }, 'name'],
      [{ name: null }, 'name'],
      [{ parentId: 5 }, 'parentId'],
      [{ leaderIds: 'x' }, 'leaderIds'],
      [{ leaderIds: null }, 'leaderIds'],
      [{ leaderIds: [true] }, 'leaderIds.0'],
    ],
    limits: [
      [{ name: 'n'.repeat(65) }, 'name'],
      [{ name: '' }, 'name'],
      [{ parentId: LONG_ID }, 'parentId'],
      [{ leaderIds: Array.from({ length: 51 }, (_, i) => `u${i}`) }, 'leaderIds'],
    ],
    unknown: [
      [{ id: 'other' }, 'id'],
      [{ createdAt: '2020-01-01T00:00:00Z' }, 'createdAt'],
    ],
    missing: [],
  },
  {
    label: 'POST /api/v1/roles',
    method: 'POST',
    url: () => '/api/v1/roles',
    valid: () => ({ name: 'New role', permissions: ['case.close'] }),
    wrongTypes: [
      [{ name: 5 }, 'name'],
      [{ permissions: 'case.close' }, 'permissions'],
      [{ permissions: null }, 'permissions'],
      [{ permissions: [5] }, 'permissions.0'],
      [{ permissions: ['case.close', 'nope'] }, 'permissions.1'],
    ],
    limits: [
      [{ name: 'n'.repeat(65) }, 'name'],
      [{ name: '' }, 'name'],
      [{ permissions: Array.from({ length: 35 }, () => 'case.close') }, 'permissions'],
    ],
    unknown: [[{ members: [] }, 'members']],
    missing: [
      [{}, ['name', 'permissions']],
      [{ name: 'x' }, ['permissions']],
      [{ permissions: [] }, ['name']],
    ],
  },
  {
    label: 'PATCH /api/v1/roles/{id}',
    method: 'PATCH',
    url: (s) => `/api/v1/roles/${s.roleId}`,
    valid: () => ({ name: 'Renamed role', permissions: ['reports.view'] }),
    wrongTypes: [
      [{ name: false }, 'name'],
      [{ permissions: {} }, 'permissions'],
      [{ permissions: ['case.close', 7] }, 'permissions.1'],
    ],
    limits: [
      [{ name: 'n'.repeat(65) }, 'name'],
      [{ name: '  ' }, 'name'],
      [{ permissions: Array.from({ length: 35 }, () => 'case.edit') }, 'permissions'],
    ],
    unknown: [[{ tenantId: 'other' }, 'tenantId']],
    missing: [],
  },
  {
    label: 'POST /api/v1/users',
    method: 'POST',
    url: () => '/api/v1/users',
    valid: (s) => ({
      email: `new@${s.tenant.slug}.test`,
      name: 'New user',
      password: 'a-long-enough-password',
      ouId: s.tenant.rootOuId,
      roleIds: [s.roleId],
      phone: '555',
      tenantAdmin: false,
      language: 'en',
      timeZone: 'UTC',
    }),
    wrongTypes: [
      [{ email: 5 }, 'email'],
      [{ name: ['x'] }, 'name'],
      [{ password: 123456789012345 }, 'password'],
      [{ ouId: 5 }, 'ouId'],
      [{ ouId: null }, 'ouId'],
      [{ roleIds: 'r' }, 'roleIds'],
      [{ roleIds: [1] }, 'roleIds.0'],
      [{ phone: 5 }, 'phone'],
      [{ tenantAdmin: 'false' }, 'tenantAdmin'],
      [{ language: 1 }, 'language'],
      [{ timeZone: true }, 'timeZone'],
    ],
    limits: [
      [{ email: `${'a'.repeat(64)}@${'b'.repeat(185)}.test` }, 'email'],
      [{ email: 'no-at-sign' }, 'email'],
      [{ name: 'n'.repeat(81) }, 'name'],
      [{ name: '' }, 'name'],
      [{ phone: '5'.repeat(21) }, 'phone'],
      [{ password: 'p'.repeat(129) }, 'password'],
      [{ password: 'p'.repeat(11) }, 'password'],
      [{ ouId: LONG_ID }, 'ouId'],
      [{ roleIds: Array.from({ length: 51 }, (_, i) => `r${i}`) }, 'roleIds'],
      [{ timeZone: 'Z'.repeat(65) }, 'timeZone'],
    ],
    unknown: [
      [{ disabled: false }, 'disabled'],
      [{ passwordHash: 'x' }, 'passwordHash'],
    ],
    missing: [
      [{}, ['email', 'name', 'ouId', 'password']],
      [{ email: 'a@b.test', name: 'x' }, ['ouId', 'password']],
    ],
  },
  {
    label: 'PATCH /api/v1/users/{id}',
    method: 'PATCH',
    url: (s) => `/api/v1/users/${s.userId}`,
    valid: () => ({ name: 'Renamed user', password: 'another-long-password', roleIds: [], phone: null }),
    wrongTypes: [
      [{ email: [] }, 'email'],
      [{ name: 5 }, 'name'],
      [{ password: 5 }, 'password'],
      [{ ouId: null }, 'ouId'],
      [{ roleIds: 'x' }, 'roleIds'],
      [{ phone: 5 }, 'phone'],
      [{ tenantAdmin: 'yes' }, 'tenantAdmin'],
      [{ disabled: 0 }, 'disabled'],
      [{ language: 'EN' }, 'language'],
      [{ timeZone: 5 }, 'timeZone'],
    ],
    limits: [
      [{ email: `${'a'.repeat(64)}@${'b'.repeat(185)}.test` }, 'email'],
      [{ email: 'a@' }, 'email'],
      [{ name: 'n'.repeat(81) }, 'name'],
      [{ phone: '5'.repeat(21) }, 'phone'],
      [{ password: 'p'.repeat(129) }, 'password'],
      [{ password: 'p'.repeat(11) }, 'password'],
      [{ ouId: LONG_ID }, 'ouId'],
    ],
    unknown: [
      [{ passwordHash: 'x' }, 'passwordHash'],
      [{ id: 'x' }, 'id'],
    ],
    missing: [],
  },
  {
    label: 'PATCH /api/v1/tenant',
    method: 'PATCH',
    url: () => '/api/v1/tenant',
    valid: () => ({
      name: 'Renamed tenant',
      timeZone: 'Europe/Berlin',
      defaultLanguage: 'zh-CN',
      ouIsolation: true,
    }),
    wrongTypes: [
      [{ name: 5 }, 'name'],
      [{ timeZone: 5 }, 'timeZone'],
      [{ defaultLanguage: 5 }, 'defaultLanguage'],
      [{ ouIsolation: 'true' }, 'ouIsolation'],
      [{ ouIsolation: null }, 'ouIsolation'],
    ],
    limits: [
      [{ name: 'n'.repeat(65) }, 'name'],
      [{ name: '' }, 'name'],
      [{ timeZone: 'Z'.repeat(65) }, 'timeZone'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
    ],
    unknown: [
      [{ slug: 'new-slug' }, 'slug'],
      [{ id: 'x' }, 'id'],
    ],
    missing: [],
  },
  {
    label: 'PATCH /api/v1/me',
    method: 'PATCH',
    url: () => '/api/v1/me',
    valid: () => ({
      name: 'Renamed me',
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      currentPassword: TEST_PASSWORD,
      newPassword: 'another-long-password',
    }),
    wrongTypes: [
      [{ name: 5 }, 'name'],
      [{ language: 5 }, 'language'],
      [{ timeZone: 5 }, 'timeZone'],
      [{ currentPassword: 5 }, 'currentPassword'],
      [{ newPassword: 5 }, 'newPassword'],
    ],
    limits: [
      [{ name: 'n'.repeat(81) }, 'name'],
      [{ name: '' }, 'name'],
      [{ currentPassword: 'p'.repeat(129) }, 'currentPassword'],
      [{ newPassword: 'p'.repeat(129) }, 'newPassword'],
      [{ newPassword: 'p'.repeat(11) }, 'newPassword'],
      [{ timeZone: 'Z'.repeat(65) }, 'timeZone'],
    ],
    unknown: [
      [{ email: 'other@x.test' }, 'email'],
      [{ tenantAdmin: true }, 'tenantAdmin'],
      [{ roleIds: [] }, 'roleIds'],
      [{ password: 'another-long-password' }, 'password'],
    ],
    missing: [],
  },
  {
    label: 'POST /api/v1/auth/tokens',
    method: 'POST',
    url: () => '/api/v1/auth/tokens',
    valid: () => ({ name: 'ci', expiresAt: future }),
    wrongTypes: [
      [{ name: 5 }, 'name'],
      [{ expiresAt: 5 }, 'expiresAt'],
      [{ expiresAt: 'tomorrow' }, 'expiresAt'],
      [{ expiresAt: '2030-01-01' }, 'expiresAt'],
    ],
    limits: [
      [{ name: 'n'.repeat(65) }, 'name'],
      [{ name: '' }, 'name'],
      [{ expiresAt: '2000-01-01T00:00:00Z' }, 'expiresAt'],
    ],
    unknown: [[{ userId: 'someone-else' }, 'userId']],
    missing: [
      [{}, ['name']],
      [{ expiresAt: future }, ['name']],
    ],
  },
];

function send(s: Scene, route: WriteRoute, body: unknown): Promise<LightMyRequestResponse> {
  const client = api(t.app, s.tenant.admin);
  return route.method === 'POST' ? client.post(route.url(s), body) : client.patch(route.url(s), body);
}

describe.each(routes)('$label', (route) => {
  it('a valid body is accepted (so that the refusals below are about the bad field alone)', async () => {
    const s = await scene();
    const response = await send(s, route, route.valid(s));
    expect(response.statusCode, response.body).toBe(route.method === 'POST' ? 201 : 200);
  });

  it('malformed JSON: 400 validation_failed without errors, nothing changed', async () => {
    const s = await scene();
    const before = await snapshot(s.tenant, s.other);
    t.clock.advance(1000);
    for (const payload of MALFORMED_BODIES) {
      const response = await api(t.app, s.tenant.admin).raw(route.method, route.url(s), payload);
      expect(response.statusCode, payload).toBe(400);
      const body = problem(response);
      expect(body.code).toBe('validation_failed');
      expect(body.errors, payload).toBeUndefined();
    }
    expect(await snapshot(s.tenant, s.other)).toEqual(before);
  });

  it('a body that is not an object: 400 validation_failed, nothing changed', async () => {
    const s = await scene();
    const before = await snapshot(s.tenant, s.other);
    t.clock.advance(1000);
    for (const payload of NON_OBJECT_BODIES) {
      const response = await api(t.app, s.tenant.admin).raw(route.method, route.url(s), payload);
      expect(response.statusCode, payload).toBe(400);
      expect(problem(response).code).toBe('validation_failed');
    }
    expect(await snapshot(s.tenant, s.other)).toEqual(before);
  });

  it('wrong types: 400 naming the field, nothing changed', async () => {
    const s = await scene();
    const before = await snapshot(s.tenant, s.other);
    t.clock.advance(1000);
    for (const [bad, field] of route.wrongTypes) {
      const response = await send(s, route, { ...route.valid(s), ...bad });
      expect(invalidFields(response), JSON.stringify(bad)).toEqual([field]);
    }
    expect(await snapshot(s.tenant, s.other)).toEqual(before);
  });

  it('limits (too long, too short, not valid): 400 naming the field, nothing changed', async () => {
    const s = await scene();
    const before = await snapshot(s.tenant, s.other);
    t.clock.advance(1000);
    for (const [bad, field] of route.limits) {
      const response = await send(s, route, { ...route.valid(s), ...bad });
      expect(invalidFields(response), JSON.stringify(bad).slice(0, 80)).toEqual([field]);
    }
    expect(await snapshot(s.tenant, s.other)).toEqual(before);
  });

  it('unknown fields: 400 naming the field, nothing changed', async () => {
    const s = await scene();
    const before = await snapshot(s.tenant, s.other);
    t.clock.advance(1000);
    for (const [bad, field] of route.unknown) {
      const response = await send(s, route, { ...route.valid(s), ...bad });
      expect(invalidFields(response), JSON.stringify(bad)).toEqual([field]);
      const body = problem(response);
      expect(body.errors?.find((e) => e.field === field)?.message).toBe('Unknown field.');
    }
    expect(await snapshot(s.tenant, s.other)).toEqual(before);
  });

  it('several bad fields at once: each is named', async () => {
    const s = await scene();
    const before = await snapshot(s.tenant, s.other);
    t.clock.advance(1000);
    // One wrong type per top-level field, plus an unknown field.
    const byField = new Map<string, [Body, string]>();
    for (const entry of route.wrongTypes) {
      const top = entry[1].split('.')[0] ?? entry[1];
      if (!byField.has(top)) byField.set(top, entry);
    }
    const [unknown] = route.unknown;
    if (byField.size < 2 || !unknown) throw new Error('the table needs two fields and an unknown one');
    const bad = Object.assign({}, ...[...byField.values()].map(([body]) => body), unknown[0]) as Body;
    const response = await send(s, route, { ...route.valid(s), ...bad });
    expect(invalidFields(response)).toEqual(
      [...[...byField.values()].map(([, field]) => field), unknown[1]].sort(),
    );
    expect(await snapshot(s.tenant, s.other)).toEqual(before);
  });

  it('missing required fields: 400 naming each of them, nothing changed', async () => {
    const s = await scene();
    const before = await snapshot(s.tenant, s.other);
    t.clock.advance(1000);
    for (const [body, fields] of route.missing) {
      expect(invalidFields(await send(s, route, body)), JSON.stringify(body)).toEqual(fields);
    }
    if (route.method === 'POST') {
      // Without any body at all.
      const response = await api(t.app, s.tenant.admin).post(route.url(s));
      expect(response.statusCode).toBe(400);
      expect(problem(response).code).toBe('validation_failed');
    }
    expect(await snapshot(s.tenant, s.other)).toEqual(before);
  });
});

describe('order of refusals (SPEC §13)', () => {
  it('401 comes first: no credentials with an unknown id and a malformed body', async () => {
    for (const url of ['/api/v1/ous/', '/api/v1/roles/', '/api/v1/users/']) {
      const response = await api(t.app).raw('PATCH', `${url}${MISSING_ID}`, '{"name": ');
      expect(response.statusCode).toBe(401);
      expect(problem(response).code).toBe('unauthenticated');
    }
    const create = await api(t.app).raw('POST', '/api/v1/ous', '{');
    expect(problem(create).code).toBe('unauthenticated');
  });

  it('an unknown id with a bad body is 404, not 400 — also for a caller without the permission', async () => {
    const s = await scene();
    const plain = await createUserFixture(t, s.tenant);
    const managerRole = await createRoleFixture(t, s.tenant, ['users.manage']);
    const manager = await createUserFixture(t, s.tenant, { roleIds: [managerRole] });
    const before = await snapshot(s.tenant, s.other);
    t.clock.advance(1000);
    const requests: [Session, string, Body][] = [
      [s.tenant.admin, `/api/v1/ous/${MISSING_ID}`, { name: 5, extra: true }],
      [s.tenant.admin, `/api/v1/roles/${MISSING_ID}`, { permissions: 'all' }],
      [s.tenant.admin, `/api/v1/users/${MISSING_ID}`, { email: 'nope', password: 'short' }],
      // Lacking users.manage (ous, users) or tenantAdmin (roles): still 404 first.
      [plain.session, `/api/v1/ous/${MISSING_ID}`, { name: '' }],
      [plain.session, `/api/v1/users/${MISSING_ID}`, { disabled: 'x' }],
      [manager.session, `/api/v1/roles/${MISSING_ID}`, { name: '' }],
      [plain.session, `/api/v1/roles/${MISSING_ID}`, { name: '' }],
    ];
    for (const [session, url, body] of requests) {
      const typed = await api(t.app, session).patch(url, body);
      expect(typed.statusCode, url).toBe(404);
      expect(problem(typed).code).toBe('not_found');
      const malformed = await api(t.app, session).raw('PATCH', url, '{"name": ');
      expect(malformed.statusCode, url).toBe(404);
      expect(problem(malformed).code).toBe('not_found');
    }
    for (const url of [`/api/v1/ous/${MISSING_ID}`, `/api/v1/roles/${MISSING_ID}`]) {
      const response = await api(t.app, plain.session).delete(url);
      expect(response.statusCode).toBe(404);
    }
    expect(await snapshot(s.tenant, s.other)).toEqual(before);
  });

  /** Per caller lacking the right: the request, a bad body for it, and a valid body for it. */
  async function deniedRequests(s: Scene) {
    const plain = await createUserFixture(t, s.tenant);
    const managerRole = await createRoleFixture(t, s.tenant, ['users.manage']);
    const manager = await createUserFixture(t, s.tenant, { roleIds: [managerRole] });
    const rows: [string, Session, 'POST' | 'PATCH', string, Body, Body][] = [
      ['plain user creates an OU', plain.session, 'POST', '/api/v1/ous', { name: '' }, { name: 'Fine' }],
      [
        'plain user changes an OU',
        plain.session,
        'PATCH',
        `/api/v1/ous/${s.ouId}`,
        { name: 5 },
        { name: 'Fine' },
      ],
      [
        'plain user creates a user',
        plain.session,
        'POST',
        '/api/v1/users',
        { email: 'x' },
        {
          email: `fine@${s.tenant.slug}.test`,
          name: 'Fine',
          password: 'a-long-enough-password',
          ouId: s.tenant.rootOuId,
        },
      ],
      [
        'plain user changes a user',
        plain.session,
        'PATCH',
        `/api/v1/users/${s.userId}`,
        { phone: 5 },
        {
          name: 'Fine',
        },
      ],
      [
        'plain user changes the tenant',
        plain.session,
        'PATCH',
        '/api/v1/tenant',
        { ouIsolation: 'yes' },
        {
          ouIsolation: true,
        },
      ],
      [
        'manager creates a role',
        manager.session,
        'POST',
        '/api/v1/roles',
        { permissions: 'x' },
        {
          name: 'Fine',
          permissions: [],
        },
      ],
      [
        'manager changes a role',
        manager.session,
        'PATCH',
        `/api/v1/roles/${s.roleId}`,
        { name: '' },
        {
          permissions: ['users.manage'],
        },
      ],
      [
        'manager changes the tenant',
        manager.session,
        'PATCH',
        '/api/v1/tenant',
        { name: 'n'.repeat(65) },
        {
          name: 'Fine',
        },
      ],
      // Refused by the domain rules rather than the route's policy: still 400 before 403.
      [
        'manager changes the administrator',
        manager.session,
        'PATCH',
        `/api/v1/users/${s.tenant.adminId}`,
        {
          email: 'not-an-email',
        },
        { name: 'Fine' },
      ],
      [
        'manager gives a role to a new user',
        manager.session,
        'POST',
        '/api/v1/users',
        {
          email: 'not-an-email',
          name: 'Fine',
          password: 'a-long-enough-password',
          ouId: s.tenant.rootOuId,
          roleIds: [s.roleId],
        },
        {
          email: `fine2@${s.tenant.slug}.test`,
          name: 'Fine',
          password: 'a-long-enough-password',
          ouId: s.tenant.rootOuId,
          roleIds: [s.roleId],
        },
      ],
      [
        'manager gives a role to a user',
        manager.session,
        'PATCH',
        `/api/v1/users/${s.userId}`,
        {
          roleIds: 'all',
        },
        { roleIds: [s.roleId, managerRole] },
      ],
    ];
    return rows;
  }

  it('a bad body from a caller lacking the right is 400, not 403, and changes nothing', async () => {
    const s = await scene();
    const rows = await deniedRequests(s);
    const before = await snapshot(s.tenant, s.other);
    t.clock.advance(1000);
    for (const [label, session, method, url, bad] of rows) {
      const client = api(t.app, session);
      const response = method === 'POST' ? await client.post(url, bad) : await client.patch(url, bad);
      expect(response.statusCode, label).toBe(400);
      expect(problem(response).code, label).toBe('validation_failed');
      expect(problem(response).errors?.length, label).toBeGreaterThan(0);
      const malformed = await client.raw(method, url, '{"name": ');
      expect(malformed.statusCode, label).toBe(400);
      expect(problem(malformed).errors, label).toBeUndefined();
    }
    expect(await snapshot(s.tenant, s.other)).toEqual(before);
  });

  it('a valid body from a caller lacking the right is 403, and changes nothing', async () => {
    const s = await scene();
    const rows = await deniedRequests(s);
    const before = await snapshot(s.tenant, s.other);
    t.clock.advance(1000);
    for (const [label, session, method, url, , valid] of rows) {
      const client = api(t.app, session);
      const response = method === 'POST' ? await client.post(url, valid) : await client.patch(url, valid);
      expect(response.statusCode, label).toBe(403);
      expect(problem(response).code, label).toBe('forbidden');
    }
    expect(await snapshot(s.tenant, s.other)).toEqual(before);
  });
});

describe('Idempotency-Key on POST /api/v1/ous', () => {
  interface Ou {
    id: string;
    name: string;
  }
  const ous = async (session: Session): Promise<Ou[]> =>
    (await api(t.app, session).get('/api/v1/ous')).json<{ items: Ou[] }>().items;

  it('the same key and body twice make one OU, and the repeat answers the first response', async () => {
    const tenant = await createTenantFixture(t);
    const before = await ous(tenant.admin);
    const body = { name: 'Once only', parentId: tenant.rootOuId, leaderIds: [tenant.adminId] };
    const headers = { 'idempotency-key': 'create-once-only' };
    const first = await api(t.app, tenant.admin).post('/api/v1/ous', body, headers);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    t.clock.advance(60_000);
    const second = await api(t.app, tenant.admin).post('/api/v1/ous', body, headers);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.headers['content-type']).toMatch(/^application\/json/);
    expect(second.body).toBe(first.body);

    const after = await ous(tenant.admin);
    expect(after).toHaveLength(before.length + 1);
    expect(after.filter((o) => o.name === 'Once only').map((o) => o.id)).toEqual([first.json<Ou>().id]);
  });

  it('the same key with a different body is 422 idempotency_key_reused, and nothing is created', async () => {
    const tenant = await createTenantFixture(t);
    const headers = { 'idempotency-key': 'reused-key' };
    const first = await api(t.app, tenant.admin).post('/api/v1/ous', { name: 'First' }, headers);
    expect(first.statusCode).toBe(201);
    const before = await ous(tenant.admin);
    for (const body of [{ name: 'Second' }, { name: 'First', parentId: tenant.rootOuId }]) {
      const response = await api(t.app, tenant.admin).post('/api/v1/ous', body, headers);
      expect(response.statusCode).toBe(422);
      expect(problem(response).code).toBe('idempotency_key_reused');
    }
    expect(await ous(tenant.admin)).toEqual(before);
  });

  it('a key belongs to its user: another user’s same key is a new request', async () => {
    const tenant = await createTenantFixture(t);
    const role = await createRoleFixture(t, tenant, ['users.manage']);
    const manager = await createUserFixture(t, tenant, { roleIds: [role] });
    const headers = { 'idempotency-key': 'shared-key' };
    const mine = await api(t.app, tenant.admin).post('/api/v1/ous', { name: 'Admin OU' }, headers);
    expect(mine.statusCode).toBe(201);
    const theirs = await api(t.app, manager.session).post('/api/v1/ous', { name: 'Manager OU' }, headers);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json<Ou>().id).not.toBe(mine.json<Ou>().id);
    // The same body under the same key by the other user is not a replay either: the name is taken.
    const clash = await api(t.app, manager.session).post(
      '/api/v1/ous',
      { name: 'Admin OU' },
      {
        'idempotency-key': 'another-key',
      },
    );
    expect(problem(clash).code).toBe('already_exists');
    expect((await ous(tenant.admin)).map((o) => o.name).sort()).toEqual(
      ['Admin OU', 'Manager OU', `Tenant ${tenant.slug}`].sort(),
    );
  });

  it('a refused request leaves no key behind: the key can be used again', async () => {
    const tenant = await createTenantFixture(t);
    await api(t.app, tenant.admin).post('/api/v1/ous', { name: 'Taken' });
    const headers = { 'idempotency-key': 'retry-after-failure' };
    const refused = await api(t.app, tenant.admin).post('/api/v1/ous', { name: 'Taken' }, headers);
    expect(refused.statusCode).toBe(409);
    expect(problem(refused).code).toBe('already_exists');
    const invalid = await api(t.app, tenant.admin).post('/api/v1/ous', { name: '' }, headers);
    expect(invalid.statusCode).toBe(400);
    const retry = await api(t.app, tenant.admin).post('/api/v1/ous', { name: 'Free' }, headers);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
  });

  it('without a key, the same body twice is two requests (the second a duplicate name)', async () => {
    const tenant = await createTenantFixture(t);
    expect((await api(t.app, tenant.admin).post('/api/v1/ous', { name: 'Twice' })).statusCode).toBe(201);
    const second = await api(t.app, tenant.admin).post('/api/v1/ous', { name: 'Twice' });
    expect(second.statusCode).toBe(409);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a key longer than 255 characters (400 on Idempotency-Key) and creates nothing', async () => {
    const tenant = await createTenantFixture(t);
    const before = await ous(tenant.admin);
    const response = await api(t.app, tenant.admin).post(
      '/api/v1/ous',
      { name: 'Long key' },
      {
        'idempotency-key': 'k'.repeat(256),
      },
    );
    expect(invalidFields(response)).toEqual(['Idempotency-Key']);
    expect(await ous(tenant.admin)).toEqual(before);
    const max = await api(t.app, tenant.admin).post(
      '/api/v1/ous',
      { name: 'Long key' },
      {
        'idempotency-key': 'k'.repeat(255),
      },
    );
    expect(max.statusCode).toBe(201);
  });
});
