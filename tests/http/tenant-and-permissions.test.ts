import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createRoleFixture,
  createTenantFixture,
  createUserFixture,
  problem,
  startTestApp,
  type TestApp,
} from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface TenantBody {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  defaultLanguage: string;
  ouIsolation: boolean;
}

/** Asserts a 400 `validation_failed` and returns the fields it names, sorted, each once. */
function invalidFields(response: LightMyRequestResponse): string[] {
  expect(response.statusCode).toBe(400);
  const body = problem(response);
  expect(body.code).toBe('validation_failed');
  return [...new Set((body.errors ?? []).map((e) => e.field))].sort();
}

/** The permission catalogue as SPEC §2 names it, written out so that the test can disagree with the code. */
const SPEC_PERMISSIONS = [
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
  'ou.viewAll',
  'ou.viewSubtree',
  'config.manage',
  'users.manage',
  'customers.manage',
  'contacts.export',
  'reports.view',
];

describe('GET /api/v1/tenant', () => {
  it("answers the caller's tenant with its settings, to every signed-in user", async () => {
    const tenant = await createTenantFixture(t);
    const user = await createUserFixture(t, tenant);
    const expected: TenantBody = {
      id: tenant.tenantId,
      slug: tenant.slug,
      name: `Tenant ${tenant.slug}`,
      timeZone: 'UTC',
      defaultLanguage: 'en',
      ouIsolation: false,
    };
    for (const session of [tenant.admin, user.session]) {
      const response = await api(t.app, session).get('/api/v1/tenant');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.json()).toEqual(expected);
    }
  });

  it('is 401 without credentials', async () => {
    const response = await api(t.app).get('/api/v1/tenant');
    expect(response.statusCode).toBe(401);
    expect(problem(response).code).toBe('unauthenticated');
  });

  it('shows only the tenant of the caller', async () => {
    const a = await createTenantFixture(t);
    const b = await createTenantFixture(t);
    const seenByA = (await api(t.app, a.admin).get('/api/v1/tenant')).json<TenantBody>();
    const seenByB = (await api(t.app, b.admin).get('/api/v1/tenant')).json<TenantBody>();
    expect(seenByA.slug).toBe(a.slug);
    expect(seenByB.slug).toBe(b.slug);
    expect(seenByA.id).not.toBe(seenByB.id);
  });
});

