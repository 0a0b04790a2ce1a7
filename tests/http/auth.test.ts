import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createTenantFixture,
  createUserFixture,
  problem,
  signIn,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    env: { CASEDESK_SIGNIN_CLIENT_MAX_FAILURES: '20', CASEDESK_SIGNIN_ACCOUNT_MAX_FAILURES: '5' },
  });
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('signs in, answers /me like the login, and sets an HttpOnly SameSite session cookie', async () => {
    const tenant = await createTenantFixture(t);
    const response = await api(t.app).post('/api/v1/auth/login', {
      tenant: tenant.slug,
      email: tenant.adminEmail,
      password: TEST_PASSWORD,
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'casedesk_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const login = response.json<{
      user: { id: string };
      csrfToken: string;
      tenant: { slug: string };
      permissions: string[];
    }>();
    expect(login.user.id).toBe(tenant.adminId);
    expect(login.tenant.slug).toBe(tenant.slug);
    expect(login.permissions).toContain('users.manage');

    const me = await api(t.app, { cookie: cookie?.value ?? '', csrfToken: login.csrfToken }).get(
      '/api/v1/me',
    );
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual(login);
  });

  it('accepts the e-mail in any case', async () => {
    const tenant = await createTenantFixture(t);
    await expect(signIn(t.app, tenant.slug, tenant.adminEmail.toUpperCase())).resolves.toHaveProperty(
      'cookie',
    );
  });

  it('refuses a wrong password, an unknown e-mail and an unknown tenant with the same 401', async () => {
    const tenant = await createTenantFixture(t);
    const client = { 'x-forwarded-for': '' };
    const wrong = await api(t.app).post(
      '/api/v1/auth/login',
      { tenant: tenant.slug, email: tenant.adminEmail, password: 'not-the-password' },
      client,
    );
    const unknownEmail = await api(t.app).post('/api/v1/auth/login', {
      tenant: tenant.slug,
      email: 'nobody@x.test',
      password: TEST_PASSWORD,
    });
    const unknownTenant = await api(t.app).post('/api/v1/auth/login', {
      tenant: 'no-such-tenant',
      email: tenant.adminEmail,
      password: TEST_PASSWORD,
    });
    for (const response of [wrong, unknownEmail, unknownTenant]) {
      expect(response.statusCode).toBe(401);
      expect(problem(response).code).toBe('unauthenticated');
      expect(problem(response).detail).toBe(problem(wrong).detail);
    }
  });

  it('names the missing fields of a malformed login', async () => {
    const response = await api(t.app).post('/api/v1/auth/login', { tenant: 'x' });
    expect(response.statusCode).toBe(400);
    const body = problem(response);
    expect(body.code).toBe('validation_failed');
    expect(body.errors?.map((e) => e.field).sort()).toEqual(['email', 'password']);
  });

  it('refuses malformed JSON with a 400 that names no field', async () => {
    const response = await api(t.app).raw('POST', '/api/v1/auth/login', '{"tenant": ');
    expect(response.statusCode).toBe(400);
    expect(problem(response).code).toBe('validation_failed');
    expect(problem(response).errors).toBeUndefined();
  });

  it('locks an account after 5 failures in a row with 429 and Retry-After, also for the right password, until the lock ends', async () => {
    const tenant = await createTenantFixture(t);
    const attempt = (password: string, ip: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { tenant: tenant.slug, email: tenant.adminEmail, password },
        remoteAddress: ip,
      });
    // Different client addresses, so that only the account counter can be what locks.
    for (let i = 0; i < 5; i++)
      expect((await attempt('wrong-password-x', `10.1.0.${i}`)).statusCode).toBe(401);
    const locked = await attempt(TEST_PASSWORD, '10.1.0.99');
    expect(locked.statusCode).toBe(429);
    expect(problem(locked).code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBe(15 * 60);

    t.clock.advance(15 * 60_000 + 1000);
    expect((await attempt(TEST_PASSWORD, '10.1.0.99')).statusCode).toBe(200);
  });

  it('a success resets the count of failures in a row', async () => {
    const tenant = await createTenantFixture(t);
    const attempt = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { tenant: tenant.slug, email: tenant.adminEmail, password },
        remoteAddress: '10.2.0.1',
      });
    for (let i = 0; i < 4; i++) expect((await attempt('wrong-password-x')).statusCode).toBe(401);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt('wrong-password-x')).statusCode).toBe(401);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('locks a client address after 20 failures in a minute, unknown tenants and e-mails included', async () => {
    const attempt = (tenant: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { tenant, email: `${tenant}@x.test`, password: 'whatever-password' },
        remoteAddress: '10.3.0.1',
      });
    for (let i = 0; i < 20; i++) expect((await attempt(`nope-${i}`)).statusCode).toBe(401);
    const locked = await attempt('nope-last');
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another client is not affected.
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { tenant: 'nope', email: 'a@x.test', password: 'whatever-password' },
      remoteAddress: '10.3.0.2',
    });
    expect(other.statusCode).toBe(401);
    t.clock.advance(61_000);
    expect((await attempt('nope-after')).statusCode).toBe(401);
  });

  it('failures spread over more than a minute do not lock the client', async () => {
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { tenant: 'nope', email: 'a@x.test', password: 'whatever-password' },
        remoteAddress: '10.4.0.1',
      });
    for (let i = 0; i < 15; i++) expect((await attempt()).statusCode).toBe(401);
    t.clock.advance(61_000);
    for (let i = 0; i < 15; i++) expect((await attempt()).statusCode).toBe(401);
  });
});

