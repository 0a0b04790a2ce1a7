import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../src/config/config.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { argon2Hasher } from '../../src/domain/auth/passwords.js';
import type { AppContext } from '../../src/domain/context.js';
import { createTenant } from '../../src/domain/org/commands/create-tenant.js';
import { buildApp, type BuildAppOptions } from '../../src/http/app.js';
import { LocalCaseChangeBus } from '../../src/events/local-bus.js';
import { HeldClock } from '../../src/lib/clock.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const TEST_PASSWORD = 'a-long-test-password';

/** A signed-in client: a session cookie with its CSRF token, or a bearer token. */
export interface Session {
  cookie?: string;
  csrfToken?: string;
  bearer?: string;
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: HeldClock;
  database: DatabaseHandle;
  config: Config;
  close(): Promise<void>;
}

export function testConfig(overrides: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({
    CASEDESK_DATA_DIR: './data/test',
    LOG_LEVEL: 'silent',
    CASEDESK_ARGON2_MEMORY_KIB: '1024',
    CASEDESK_ARGON2_TIME_COST: '1',
    ...overrides,
  });
}

/** The real app on a fresh database of the suite's dialect, with a held clock and strict contract checks. */
export async function startTestApp(
  options: { env?: NodeJS.ProcessEnv; build?: BuildAppOptions } = {},
): Promise<TestApp> {
  const testDb: TestDatabase = await createTestDatabase();
  const config = { ...testConfig(options.env), database: testDb.target };
  const database = openDatabase(testDb.target, { poolSize: 5 });
  await migrateToLatest(database.db);
  const clock = new HeldClock();
  const ctx: AppContext = {
    db: database.db,
    dialect: database.dialect,
    clock,
    config,
    logger: pino({ level: 'silent' }),
    passwords: argon2Hasher(config.argon2),
    events: new LocalCaseChangeBus(),
  };
  // The API suites do not depend on whether the web UI happens to be built (tests/http/web-ui.test.ts
  // covers serving it).
  const app = await buildApp(ctx, {
    strictContract: true,
    webUiDirectory: join(tmpdir(), 'casedesk-tests-without-web-ui'),
    ...options.build,
  });
  await app.ready();
  return {
    app,
    ctx,
    clock,
    database,
    config,
    async close() {
      await app.close();
      await ctx.events.close();
      await database.close();
      await testDb.drop();
    },
  };
}

export function uniqueSlug(prefix = 't'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Api {
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  raw(
    method: Method,
    url: string,
    payload: string,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

/** A small client over `app.inject`, sending the session's cookie and CSRF token or its bearer token. */
export function api(app: FastifyInstance, session?: Session): Api {
  const authHeaders = (): Record<string, string> => {
    if (!session) return {};
    if (session.bearer) return { authorization: `Bearer ${session.bearer}` };
    return {
      ...(session.cookie ? { cookie: `casedesk_session=${session.cookie}` } : {}),
      ...(session.csrfToken ? { 'x-csrf-token': session.csrfToken } : {}),
    };
  };
  const call = (method: Method, url: string, body: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method,
      url,
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...authHeaders(),
        ...headers,
      },
    });
  return {
    get: (url, headers) => call('GET', url, undefined, headers),
    post: (url, body, headers) => call('POST', url, body, headers),
    put: (url, body, headers) => call('PUT', url, body, headers),
    patch: (url, body, headers) => call('PATCH', url, body, headers),
    delete: (url, headers) => call('DELETE', url, undefined, headers),
    raw: (method, url, payload, headers = {}) =>
      app.inject({
        method,
        url,
        payload,
        headers: { 'content-type': 'application/json', ...authHeaders(), ...headers },
      }),
  };
}

/** Signs in through the API and returns the session (asserting success). */
export async function signIn(
  app: FastifyInstance,
  tenant: string,
  email: string,
  password = TEST_PASSWORD,
): Promise<Session> {
  const response = await api(app).post('/api/v1/auth/login', { tenant, email, password });
  if (response.statusCode !== 200)
    throw new Error(`sign-in of ${email} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'casedesk_session')?.value;
  const body = response.json<{ csrfToken: string }>();
  if (!cookie) throw new Error('no session cookie');
  return { cookie, csrfToken: body.csrfToken };
}

export interface TenantFixture {
  tenantId: string;
  slug: string;
  rootOuId: string;
  adminId: string;
  adminEmail: string;
  admin: Session;
}

/** A new tenant with its administrator, signed in. Each test makes its own, so tests never share data. */
export async function createTenantFixture(t: TestApp, slug = uniqueSlug()): Promise<TenantFixture> {
  const adminEmail = `admin@${slug}.test`;
  const { tenant, rootOu, admin } = await createTenant(t.ctx, {
    slug,
    name: `Tenant ${slug}`,
    timeZone: 'UTC',
    defaultLanguage: 'en',
    adminEmail,
    adminName: 'Admin',
    adminPassword: TEST_PASSWORD,
  });
  return {
    tenantId: tenant.id,
    slug,
    rootOuId: rootOu.id,
    adminId: admin.id,
    adminEmail,
    admin: await signIn(t.app, slug, adminEmail),
  };
}

export interface UserFixture {
  id: string;
  email: string;
  session: Session;
}

/** A user of the tenant (created by its administrator through the API), with the given roles, signed in. */
export async function createUserFixture(
  t: TestApp,
  tenant: TenantFixture,
  options: { name?: string; roleIds?: string[]; ouId?: string; tenantAdmin?: boolean; phone?: string } = {},
): Promise<UserFixture> {
  const email = `${randomBytes(4).toString('hex')}@${tenant.slug}.test`;
  const response = await api(t.app, tenant.admin).post('/api/v1/users', {
    email,
    name: options.name ?? `User ${email}`,
    password: TEST_PASSWORD,
    ouId: options.ouId ?? tenant.rootOuId,
    roleIds: options.roleIds ?? [],
    tenantAdmin: options.tenantAdmin ?? false,
    ...(options.phone ? { phone: options.phone } : {}),
  });
  if (response.statusCode !== 201)
    throw new Error(`user creation failed: ${response.statusCode} ${response.body}`);
  const id = response.json<{ id: string }>().id;
  return { id, email, session: await signIn(t.app, tenant.slug, email) };
}

/** A role with the given permissions, created by the tenant administrator. */
export async function createRoleFixture(
  t: TestApp,
  tenant: TenantFixture,
  permissions: string[],
  name = `role-${randomBytes(3).toString('hex')}`,
): Promise<string> {
  const response = await api(t.app, tenant.admin).post('/api/v1/roles', { name, permissions });
  if (response.statusCode !== 201)
    throw new Error(`role creation failed: ${response.statusCode} ${response.body}`);
  return response.json<{ id: string }>().id;
}

/** Asserts a problem+json response and returns it. */
export function problem(response: LightMyRequestResponse): {
  status: number;
  code: string;
  errors?: { field: string; message: string }[];
  detail: string;
} {
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(
      `expected problem+json, got ${String(response.headers['content-type'])}: ${response.body}`,
    );
  }
  return response.json();
}