describe('PATCH /api/v1/tenant', () => {
  it('lets the tenant administrator change name, time zone, default language and OU isolation', async () => {
    const tenant = await createTenantFixture(t);
    const response = await api(t.app, tenant.admin).patch('/api/v1/tenant', {
      name: 'Acme Service',
      timeZone: 'Asia/Shanghai',
      defaultLanguage: 'zh-CN',
      ouIsolation: true,
    });
    expect(response.statusCode).toBe(200);
    const expected: TenantBody = {
      id: tenant.tenantId,
      slug: tenant.slug,
      name: 'Acme Service',
      timeZone: 'Asia/Shanghai',
      defaultLanguage: 'zh-CN',
      ouIsolation: true,
    };
    expect(response.json()).toEqual(expected);
    expect((await api(t.app, tenant.admin).get('/api/v1/tenant')).json()).toEqual(expected);
    // /me carries the tenant too.
    expect((await api(t.app, tenant.admin).get('/api/v1/me')).json<{ tenant: TenantBody }>().tenant).toEqual(
      expected,
    );
  });

  it('changes only the fields it is given', async () => {
    const tenant = await createTenantFixture(t);
    await api(t.app, tenant.admin).patch('/api/v1/tenant', { ouIsolation: true, timeZone: 'Europe/Berlin' });
    const response = await api(t.app, tenant.admin).patch('/api/v1/tenant', { name: 'Renamed' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: tenant.tenantId,
      slug: tenant.slug,
      name: 'Renamed',
      timeZone: 'Europe/Berlin',
      defaultLanguage: 'en',
      ouIsolation: true,
    });
    // And turning isolation off again is a change like any other (false is not "absent").
    const off = await api(t.app, tenant.admin).patch('/api/v1/tenant', { ouIsolation: false });
    expect(off.json<TenantBody>().ouIsolation).toBe(false);
    expect((await api(t.app, tenant.admin).get('/api/v1/tenant')).json<TenantBody>()).toMatchObject({
      name: 'Renamed',
      timeZone: 'Europe/Berlin',
      ouIsolation: false,
    });
  });

  it('an empty patch changes nothing and answers the tenant', async () => {
    const tenant = await createTenantFixture(t);
    const before = (await api(t.app, tenant.admin).get('/api/v1/tenant')).json<TenantBody>();
    const response = await api(t.app, tenant.admin).patch('/api/v1/tenant', {});
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(before);
  });

  it('trims the name and accepts 64 characters', async () => {
    const tenant = await createTenantFixture(t);
    const trimmed = await api(t.app, tenant.admin).patch('/api/v1/tenant', { name: '  Acme  ' });
    expect(trimmed.json<TenantBody>().name).toBe('Acme');
    const long = 'n'.repeat(64);
    const max = await api(t.app, tenant.admin).patch('/api/v1/tenant', { name: long });
    expect(max.statusCode).toBe(200);
    expect(max.json<TenantBody>().name).toBe(long);
  });

  it('is 403 forbidden for a plain user and for a holder of every role permission, and changes nothing', async () => {
    const tenant = await createTenantFixture(t);
    const plain = await createUserFixture(t, tenant);
    const everything = await createRoleFixture(t, tenant, SPEC_PERMISSIONS);
    const powerful = await createUserFixture(t, tenant, { roleIds: [everything] });
    const before = (await api(t.app, tenant.admin).get('/api/v1/tenant')).json<TenantBody>();
    t.clock.advance(1000);
    for (const session of [plain.session, powerful.session]) {
      const response = await api(t.app, session).patch('/api/v1/tenant', {
        name: 'Taken over',
        ouIsolation: true,
      });
      expect(response.statusCode).toBe(403);
      expect(problem(response).code).toBe('forbidden');
    }
    expect((await api(t.app, tenant.admin).get('/api/v1/tenant')).json()).toEqual(before);
  });

  it('is 401 without credentials', async () => {
    const response = await api(t.app).patch('/api/v1/tenant', { name: 'x' });
    expect(response.statusCode).toBe(401);
    expect(problem(response).code).toBe('unauthenticated');
  });

  describe('validation (400 naming the field, nothing changed)', () => {
    const cases: [string, Record<string, unknown>, string[]][] = [
      ['an empty name', { name: '' }, ['name']],
      ['a blank name', { name: '    ' }, ['name']],
      ['a name of 65 characters', { name: 'n'.repeat(65) }, ['name']],
      ['a name that is not a string', { name: 42 }, ['name']],
      ['a null name', { name: null }, ['name']],
      ['an unknown time zone', { timeZone: 'Mars/Olympus' }, ['timeZone']],
      ['an empty time zone', { timeZone: '' }, ['timeZone']],
      ['a time zone that is not a string', { timeZone: 8 }, ['timeZone']],
      ['an unknown language', { defaultLanguage: 'fr' }, ['defaultLanguage']],
      ['a language in the wrong case', { defaultLanguage: 'EN' }, ['defaultLanguage']],
      ['a null language', { defaultLanguage: null }, ['defaultLanguage']],
      ['ouIsolation as a string', { ouIsolation: 'true' }, ['ouIsolation']],
      ['ouIsolation as a number', { ouIsolation: 1 }, ['ouIsolation']],
      ['the slug, which cannot be changed', { slug: 'other-slug' }, ['slug']],
      ['the id', { id: 'x' }, ['id']],
      [
        'several bad fields at once',
        { name: '', timeZone: 'Nowhere/Land', ouIsolation: 'no' },
        ['name', 'ouIsolation', 'timeZone'],
      ],
      // A valid field does not make the request partly succeed.
      ['a good name with a bad language', { name: 'Fine name', defaultLanguage: 'de' }, ['defaultLanguage']],
    ];
    it.each(cases)('refuses %s', async (_label, body, expectedFields) => {
      const tenant = await createTenantFixture(t);
      const before = (await api(t.app, tenant.admin).get('/api/v1/tenant')).json<TenantBody>();
      const response = await api(t.app, tenant.admin).patch('/api/v1/tenant', body);
      expect(invalidFields(response)).toEqual(expectedFields);
      expect((await api(t.app, tenant.admin).get('/api/v1/tenant')).json()).toEqual(before);
    });
  });
});

describe('GET /api/v1/permissions', () => {
  interface Catalogue {
    items: { name: string; label: { en: string; zh: string } }[];
  }

  it('lists every permission of SPEC §2 once, each with an English and a Chinese label', async () => {
    const tenant = await createTenantFixture(t);
    const response = await api(t.app, tenant.admin).get('/api/v1/permissions');
    expect(response.statusCode).toBe(200);
    const { items } = response.json<Catalogue>();
    expect(items.map((i) => i.name)).toEqual(SPEC_PERMISSIONS);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(['label', 'name']);
      expect(Object.keys(item.label).sort()).toEqual(['en', 'zh']);
      expect(item.label.en.trim().length).toBeGreaterThan(0);
      // The Chinese label is Chinese, not the English one copied.
      expect(item.label.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(item.label.zh).not.toBe(item.label.en);
    }
    // Labels tell permissions apart.
    expect(new Set(items.map((i) => i.label.en)).size).toBe(items.length);
    expect(new Set(items.map((i) => i.label.zh)).size).toBe(items.length);
    expect(items.find((i) => i.name === 'users.manage')?.label).toEqual({
      en: 'Manage users and OUs',
      zh: '管理用户和组织',
    });
  });

  it('is the same for a plain user, and 401 without credentials', async () => {
    const tenant = await createTenantFixture(t);
    const user = await createUserFixture(t, tenant);
    const asAdmin = await api(t.app, tenant.admin).get('/api/v1/permissions');
    const asUser = await api(t.app, user.session).get('/api/v1/permissions');
    expect(asUser.statusCode).toBe(200);
    expect(asUser.json()).toEqual(asAdmin.json());
    const anonymous = await api(t.app).get('/api/v1/permissions');
    expect(anonymous.statusCode).toBe(401);
    expect(problem(anonymous).code).toBe('unauthenticated');
  });
});