describe('sessions', () => {
  it('logout ends the session on the server: the old cookie is 401 afterwards', async () => {
    const tenant = await createTenantFixture(t);
    const session = await signIn(t.app, tenant.slug, tenant.adminEmail);
    expect((await api(t.app, session).post('/api/v1/auth/logout')).statusCode).toBe(204);
    const after = await api(t.app, session).get('/api/v1/me');
    expect(after.statusCode).toBe(401);
    expect(problem(after).code).toBe('unauthenticated');
  });

  it('refuses a cookie write without the CSRF header, and with a wrong one', async () => {
    const tenant = await createTenantFixture(t);
    const without = await api(t.app, { cookie: tenant.admin.cookie ?? '' }).post('/api/v1/auth/tokens', {
      name: 'x',
    });
    expect(without.statusCode).toBe(403);
    expect(problem(without).code).toBe('csrf_failed');
    const wrong = await api(t.app, { cookie: tenant.admin.cookie ?? '', csrfToken: 'nope' }).post(
      '/api/v1/auth/tokens',
      { name: 'x' },
    );
    expect(problem(wrong).code).toBe('csrf_failed');
  });

  it('expires an idle session', async () => {
    const tenant = await createTenantFixture(t);
    const session = await signIn(t.app, tenant.slug, tenant.adminEmail);
    t.clock.advance(t.config.sessionIdleMs + 1000);
    expect((await api(t.app, session).get('/api/v1/me')).statusCode).toBe(401);
  });

  it('a disabled user is signed out and cannot sign in', async () => {
    const tenant = await createTenantFixture(t);
    const user = await createUserFixture(t, tenant);
    expect(
      (await api(t.app, tenant.admin).patch(`/api/v1/users/${user.id}`, { disabled: true })).statusCode,
    ).toBe(200);
    expect((await api(t.app, user.session).get('/api/v1/me')).statusCode).toBe(401);
    const again = await api(t.app).post('/api/v1/auth/login', {
      tenant: tenant.slug,
      email: user.email,
      password: TEST_PASSWORD,
    });
    expect(again.statusCode).toBe(401);
  });

  it('an unauthenticated request is 401 problem+json', async () => {
    const response = await api(t.app).get('/api/v1/me');
    expect(response.statusCode).toBe(401);
    expect(problem(response).code).toBe('unauthenticated');
  });
});

describe('PATCH /api/v1/me', () => {
  it('changes name, language and time zone', async () => {
    const tenant = await createTenantFixture(t);
    const response = await api(t.app, tenant.admin).patch('/api/v1/me', {
      name: 'Ada',
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      user: { name: 'Ada', language: 'zh-CN', timeZone: 'Asia/Shanghai' },
    });
  });

  it('refuses an unknown time zone and an unknown language, naming the field', async () => {
    const tenant = await createTenantFixture(t);
    const zone = await api(t.app, tenant.admin).patch('/api/v1/me', { timeZone: 'Mars/Olympus' });
    expect(problem(zone).errors?.[0]?.field).toBe('timeZone');
    const language = await api(t.app, tenant.admin).patch('/api/v1/me', { language: 'fr' });
    expect(problem(language).errors?.[0]?.field).toBe('language');
  });

  it('needs the current password for a new one, and ends the other sessions but not this one', async () => {
    const tenant = await createTenantFixture(t);
    const other = await signIn(t.app, tenant.slug, tenant.adminEmail);
    const missing = await api(t.app, tenant.admin).patch('/api/v1/me', {
      newPassword: 'another-long-password',
    });
    expect(missing.statusCode).toBe(400);
    expect(problem(missing).errors?.[0]?.field).toBe('currentPassword');
    const wrong = await api(t.app, tenant.admin).patch('/api/v1/me', {
      currentPassword: 'wrong-password-1',
      newPassword: 'another-long-password',
    });
    expect(problem(wrong).errors?.[0]?.field).toBe('currentPassword');
    const short = await api(t.app, tenant.admin).patch('/api/v1/me', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short',
    });
    expect(problem(short).errors?.[0]?.field).toBe('newPassword');

    const ok = await api(t.app, tenant.admin).patch('/api/v1/me', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'another-long-password',
    });
    expect(ok.statusCode).toBe(200);
    expect((await api(t.app, tenant.admin).get('/api/v1/me')).statusCode).toBe(200);
    expect((await api(t.app, other).get('/api/v1/me')).statusCode).toBe(401);
    await expect(
      signIn(t.app, tenant.slug, tenant.adminEmail, 'another-long-password'),
    ).resolves.toHaveProperty('cookie');
  });
});

