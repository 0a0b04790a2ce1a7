import { randomBytes } from 'node:crypto';
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

interface UserBody {
  id: string;
  name: string;
  ouId: string;
  disabled: boolean;
  email?: string;
  phone?: string | null;
  tenantAdmin?: boolean;
  roleIds?: string[];
  language?: string | null;
  timeZone?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

const FULL_KEYS = [
  'createdAt',
  'disabled',
  'email',
  'id',
  'language',
  'name',
  'ouId',
  'phone',
  'roleIds',
  'tenantAdmin',
  'timeZone',
  'updatedAt',
];
const PUBLIC_KEYS = ['disabled', 'id', 'name', 'ouId'];

/** Asserts a 400 `validation_failed` and returns the fields it names, sorted, each once. */
function invalidFields(response: LightMyRequestResponse): string[] {
  expect(response.statusCode).toBe(400);
  const body = problem(response);
  expect(body.code).toBe('validation_failed');
  return [...new Set((body.errors ?? []).map((e) => e.field))].sort();
}

function expectForbidden(response: LightMyRequestResponse): void {
  expect(response.statusCode).toBe(403);
  expect(problem(response).code).toBe('forbidden');
}

const uniqueEmail = (tenant: TenantFixture) => `${randomBytes(4).toString('hex')}@${tenant.slug}.test`;

function newUserBody(tenant: TenantFixture, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    email: uniqueEmail(tenant),
    name: 'New User',
    password: TEST_PASSWORD,
    ouId: tenant.rootOuId,
    ...extra,
  };
}

async function listUsers(session: Session, query = ''): Promise<UserBody[]> {
  const response = await api(t.app, session).get(`/api/v1/users${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: UserBody[] }>().items;
}

async function getUser(session: Session, id: string): Promise<UserBody> {
  const response = await api(t.app, session).get(`/api/v1/users/${id}`);
  expect(response.statusCode).toBe(200);
  return response.json<UserBody>();
}

async function usersManager(tenant: TenantFixture) {
  const role = await createRoleFixture(t, tenant, ['users.manage']);
  return createUserFixture(t, tenant, { roleIds: [role] });
}

async function canSignIn(tenant: TenantFixture, email: string, password = TEST_PASSWORD): Promise<boolean> {
  const response = await api(t.app).post('/api/v1/auth/login', { tenant: tenant.slug, email, password });
  return response.statusCode === 200;
}

describe('creating users', () => {
  it('creates a user (201) with every field, without any password in the answer; they can sign in', async () => {
    const tenant = await createTenantFixture(t);
    const role = await createRoleFixture(t, tenant, ['case.close']);
    const ou = (await api(t.app, tenant.admin).post('/api/v1/ous', { name: 'Support' })).json<{
      id: string;
    }>();
    const email = `Ada.Lovelace@${tenant.slug}.TEST`;
    const response = await api(t.app, tenant.admin).post('/api/v1/users', {
      email: `  ${email} `,
      name: '  Ada Lovelace ',
      password: TEST_PASSWORD,
      ouId: ou.id,
      roleIds: [role],
      phone: '+49 30 1234567',
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
    });
    expect(response.statusCode).toBe(201);
    const now = t.clock.now().toISOString();
    const user = response.json<UserBody>();
    expect(user).toEqual({
      id: expect.any(String) as string,
      email: email.toLowerCase(),
      name: 'Ada Lovelace',
      ouId: ou.id,
      phone: '+49 30 1234567',
      tenantAdmin: false,
      disabled: false,
      roleIds: [role],
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      createdAt: now,
      updatedAt: now,
    });
    expect(response.body).not.toContain(TEST_PASSWORD);
    expect(response.body.toLowerCase()).not.toContain('password');
    expect(await getUser(tenant.admin, user.id)).toEqual(user);
    expect((await listUsers(tenant.admin)).find((u) => u.id === user.id)).toEqual(user);

    const session = await signIn(t.app, tenant.slug, email);
    const me = (await api(t.app, session).get('/api/v1/me')).json<{
      user: UserBody;
      permissions: string[];
    }>();
    expect(me.user).toEqual(user);
    expect(me.permissions).toEqual(['case.queryAll', 'case.close']);
  });

  it('defaults: no roles, not an administrator, phone, language and time zone null', async () => {
    const tenant = await createTenantFixture(t);
    const response = await api(t.app, tenant.admin).post('/api/v1/users', newUserBody(tenant));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      roleIds: [],
      tenantAdmin: false,
      disabled: false,
      phone: null,
      language: null,
      timeZone: null,
    });
  });

  it('a tenant administrator may make another tenant administrator, who holds every permission', async () => {
    const tenant = await createTenantFixture(t);
    const second = await createUserFixture(t, tenant, { tenantAdmin: true });
    expect((await getUser(tenant.admin, second.id)).tenantAdmin).toBe(true);
    const permissions = (await api(t.app, second.session).get('/api/v1/permissions'))
      .json<{ items: { name: string }[] }>()
      .items.map((i) => i.name);
    const me = (await api(t.app, second.session).get('/api/v1/me')).json<{ permissions: string[] }>();
    expect(me.permissions).toEqual(permissions);
    // And may use them: roles are the tenant administrator's alone.
    expect(
      (await api(t.app, second.session).post('/api/v1/roles', { name: 'By second', permissions: [] }))
        .statusCode,
    ).toBe(201);
  });

  it('refuses a duplicate e-mail in any letter case (409 already_exists on email) and creates nothing', async () => {
    const tenant = await createTenantFixture(t);
    const email = `dup@${tenant.slug}.test`;
    expect(
      (await api(t.app, tenant.admin).post('/api/v1/users', newUserBody(tenant, { email }))).statusCode,
    ).toBe(201);
    const before = await listUsers(tenant.admin, '?includeDisabled=true');
    for (const again of [
      email,
      email.toUpperCase(),
      `Dup@${tenant.slug}.Test`,
      tenant.adminEmail.toUpperCase(),
    ]) {
      const response = await api(t.app, tenant.admin).post(
        '/api/v1/users',
        newUserBody(tenant, { email: again, name: 'Someone else' }),
      );
      expect(response.statusCode).toBe(409);
      expect(problem(response).code).toBe('already_exists');
      expect(problem(response).errors?.map((e) => e.field)).toEqual(['email']);
    }
    expect(await listUsers(tenant.admin, '?includeDisabled=true')).toEqual(before);
  });

  it('the same e-mail may exist in another tenant', async () => {
    const a = await createTenantFixture(t);
    const b = await createTenantFixture(t);
    const response = await api(t.app, b.admin).post('/api/v1/users', newUserBody(b, { email: a.adminEmail }));
    expect(response.statusCode).toBe(201);
  });

  it('refuses a disabled duplicate too (users are never deleted, their e-mail stays taken)', async () => {
    const tenant = await createTenantFixture(t);
    const old = await createUserFixture(t, tenant);
    await api(t.app, tenant.admin).patch(`/api/v1/users/${old.id}`, { disabled: true });
    const response = await api(t.app, tenant.admin).post(
      '/api/v1/users',
      newUserBody(tenant, { email: old.email }),
    );
    expect(response.statusCode).toBe(409);
    expect(problem(response).code).toBe('already_exists');
  });

  describe('field limits (400 naming the field, nothing created)', () => {
    const local64 = 'a'.repeat(64);
    // 64 + 1 + 189 = 254 characters.
    const domain189 = `${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(56)}.test`;
    const email254 = `${local64}@${domain189}`;

    const refused: [string, Record<string, unknown>, string[]][] = [
      ['an e-mail of 255 characters', { email: `a${email254}` }, ['email']],
      ['an e-mail without @', { email: 'not-an-email' }, ['email']],
      ['an e-mail without domain', { email: 'someone@' }, ['email']],
      ['an empty e-mail', { email: '' }, ['email']],
      ['an e-mail that is not a string', { email: 42 }, ['email']],
      ['a name of 81 characters', { name: 'n'.repeat(81) }, ['name']],
      ['an empty name', { name: '' }, ['name']],
      ['a blank name', { name: '   ' }, ['name']],
      ['a phone of 21 characters', { phone: '1'.repeat(21) }, ['phone']],
      ['an empty phone', { phone: '' }, ['phone']],
      ['a phone that is a number', { phone: 123456 }, ['phone']],
      ['a password of 11 characters', { password: 'p'.repeat(11) }, ['password']],
      ['a password of 129 characters', { password: 'p'.repeat(129) }, ['password']],
      ['an unknown ouId', { ouId: 'no-such-ou' }, ['ouId']],
      ['an unknown role', { roleIds: ['no-such-role'] }, ['roleIds.0']],
      ['roleIds that is not a list', { roleIds: 'x' }, ['roleIds']],
      ['tenantAdmin that is not a boolean', { tenantAdmin: 'yes' }, ['tenantAdmin']],
      ['an unknown language', { language: 'fr' }, ['language']],
      ['an unknown time zone', { timeZone: 'Mars/Olympus' }, ['timeZone']],
      ['an unknown field', { isAdmin: true }, ['isAdmin']],
      ['a password hash', { passwordHash: 'x' }, ['passwordHash']],
      ['disabled, which is not for creation', { disabled: true }, ['disabled']],
      [
        'several at once',
        { email: 'x', name: '', password: 'short', extra: 1 },
        ['email', 'extra', 'name', 'password'],
      ],
    ];
    it.each(refused)('refuses %s', async (_label, patch, fields) => {
      const tenant = await createTenantFixture(t);
      const before = await listUsers(tenant.admin, '?includeDisabled=true');
      const response = await api(t.app, tenant.admin).post('/api/v1/users', newUserBody(tenant, patch));
      expect(invalidFields(response)).toEqual(fields);
      expect(await listUsers(tenant.admin, '?includeDisabled=true')).toEqual(before);
    });

    it('refuses a missing body field, naming every missing one', async () => {
      const tenant = await createTenantFixture(t);
      expect(invalidFields(await api(t.app, tenant.admin).post('/api/v1/users', {}))).toEqual([
        'email',
        'name',
        'ouId',
        'password',
      ]);
      expect(
        invalidFields(
          await api(t.app, tenant.admin).post('/api/v1/users', { email: uniqueEmail(tenant), name: 'x' }),
        ),
      ).toEqual(['ouId', 'password']);
    });

    it('names the index of the unknown role among known ones (roleIds.N)', async () => {
      const tenant = await createTenantFixture(t);
      const role = await createRoleFixture(t, tenant, ['case.close']);
      const response = await api(t.app, tenant.admin).post(
        '/api/v1/users',
        newUserBody(tenant, { roleIds: [role, role, 'no-such-role'] }),
      );
      expect(invalidFields(response)).toEqual(['roleIds.2']);
    });

    it('accepts the limits themselves: e-mail 254, name 80, phone 20, password 12 and 128', async () => {
      const tenant = await createTenantFixture(t);
      expect(email254).toHaveLength(254);
      const cases: Record<string, unknown>[] = [
        { email: email254 },
        { name: 'n'.repeat(80) },
        { phone: '1'.repeat(20) },
        { password: 'p'.repeat(12) },
        { password: 'p'.repeat(128) },
      ];
      for (const patch of cases) {
        const body = newUserBody(tenant, patch);
        const response = await api(t.app, tenant.admin).post('/api/v1/users', body);
        expect(response.statusCode, JSON.stringify(patch)).toBe(201);
        const created = response.json<UserBody>();
        if (patch.name) expect(created.name).toBe(patch.name);
        if (patch.phone) expect(created.phone).toBe(patch.phone);
        if (patch.email) expect(created.email).toBe(patch.email);
        expect(await canSignIn(tenant, String(body.email), String(body.password))).toBe(true);
      }
    });
  });
});

describe('listing and reading users', () => {
  it('lists active users by name; disabled ones only with includeDisabled=true', async () => {
    const tenant = await createTenantFixture(t);
    const bea = await createUserFixture(t, tenant, { name: 'Bea' });
    const carl = await createUserFixture(t, tenant, { name: 'Carl' });
    const abe = await createUserFixture(t, tenant, { name: 'Abe' });
    expect((await listUsers(tenant.admin)).map((u) => u.id)).toEqual([
      abe.id,
      tenant.adminId,
      bea.id,
      carl.id,
    ]);
    await api(t.app, tenant.admin).patch(`/api/v1/users/${bea.id}`, { disabled: true });
    expect((await listUsers(tenant.admin)).map((u) => u.id)).toEqual([abe.id, tenant.adminId, carl.id]);
    const all = await listUsers(tenant.admin, '?includeDisabled=true');
    expect(all.map((u) => u.id)).toEqual([abe.id, tenant.adminId, bea.id, carl.id]);
    expect(all.find((u) => u.id === bea.id)?.disabled).toBe(true);
    expect((await listUsers(tenant.admin, '?includeDisabled=false')).map((u) => u.id)).toEqual([
      abe.id,
      tenant.adminId,
      carl.id,
    ]);
    // A disabled user can still be read by id.
    expect((await getUser(tenant.admin, bea.id)).disabled).toBe(true);
  });

  it('filters by OU and by a case-insensitive search in name and e-mail', async () => {
    const tenant = await createTenantFixture(t);
    const ou = (await api(t.app, tenant.admin).post('/api/v1/ous', { name: 'Billing' })).json<{
      id: string;
    }>();
    const ann = await createUserFixture(t, tenant, { name: 'Ann Lee', ouId: ou.id });
    const bob = await createUserFixture(t, tenant, { name: 'Bob Stone' });
    expect((await listUsers(tenant.admin, `?ouId=${ou.id}`)).map((u) => u.id)).toEqual([ann.id]);
    expect((await listUsers(tenant.admin, '?q=ANN')).map((u) => u.id)).toEqual([ann.id]);
    expect((await listUsers(tenant.admin, '?q=stone')).map((u) => u.id)).toEqual([bob.id]);
    expect(
      (await listUsers(tenant.admin, `?q=${bob.email.slice(0, 8).toUpperCase()}`)).map((u) => u.id),
    ).toEqual([bob.id]);
    expect(await listUsers(tenant.admin, '?q=nobody-like-this')).toEqual([]);
  });

  it('searches for _ and % literally', async () => {
    const tenant = await createTenantFixture(t);
    const underscore = await createUserFixture(t, tenant, { name: 'ann_lee' });
    await createUserFixture(t, tenant, { name: 'annXlee' });
    const percent = await createUserFixture(t, tenant, { name: '100% agent' });
    await createUserFixture(t, tenant, { name: '1000 agent' });
    const backslash = await createUserFixture(t, tenant, { name: 'back\\slash' });
    await createUserFixture(t, tenant, { name: 'backslash' });
    expect((await listUsers(tenant.admin, '?q=ann_')).map((u) => u.id)).toEqual([underscore.id]);
    expect((await listUsers(tenant.admin, `?q=${encodeURIComponent('0%')}`)).map((u) => u.id)).toEqual([
      percent.id,
    ]);
    expect((await listUsers(tenant.admin, `?q=${encodeURIComponent('k\\s')}`)).map((u) => u.id)).toEqual([
      backslash.id,
    ]);
  });

  it('answers 404 for an unknown user', async () => {
    const tenant = await createTenantFixture(t);
    const response = await api(t.app, tenant.admin).get('/api/v1/users/no-such-user');
    expect(response.statusCode).toBe(404);
    expect(problem(response).code).toBe('not_found');
  });

  it('a user without users.manage sees only id, name, OU and disabled of others, and all of themself', async () => {
    const tenant = await createTenantFixture(t);
    const other = await createUserFixture(t, tenant, { phone: '12345' });
    const caseRole = await createRoleFixture(t, tenant, ['case.close', 'config.manage']);
    const viewer = await createUserFixture(t, tenant, { roleIds: [caseRole] });
    const items = await listUsers(viewer.session);
    expect(items).toHaveLength(3);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(item.id === viewer.id ? FULL_KEYS : PUBLIC_KEYS);
    }
    const admin = await getUser(viewer.session, tenant.adminId);
    expect(admin).toEqual({ id: tenant.adminId, name: 'Admin', ouId: tenant.rootOuId, disabled: false });
    expect(Object.keys(await getUser(viewer.session, other.id)).sort()).toEqual(PUBLIC_KEYS);
    const self = await getUser(viewer.session, viewer.id);
    expect(self).toMatchObject({ email: viewer.email, roleIds: [caseRole], tenantAdmin: false });
  });

  it('the search matches e-mail addresses only for those who may see them', async () => {
    const tenant = await createTenantFixture(t);
    const quiet = await createUserFixture(t, tenant, { name: 'Quiet Person' });
    const viewer = await createUserFixture(t, tenant, { name: 'Curious Viewer' });
    const manager = await usersManager(tenant);
    const part = quiet.email.slice(0, 8);
    // Otherwise anyone could find out a colleague's address letter by letter.
    expect(await listUsers(viewer.session, `?q=${part}`)).toEqual([]);
    expect(await listUsers(viewer.session, `?q=${encodeURIComponent(tenant.adminEmail)}`)).toEqual([]);
    expect((await listUsers(viewer.session, '?q=quiet')).map((u) => u.id)).toEqual([quiet.id]);
    expect((await listUsers(manager.session, `?q=${part}`)).map((u) => u.id)).toEqual([quiet.id]);
    expect((await listUsers(tenant.admin, `?q=${part}`)).map((u) => u.id)).toEqual([quiet.id]);
  });

  it('a users.manage holder sees every field of others', async () => {
    const tenant = await createTenantFixture(t);
    const manager = await usersManager(tenant);
    const other = await createUserFixture(t, tenant, { phone: '12345' });
    for (const item of await listUsers(manager.session)) expect(Object.keys(item).sort()).toEqual(FULL_KEYS);
    expect(await getUser(manager.session, other.id)).toEqual(await getUser(tenant.admin, other.id));
  });

  it('is 401 without credentials', async () => {
    const tenant = await createTenantFixture(t);
    for (const response of [
      await api(t.app).get('/api/v1/users'),
      await api(t.app).get(`/api/v1/users/${tenant.adminId}`),
      await api(t.app).post('/api/v1/users', newUserBody(tenant)),
      await api(t.app).patch(`/api/v1/users/${tenant.adminId}`, { name: 'x' }),
    ]) {
      expect(response.statusCode).toBe(401);
      expect(problem(response).code).toBe('unauthenticated');
    }
  });
});

describe('changing users', () => {
  it('changes every field a tenant administrator may change; updatedAt moves', async () => {
    const tenant = await createTenantFixture(t);
    const user = await createUserFixture(t, tenant, { phone: '111' });
    const role = await createRoleFixture(t, tenant, ['case.edit']);
    const ou = (await api(t.app, tenant.admin).post('/api/v1/ous', { name: 'Moved here' })).json<{
      id: string;
    }>();
    const before = await getUser(tenant.admin, user.id);
    t.clock.advance(5000);
    const newEmail = `renamed@${tenant.slug}.test`;
    const response = await api(t.app, tenant.admin).patch(`/api/v1/users/${user.id}`, {
      email: newEmail.toUpperCase(),
      name: 'Renamed',
      ouId: ou.id,
      roleIds: [role],
      phone: null,
      language: 'en',
      timeZone: 'Europe/Berlin',
    });
    expect(response.statusCode).toBe(200);
    const expected: UserBody = {
      ...before,
      email: newEmail,
      name: 'Renamed',
      ouId: ou.id,
      roleIds: [role],
      phone: null,
      language: 'en',
      timeZone: 'Europe/Berlin',
      updatedAt: t.clock.now().toISOString(),
    };
    expect(response.json()).toEqual(expected);
    expect(await getUser(tenant.admin, user.id)).toEqual(expected);
    // The new role is in effect at once, for the user's existing session.
    expect(
      (await api(t.app, user.session).get('/api/v1/me')).json<{ permissions: string[] }>().permissions,
    ).toEqual(['case.queryAll', 'case.edit']);
    expect(await canSignIn(tenant, newEmail)).toBe(true);
    expect(await canSignIn(tenant, user.email)).toBe(false);
  });

  it('changes only the given fields; null clears phone, language and time zone', async () => {
    const tenant = await createTenantFixture(t);
    const created = (
      await api(t.app, tenant.admin).post(
        '/api/v1/users',
        newUserBody(tenant, { phone: '222', language: 'zh-CN', timeZone: 'Asia/Shanghai' }),
      )
    ).json<UserBody>();
    const renamed = await api(t.app, tenant.admin).patch(`/api/v1/users/${created.id}`, {
      name: 'Only name',
    });
    expect(renamed.json()).toEqual({ ...created, name: 'Only name' });
    const cleared = await api(t.app, tenant.admin).patch(`/api/v1/users/${created.id}`, {
      phone: null,
      language: null,
      timeZone: null,
    });
    expect(cleared.json()).toEqual({
      ...created,
      name: 'Only name',
      phone: null,
      language: null,
      timeZone: null,
    });
  });

  it('a new password replaces the old one and ends the user’s sessions', async () => {
    const tenant = await createTenantFixture(t);
    const user = await createUserFixture(t, tenant);
    const response = await api(t.app, tenant.admin).patch(`/api/v1/users/${user.id}`, {
      password: 'a-brand-new-password',
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('a-brand-new-password');
    expect((await api(t.app, user.session).get('/api/v1/me')).statusCode).toBe(401);
    expect(await canSignIn(tenant, user.email)).toBe(false);
    expect(await canSignIn(tenant, user.email, 'a-brand-new-password')).toBe(true);
  });

  it('disables and enables again; a disabled user cannot sign in', async () => {
    const tenant = await createTenantFixture(t);
    const user = await createUserFixture(t, tenant);
    const disabled = await api(t.app, tenant.admin).patch(`/api/v1/users/${user.id}`, { disabled: true });
    expect(disabled.json<UserBody>().disabled).toBe(true);
    expect(await canSignIn(tenant, user.email)).toBe(false);
    const enabled = await api(t.app, tenant.admin).patch(`/api/v1/users/${user.id}`, { disabled: false });
    expect(enabled.json<UserBody>().disabled).toBe(false);
    expect(await canSignIn(tenant, user.email)).toBe(true);
  });

  it('the e-mail may change to its own in another letter case, not to another user’s (409)', async () => {
    const tenant = await createTenantFixture(t);
    const user = await createUserFixture(t, tenant);
    const own = await api(t.app, tenant.admin).patch(`/api/v1/users/${user.id}`, {
      email: user.email.toUpperCase(),
    });
    expect(own.statusCode).toBe(200);
    expect(own.json<UserBody>().email).toBe(user.email);

    const before = await getUser(tenant.admin, user.id);
    t.clock.advance(1000);
    const clash = await api(t.app, tenant.admin).patch(`/api/v1/users/${user.id}`, {
      email: tenant.adminEmail.toUpperCase(),
      name: 'Not applied',
    });
    expect(clash.statusCode).toBe(409);
    expect(problem(clash).code).toBe('already_exists');
    expect(problem(clash).errors?.map((e) => e.field)).toEqual(['email']);
    expect(await getUser(tenant.admin, user.id)).toEqual(before);
  });

  describe('field limits (400 naming the field, nothing changed)', () => {
    const refused: [string, Record<string, unknown>, string[]][] = [
      ['an e-mail of 255 characters', { email: `${'a'.repeat(245)}@x.test.de` }, ['email']],
      ['an invalid e-mail', { email: 'nope@' }, ['email']],
      ['a name of 81 characters', { name: 'n'.repeat(81) }, ['name']],
      ['an empty name', { name: '' }, ['name']],
      ['a phone of 21 characters', { phone: '2'.repeat(21) }, ['phone']],
      ['a password of 11 characters', { password: 'p'.repeat(11) }, ['password']],
      ['a password of 129 characters', { password: 'p'.repeat(129) }, ['password']],
      ['an unknown ouId', { ouId: 'no-such-ou' }, ['ouId']],
      ['an unknown role', { roleIds: ['no-such-role'] }, ['roleIds.0']],
      ['disabled as a string', { disabled: 'true' }, ['disabled']],
      ['tenantAdmin as a number', { tenantAdmin: 1 }, ['tenantAdmin']],
      ['an unknown field', { nickname: 'x' }, ['nickname']],
      ['the id', { id: 'other' }, ['id']],
    ];
    it.each(refused)('refuses %s', async (_label, patch, fields) => {
      const tenant = await createTenantFixture(t);
      const user = await createUserFixture(t, tenant, { phone: '333' });
      const before = await getUser(tenant.admin, user.id);
      t.clock.advance(1000);
      // A valid name and password ride along; neither may be applied.
      const response = await api(t.app, tenant.admin).patch(`/api/v1/users/${user.id}`, {
        name: 'Changed name',
        password: 'a-changed-password',
        ...patch,
      });
      expect(invalidFields(response)).toEqual(fields);
      expect(await getUser(tenant.admin, user.id)).toEqual(before);
      expect((await api(t.app, user.session).get('/api/v1/me')).statusCode).toBe(200);
      expect(await canSignIn(tenant, user.email)).toBe(true);
    });

    it('names the index of the unknown role among known ones', async () => {
      const tenant = await createTenantFixture(t);
      const user = await createUserFixture(t, tenant);
      const role = await createRoleFixture(t, tenant, ['case.close']);
      const response = await api(t.app, tenant.admin).patch(`/api/v1/users/${user.id}`, {
        roleIds: [role, 'no-such-role'],
      });
      expect(invalidFields(response)).toEqual(['roleIds.1']);
      expect((await getUser(tenant.admin, user.id)).roleIds).toEqual([]);
    });
  });

  it('is 404 for an unknown user', async () => {
    const tenant = await createTenantFixture(t);
    const response = await api(t.app, tenant.admin).patch('/api/v1/users/no-such-user', { name: 'x' });
    expect(response.statusCode).toBe(404);
    expect(problem(response).code).toBe('not_found');
  });
});

describe('users.manage holders', () => {
  it('may create users without roles or the administrator flag', async () => {
    const tenant = await createTenantFixture(t);
    const manager = await usersManager(tenant);
    const response = await api(t.app, manager.session).post(
      '/api/v1/users',
      newUserBody(tenant, { roleIds: [], tenantAdmin: false, phone: '444' }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ roleIds: [], tenantAdmin: false, phone: '444' });
  });

  it('may not create a user with roles or as tenant administrator (403), and nothing is created', async () => {
    const tenant = await createTenantFixture(t);
    const manager = await usersManager(tenant);
    const role = await createRoleFixture(t, tenant, ['case.close']);
    const before = await listUsers(tenant.admin, '?includeDisabled=true');
    expectForbidden(
      await api(t.app, manager.session).post('/api/v1/users', newUserBody(tenant, { roleIds: [role] })),
    );
    expectForbidden(
      await api(t.app, manager.session).post('/api/v1/users', newUserBody(tenant, { tenantAdmin: true })),
    );
    expect(await listUsers(tenant.admin, '?includeDisabled=true')).toEqual(before);
  });

  it('may change a plain user’s name, phone, OU, password and disabled flag', async () => {
    const tenant = await createTenantFixture(t);
    const manager = await usersManager(tenant);
    const user = await createUserFixture(t, tenant);
    const ou = (await api(t.app, manager.session).post('/api/v1/ous', { name: 'Team' })).json<{
      id: string;
    }>();
    const response = await api(t.app, manager.session).patch(`/api/v1/users/${user.id}`, {
      name: 'By manager',
      phone: '555',
      ouId: ou.id,
      password: 'set-by-the-manager',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ name: 'By manager', phone: '555', ouId: ou.id });
    expect(await canSignIn(tenant, user.email, 'set-by-the-manager')).toBe(true);
    const disabled = await api(t.app, manager.session).patch(`/api/v1/users/${user.id}`, { disabled: true });
    expect(disabled.json<UserBody>().disabled).toBe(true);
  });

  it('may not assign roles or the administrator flag — not even to themself — (403), and nothing changes', async () => {
    const tenant = await createTenantFixture(t);
    const manager = await usersManager(tenant);
    const user = await createUserFixture(t, tenant);
    const role = await createRoleFixture(t, tenant, ['case.close']);
    const userBefore = await getUser(tenant.admin, user.id);
    const managerBefore = await getUser(tenant.admin, manager.id);
    t.clock.advance(1000);
    for (const [id, patch] of [
      [user.id, { roleIds: [role] }],
      [user.id, { roleIds: [] }],
      [user.id, { tenantAdmin: true }],
      [user.id, { tenantAdmin: false, name: 'Not applied' }],
      [manager.id, { tenantAdmin: true }],
      [manager.id, { roleIds: [...(managerBefore.roleIds ?? []), role] }],
    ] as const) {
      expectForbidden(await api(t.app, manager.session).patch(`/api/v1/users/${id}`, patch));
    }
    expect(await getUser(tenant.admin, user.id)).toEqual(userBefore);
    expect(await getUser(tenant.admin, manager.id)).toEqual(managerBefore);
  });

  it('may not change a tenant administrator in any way (403), and nothing changes', async () => {
    const tenant = await createTenantFixture(t);
    const manager = await usersManager(tenant);
    const before = await getUser(tenant.admin, tenant.adminId);
    t.clock.advance(1000);
    for (const patch of [
      { name: 'Taken over' },
      { password: 'the-managers-password' },
      { email: `mine@${tenant.slug}.test` },
      { disabled: true },
      { phone: '666' },
      { ouId: tenant.rootOuId },
    ]) {
      expectForbidden(await api(t.app, manager.session).patch(`/api/v1/users/${tenant.adminId}`, patch));
    }
    expect(await getUser(tenant.admin, tenant.adminId)).toEqual(before);
    expect((await api(t.app, tenant.admin).get('/api/v1/me')).statusCode).toBe(200);
    expect(await canSignIn(tenant, tenant.adminEmail)).toBe(true);
  });
});

describe('plain users', () => {
  it('may not create or change users (403), not even themselves through this route', async () => {
    const tenant = await createTenantFixture(t);
    const user = await createUserFixture(t, tenant);
    const before = await listUsers(tenant.admin, '?includeDisabled=true');
    t.clock.advance(1000);
    expectForbidden(await api(t.app, user.session).post('/api/v1/users', newUserBody(tenant)));
    expectForbidden(await api(t.app, user.session).patch(`/api/v1/users/${user.id}`, { name: 'Self' }));
    expectForbidden(
      await api(t.app, user.session).patch(`/api/v1/users/${tenant.adminId}`, { disabled: true }),
    );
    expect(await listUsers(tenant.admin, '?includeDisabled=true')).toEqual(before);
  });

  it('get the rights of a role once given it: with users.manage they can create an OU and a user', async () => {
    const tenant = await createTenantFixture(t);
    const user = await createUserFixture(t, tenant);
    expectForbidden(await api(t.app, user.session).post('/api/v1/ous', { name: 'Early' }));
    const role = await createRoleFixture(t, tenant, ['users.manage']);
    const given = await api(t.app, tenant.admin).patch(`/api/v1/users/${user.id}`, { roleIds: [role] });
    expect(given.statusCode).toBe(200);
    expect(given.json<UserBody>().roleIds).toEqual([role]);
    // The same session, no new sign-in needed.
    const ou = await api(t.app, user.session).post('/api/v1/ous', { name: 'Now allowed' });
    expect(ou.statusCode).toBe(201);
    expect((await api(t.app, user.session).post('/api/v1/users', newUserBody(tenant))).statusCode).toBe(201);
    for (const item of await listUsers(user.session)) expect(Object.keys(item).sort()).toEqual(FULL_KEYS);

    // And lose them when the role is taken away.
    await api(t.app, tenant.admin).patch(`/api/v1/users/${user.id}`, { roleIds: [] });
    expectForbidden(await api(t.app, user.session).post('/api/v1/ous', { name: 'Too late' }));
  });
});

describe('the last tenant administrator', () => {
  it('cannot be demoted or disabled (409 last_tenant_admin), and nothing changes', async () => {
    const tenant = await createTenantFixture(t);
    const before = await getUser(tenant.admin, tenant.adminId);
    t.clock.advance(1000);
    for (const patch of [
      { tenantAdmin: false },
      { disabled: true },
      { tenantAdmin: false, name: 'Not applied' },
    ]) {
      const response = await api(t.app, tenant.admin).patch(`/api/v1/users/${tenant.adminId}`, patch);
      expect(response.statusCode).toBe(409);
      expect(problem(response).code).toBe('last_tenant_admin');
    }
    expect(await getUser(tenant.admin, tenant.adminId)).toEqual(before);
    expect((await api(t.app, tenant.admin).get('/api/v1/me')).statusCode).toBe(200);
  });

  it('may change other things of their own account', async () => {
    const tenant = await createTenantFixture(t);
    const response = await api(t.app, tenant.admin).patch(`/api/v1/users/${tenant.adminId}`, {
      name: 'Chief',
      tenantAdmin: true,
      disabled: false,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ name: 'Chief', tenantAdmin: true, disabled: false });
  });

  it('with a second active administrator, one may be demoted; then the other is the last', async () => {
    const tenant = await createTenantFixture(t);
    const second = await createUserFixture(t, tenant, { tenantAdmin: true });
    const demoted = await api(t.app, second.session).patch(`/api/v1/users/${tenant.adminId}`, {
      tenantAdmin: false,
    });
    expect(demoted.statusCode).toBe(200);
    expect(demoted.json<UserBody>().tenantAdmin).toBe(false);
    // The former administrator has lost the rights at once.
    expectForbidden(await api(t.app, tenant.admin).patch('/api/v1/tenant', { name: 'x' }));
    const last = await api(t.app, second.session).patch(`/api/v1/users/${second.id}`, { disabled: true });
    expect(last.statusCode).toBe(409);
    expect(problem(last).code).toBe('last_tenant_admin');
    expect((await getUser(second.session, second.id)).disabled).toBe(false);
  });

  it('two administrators demoting each other at the same moment: exactly one succeeds', async () => {
    // Both requests read "two active administrators" unless the check and the write are serialised.
    for (let round = 0; round < 10; round++) {
      const tenant = await createTenantFixture(t);
      const second = await createUserFixture(t, tenant, { tenantAdmin: true });
      const observer = await usersManager(tenant);
      const [one, other] = await Promise.all([
        api(t.app, tenant.admin).patch(`/api/v1/users/${second.id}`, { tenantAdmin: false }),
        api(t.app, second.session).patch(`/api/v1/users/${tenant.adminId}`, { tenantAdmin: false }),
      ]);
      const statuses = [one.statusCode, other.statusCode].sort();
      expect(statuses[0]).toBe(200);
      const refused = one.statusCode === 200 ? other : one;
      // The loser is refused either by the rule (both were still administrators when it was checked)
      // or, when the winner committed before the loser was even authenticated, as a non-administrator.
      expect(['409 last_tenant_admin', '403 forbidden']).toContain(
        `${refused.statusCode} ${problem(refused).code}`,
      );
      const admins = (await listUsers(observer.session)).filter((u) => u.tenantAdmin === true && !u.disabled);
      expect(admins).toHaveLength(1);
    }
  });

  it('a disabled administrator does not count', async () => {
    const tenant = await createTenantFixture(t);
    const second = await createUserFixture(t, tenant, { tenantAdmin: true });
    expect(
      (await api(t.app, tenant.admin).patch(`/api/v1/users/${second.id}`, { disabled: true })).statusCode,
    ).toBe(200);
    const response = await api(t.app, tenant.admin).patch(`/api/v1/users/${tenant.adminId}`, {
      tenantAdmin: false,
    });
    expect(response.statusCode).toBe(409);
    expect(problem(response).code).toBe('last_tenant_admin');
    // Demoting the disabled one is no loss of an active administrator.
    const demoteDisabled = await api(t.app, tenant.admin).patch(`/api/v1/users/${second.id}`, {
      tenantAdmin: false,
    });
    expect(demoteDisabled.statusCode).toBe(200);
  });
});