describe('API tokens', () => {
  it('creates a token shown once, works as bearer, is listed without its secret, and is 401 once revoked', async () => {
    const tenant = await createTenantFixture(t);
    const created = await api(t.app, tenant.admin).post('/api/v1/auth/tokens', { name: 'crm' });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json<{ id: string; token: string }>();
    expect(token).toMatch(/^cdt_/);

    const me = await api(t.app, { bearer: token }).get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: tenant.adminId }, csrfToken: null });
    // A bearer write needs no CSRF token.
    expect(
      (await api(t.app, { bearer: token }).post('/api/v1/auth/tokens', { name: 'second' })).statusCode,
    ).toBe(201);

    const list = await api(t.app, tenant.admin).get('/api/v1/auth/tokens');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(token.split('.').at(-1));
    expect(list.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toContain(id);

    expect((await api(t.app, tenant.admin).delete(`/api/v1/auth/tokens/${id}`)).statusCode).toBe(204);
    const revoked = await api(t.app, { bearer: token }).get('/api/v1/me');
    expect(revoked.statusCode).toBe(401);
    expect(problem(revoked).code).toBe('unauthenticated');
  });

  it('an expired token is 401', async () => {
    const tenant = await createTenantFixture(t);
    const expiresAt = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const { token } = (
      await api(t.app, tenant.admin).post('/api/v1/auth/tokens', { name: 'short', expiresAt })
    ).json<{ token: string }>();
    expect((await api(t.app, { bearer: token }).get('/api/v1/me')).statusCode).toBe(200);
    t.clock.advance(3_600_000 + 1);
    expect((await api(t.app, { bearer: token }).get('/api/v1/me')).statusCode).toBe(401);
  });

  it('refuses an expiry in the past and a missing name', async () => {
    const tenant = await createTenantFixture(t);
    const past = await api(t.app, tenant.admin).post('/api/v1/auth/tokens', {
      name: 'x',
      expiresAt: '2000-01-01T00:00:00Z',
    });
    expect(problem(past).errors?.[0]?.field).toBe('expiresAt');
    const noName = await api(t.app, tenant.admin).post('/api/v1/auth/tokens', {});
    expect(problem(noName).errors?.[0]?.field).toBe('name');
  });

  it('a forged or malformed bearer is 401', async () => {
    const tenant = await createTenantFixture(t);
    const { token } = (await api(t.app, tenant.admin).post('/api/v1/auth/tokens', { name: 'x' })).json<{
      token: string;
    }>();
    const forged = `${token.slice(0, -4)}AAAA`;
    expect((await api(t.app, { bearer: forged }).get('/api/v1/me')).statusCode).toBe(401);
    expect((await api(t.app, { bearer: 'garbage' }).get('/api/v1/me')).statusCode).toBe(401);
  });

  it("lists only the caller's tokens; all=true is for tenant administrators", async () => {
    const tenant = await createTenantFixture(t);
    const user = await createUserFixture(t, tenant);
    await api(t.app, tenant.admin).post('/api/v1/auth/tokens', { name: 'admin-token' });
    const mine = await api(t.app, user.session).post('/api/v1/auth/tokens', { name: 'user-token' });
    const userList = (await api(t.app, user.session).get('/api/v1/auth/tokens')).json<{
      items: { name: string }[];
    }>();
    expect(userList.items.map((i) => i.name)).toEqual(['user-token']);
    expect((await api(t.app, user.session).get('/api/v1/auth/tokens?all=true')).statusCode).toBe(403);
    const all = (await api(t.app, tenant.admin).get('/api/v1/auth/tokens?all=true')).json<{
      items: { name: string; userId: string }[];
    }>();
    expect(all.items.map((i) => i.name).sort()).toEqual(['admin-token', 'user-token']);
    // Someone else's token cannot be revoked (it answers like a missing one); the administrator can.
    const adminToken =
      (await api(t.app, tenant.admin).get('/api/v1/auth/tokens')).json<{ items: { id: string }[] }>().items[0]
        ?.id ?? '';
    expect((await api(t.app, user.session).delete(`/api/v1/auth/tokens/${adminToken}`)).statusCode).toBe(404);
    expect(
      (await api(t.app, tenant.admin).delete(`/api/v1/auth/tokens/${mine.json<{ id: string }>().id}`))
        .statusCode,
    ).toBe(204);
  });
});
