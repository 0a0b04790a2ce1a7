import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/context.js';
import { createCustomerInTransaction } from '../../src/domain/customers/commands/create-customer.js';
import { AppError } from '../../src/domain/shared/errors.js';
import { TOTAL_CAP } from '../../src/domain/shared/pagination.js';
import { newId } from '../../src/lib/ids.js';
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
  type UserFixture,
} from '../support/app.js';
import { insertCaseRow } from '../support/rows.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface CustomerBody {
  id: string;
  name: string;
  gender: string | null;
  phones: string[];
  email: string | null;
  company: string | null;
  address: string | null;
  remark: string | null;
  ouId: string | null;
  createdAt: string;
  updatedAt: string;
}

interface CustomerList {
  items: CustomerBody[];
  nextCursor: string | null;
  total: number;
  totalCapped?: boolean;
}

/** Asserts a 400 `validation_failed` and returns the fields it names, sorted, each once. */
function invalidFields(response: LightMyRequestResponse): string[] {
  expect(response.statusCode, response.body).toBe(400);
  const body = problem(response);
  expect(body.code).toBe('validation_failed');
  return [...new Set((body.errors ?? []).map((e) => e.field))].sort();
}

function expectProblem(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status);
  const body = problem(response);
  expect(body.code).toBe(code);
  return body;
}

async function createCustomer(session: Session, body: Record<string, unknown> = {}): Promise<CustomerBody> {
  const response = await api(t.app, session).post('/api/v1/customers', { name: 'Zhang Wei', ...body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<CustomerBody>();
}

async function getCustomer(session: Session, id: string): Promise<CustomerBody> {
  const response = await api(t.app, session).get(`/api/v1/customers/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<CustomerBody>();
}

async function listCustomers(session: Session, query = ''): Promise<CustomerList> {
  const response = await api(t.app, session).get(`/api/v1/customers${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<CustomerList>();
}

async function names(session: Session, query = ''): Promise<string[]> {
  return (await listCustomers(session, query)).items.map((c) => c.name);
}

async function userWith(tenant: TenantFixture, permissions: string[], ouId?: string): Promise<UserFixture> {
  const roleIds = permissions.length > 0 ? [await createRoleFixture(t, tenant, permissions)] : [];
  return createUserFixture(t, tenant, { roleIds, ...(ouId ? { ouId } : {}) });
}

async function createOu(tenant: TenantFixture, name: string, parentId = tenant.rootOuId): Promise<string> {
  const response = await api(t.app, tenant.admin).post('/api/v1/ous', { name, parentId });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

async function insertCustomerCase(tenant: TenantFixture, customerId: string, ouId: string | null = null) {
  const type = await api(t.app, tenant.admin).post('/api/v1/case-types', {
    name: `Type ${newId()}`,
    process: ['New', 'Done'],
  });
  return insertCaseRow(t.ctx.db, {
    tenantId: tenant.tenantId,
    typeId: type.json<{ id: string }>().id,
    customerId,
    creatorId: tenant.adminId,
    status: 'New',
    ouId,
  });
}

/** Inserts `count` customers straight into the database, in batches both databases accept. */
async function insertCustomerRows(tenantId: string, count: number, name: (i: number) => string) {
  const at = t.clock.now().toISOString();
  for (let start = 0; start < count; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - start) }, (_, k) => {
      const customerName = name(start + k);
      return {
        tenant_id: tenantId,
        id: newId(),
        name: customerName,
        phones: '[]',
        search_text: customerName.toLowerCase(),
        created_at: at,
        updated_at: at,
      };
    });
    await t.ctx.db.insertInto('customers').values(rows).execute();
  }
}

describe('creating customers', () => {
  it('creates a customer with every field, answers 201 with it, and it can be read back and listed', async () => {
    const tenant = await createTenantFixture(t);
    const response = await api(t.app, tenant.admin).post('/api/v1/customers', {
      name: '  Zhang Wei ',
      gender: 'male',
      phones: ['+86 138 0000 0001', '010-5555 0100'],
      email: 'Zhang.Wei@Example.COM',
      company: 'Acme Ltd',
      address: '1 Chang’an Avenue, Beijing',
      remark: 'Prefers calls in the morning',
      ouId: tenant.rootOuId,
    });
    expect(response.statusCode, response.body).toBe(201);
    const customer = response.json<CustomerBody>();
    const now = t.clock.now().toISOString();
    expect(customer).toEqual({
      id: expect.any(String) as string,
      name: 'Zhang Wei',
      gender: 'male',
      phones: ['+86 138 0000 0001', '010-5555 0100'],
      email: 'zhang.wei@example.com',
      company: 'Acme Ltd',
      address: '1 Chang’an Avenue, Beijing',
      remark: 'Prefers calls in the morning',
      ouId: tenant.rootOuId,
      createdAt: now,
      updatedAt: now,
    });
    expect(await getCustomer(tenant.admin, customer.id)).toEqual(customer);
    expect(await listCustomers(tenant.admin)).toEqual({
      items: [customer],
      nextCursor: null,
      total: 1,
      totalCapped: false,
    });
  });

  it('only the name is required: the rest is null and phones []', async () => {
    const tenant = await createTenantFixture(t);
    const customer = await createCustomer(tenant.admin, { name: '王芳' });
    expect(customer).toMatchObject({
      name: '王芳',
      gender: null,
      phones: [],
      email: null,
      company: null,
      address: null,
      remark: null,
      ouId: null,
    });
  });

  it('a customers.manage holder who is not an administrator may create customers; config.manage is not enough', async () => {
    const tenant = await createTenantFixture(t);
    const manager = await userWith(tenant, ['customers.manage']);
    const configurer = await userWith(tenant, ['config.manage']);
    await createCustomer(manager.session, { name: 'Li Na' });
    expectProblem(
      await api(t.app, configurer.session).post('/api/v1/customers', { name: 'X' }),
      403,
      'forbidden',
    );
    expect(await names(tenant.admin)).toEqual(['Li Na']);
  });

  it('enforces the limits of SPEC §12, naming each field, and creates nothing', async () => {
    const tenant = await createTenantFixture(t);
    const post = (body: Record<string, unknown>) => api(t.app, tenant.admin).post('/api/v1/customers', body);
    expect(invalidFields(await post({ name: '' }))).toEqual(['name']);
    expect(invalidFields(await post({ name: '   ' }))).toEqual(['name']);
    expect(invalidFields(await post({ name: 'x'.repeat(81) }))).toEqual(['name']);
    expect(invalidFields(await post({ name: 'A', phones: ['1', '2', '3', '4'] }))).toEqual(['phones']);
    expect(invalidFields(await post({ name: 'A', phones: ['1', '2'.repeat(21)] }))).toEqual(['phones.1']);
    expect(invalidFields(await post({ name: 'A', phones: [''] }))).toEqual(['phones.0']);
    expect(invalidFields(await post({ name: 'A', email: 'not-an-email' }))).toEqual(['email']);
    expect(invalidFields(await post({ name: 'A', email: `${'a'.repeat(250)}@x.io` }))).toEqual(['email']);
    expect(invalidFields(await post({ name: 'A', gender: 'robot' }))).toEqual(['gender']);
    expect(invalidFields(await post({ name: 'A', company: 'c'.repeat(129) }))).toEqual(['company']);
    expect(invalidFields(await post({ name: 'A', address: 'a'.repeat(513) }))).toEqual(['address']);
    expect(invalidFields(await post({ name: 'A', remark: 'r'.repeat(2001) }))).toEqual(['remark']);
    expect(invalidFields(await post({ name: 'A', vip: true }))).toEqual(['vip']);
    expect(invalidFields(await post({}))).toEqual(['name']);
    expect((await listCustomers(tenant.admin)).total).toBe(0);
    // The limits themselves are allowed.
    await createCustomer(tenant.admin, {
      name: 'x'.repeat(80),
      phones: ['1'.repeat(20), '2', '3'],
      company: 'c'.repeat(128),
      address: 'a'.repeat(512),
      remark: 'r'.repeat(2000),
    });
  });

  it('refuses an ouId that names nothing, or an OU of another tenant, with 400 on ouId', async () => {
    const tenant = await createTenantFixture(t);
    const other = await createTenantFixture(t);
    for (const ouId of ['no-such-ou', other.rootOuId]) {
      const response = await api(t.app, tenant.admin).post('/api/v1/customers', { name: 'A', ouId });
      expect(invalidFields(response)).toEqual(['ouId']);
    }
    expect((await listCustomers(tenant.admin)).total).toBe(0);
  });

  it('two customers may share a name, a phone number or an e-mail address', async () => {
    const tenant = await createTenantFixture(t);
    await createCustomer(tenant.admin, { name: 'Li Na', phones: ['123'], email: 'li@x.test' });
    await createCustomer(tenant.admin, { name: 'Li Na', phones: ['123'], email: 'li@x.test' });
    expect((await listCustomers(tenant.admin)).total).toBe(2);
  });
});

describe('changing customers', () => {
  it('changes the given fields, null clears one, phones are replaced whole; updatedAt moves', async () => {
    const tenant = await createTenantFixture(t);
    const manager = await userWith(tenant, ['customers.manage']);
    const customer = await createCustomer(tenant.admin, {
      gender: 'female',
      phones: ['111', '222'],
      email: 'a@x.test',
      company: 'Acme',
      remark: 'Keep me',
    });
    t.clock.advance(60_000);
    const response = await api(t.app, manager.session).patch(`/api/v1/customers/${customer.id}`, {
      name: 'Zhang Wei (Acme)',
      phones: ['333'],
      email: null,
      company: null,
      address: 'Shanghai',
      ouId: tenant.rootOuId,
    });
    expect(response.statusCode, response.body).toBe(200);
    const updated = response.json<CustomerBody>();
    expect(updated).toEqual({
      ...customer,
      name: 'Zhang Wei (Acme)',
      phones: ['333'],
      email: null,
      company: null,
      address: 'Shanghai',
      ouId: tenant.rootOuId,
      updatedAt: t.clock.now().toISOString(),
    });
    expect(await getCustomer(tenant.admin, customer.id)).toEqual(updated);
  });

  it('refuses malformed changes and unknown OUs with 400 naming the field, and changes nothing', async () => {
    const tenant = await createTenantFixture(t);
    const other = await createTenantFixture(t);
    const customer = await createCustomer(tenant.admin, { phones: ['111'] });
    const client = api(t.app, tenant.admin);
    const url = `/api/v1/customers/${customer.id}`;
    expect(invalidFields(await client.patch(url, { name: '', phones: ['1', '2', '3', '4'] }))).toEqual([
      'name',
      'phones',
    ]);
    expect(invalidFields(await client.patch(url, { email: 'nope', gender: 'x' }))).toEqual([
      'email',
      'gender',
    ]);
    expect(invalidFields(await client.patch(url, { name: null }))).toEqual(['name']);
    expect(invalidFields(await client.patch(url, { ouId: other.rootOuId, name: 'Other' }))).toEqual(['ouId']);
    expect(invalidFields(await client.patch(url, { ouId: 'no-such-ou' }))).toEqual(['ouId']);
    expect(await getCustomer(tenant.admin, customer.id)).toEqual(customer);
  });
});

describe('searching customers', () => {
  it('q matches part of the name, a phone number or the e-mail, in any letter case', async () => {
    const tenant = await createTenantFixture(t);
    await createCustomer(tenant.admin, {
      name: 'Alice Wong',
      phones: ['+86 138 0000 1111'],
      email: 'alice@shop.test',
    });
    await createCustomer(tenant.admin, { name: 'Bob Li', phones: ['021-6666 2222', '139 9999 3333'] });
    await createCustomer(tenant.admin, { name: '王芳', email: 'fang.wang@corp.test' });
    expect(await names(tenant.admin, '?q=ALI')).toEqual(['Alice Wong']);
    expect(await names(tenant.admin, '?q=wong')).toEqual(['Alice Wong']);
    expect(await names(tenant.admin, '?q=6666')).toEqual(['Bob Li']);
    expect(await names(tenant.admin, `?q=${encodeURIComponent('139 9999')}`)).toEqual(['Bob Li']);
    expect(await names(tenant.admin, '?q=%2B86')).toEqual(['Alice Wong']);
    // The number a call comes from, without the spaces the number was stored with.
    expect(await names(tenant.admin, '?q=8613800001111')).toEqual(['Alice Wong']);
    expect(await names(tenant.admin, '?q=02166662222')).toEqual(['Bob Li']);
    expect(await names(tenant.admin, '?q=Corp.Test')).toEqual(['王芳']);
    expect(await names(tenant.admin, `?q=${encodeURIComponent('王芳')}`)).toEqual(['王芳']);
    // SPEC §13: a query needs at least 2 characters.
    const short = await api(t.app, tenant.admin).get(`/api/v1/customers?q=${encodeURIComponent('王')}`);
    expect(short.statusCode).toBe(400);
    expect(problem(short).errors?.[0]?.field).toBe('q');
    expect(await names(tenant.admin, '?q=.test')).toEqual(['Alice Wong', '王芳']);
    expect(await names(tenant.admin, '?q=nobody')).toEqual([]);
    expect((await listCustomers(tenant.admin, '?q=.test')).total).toBe(2);
  });

  it('treats % and _ in a query as plain characters', async () => {
    const tenant = await createTenantFixture(t);
    await createCustomer(tenant.admin, { name: 'Sale 50% off' });
    await createCustomer(tenant.admin, { name: 'snake_case Ltd' });
    await createCustomer(tenant.admin, { name: 'Plain Name' });
    expect(await names(tenant.admin, '?q=0%25')).toEqual(['Sale 50% off']);
    expect(await names(tenant.admin, '?q=e_')).toEqual(['snake_case Ltd']);
    expect(await names(tenant.admin, '?q=e_c')).toEqual(['snake_case Ltd']);
    expect(await names(tenant.admin, `?q=${encodeURIComponent('\\\\')}`)).toEqual([]);
  });

  it('finds a customer by what it was changed to, not what it was', async () => {
    const tenant = await createTenantFixture(t);
    const customer = await createCustomer(tenant.admin, {
      name: 'Old Name',
      phones: ['111'],
      email: 'old@x.test',
    });
    await api(t.app, tenant.admin).patch(`/api/v1/customers/${customer.id}`, {
      name: 'New Name',
      phones: ['222'],
      email: 'new@x.test',
    });
    for (const q of ['old', '111']) expect(await names(tenant.admin, `?q=${q}`)).toEqual([]);
    for (const q of ['new%20name', '222', 'new@x'])
      expect(await names(tenant.admin, `?q=${q}`)).toEqual(['New Name']);
  });

  it('filters by ouId', async () => {
    const tenant = await createTenantFixture(t);
    const sales = await createOu(tenant, 'Sales');
    await createCustomer(tenant.admin, { name: 'In sales', ouId: sales });
    await createCustomer(tenant.admin, { name: 'Nowhere' });
    expect(await names(tenant.admin, `?ouId=${sales}`)).toEqual(['In sales']);
  });

  it('refuses an empty query with 400 on q', async () => {
    const tenant = await createTenantFixture(t);
    expect(invalidFields(await api(t.app, tenant.admin).get('/api/v1/customers?q=%20%20'))).toEqual(['q']);
  });
});

describe('paging through customers', () => {
  it('orders by name then id, pages by cursor, and counts the whole list on every page', async () => {
    const tenant = await createTenantFixture(t);
    const created: CustomerBody[] = [];
    for (const name of ['Dong', 'Bai', 'Chen', 'Bai', 'Ai'])
      created.push(await createCustomer(tenant.admin, { name }));
    const expected = [...created].sort((a, b) =>
      a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1,
    );
    const seen: CustomerBody[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await listCustomers(tenant.admin, query);
      expect(page.total).toBe(5);
      expect(page.totalCapped).toBe(false);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(seen.map((c) => c.id)).toEqual(expected.map((c) => c.id));
  });

  it('a page that ends exactly at the end of the list has no next cursor', async () => {
    const tenant = await createTenantFixture(t);
    for (const name of ['A', 'B']) await createCustomer(tenant.admin, { name });
    const page = await listCustomers(tenant.admin, '?limit=2');
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toBeNull();
  });

  it('pages a search, with the total of the search', async () => {
    const tenant = await createTenantFixture(t);
    for (const name of ['Wang A', 'Li B', 'Wang C', 'Wang D']) await createCustomer(tenant.admin, { name });
    const first = await listCustomers(tenant.admin, '?q=wang&limit=2');
    expect(first.items.map((c) => c.name)).toEqual(['Wang A', 'Wang C']);
    expect(first.total).toBe(3);
    const second = await listCustomers(tenant.admin, `?q=wang&limit=2&cursor=${first.nextCursor ?? ''}`);
    expect(second.items.map((c) => c.name)).toEqual(['Wang D']);
    expect(second.nextCursor).toBeNull();
  });

  it('answers 25 by default and refuses a limit outside 1–100 or a foreign cursor with 400 naming it', async () => {
    const tenant = await createTenantFixture(t);
    await insertCustomerRows(tenant.tenantId, 30, (i) => `Customer ${String(i).padStart(2, '0')}`);
    const page = await listCustomers(tenant.admin);
    expect(page.items).toHaveLength(25);
    expect(page.total).toBe(30);
    expect((await listCustomers(tenant.admin, '?limit=100')).items).toHaveLength(30);
    const client = api(t.app, tenant.admin);
    for (const limit of ['0', '101', 'ten', '2.5']) {
      expect(invalidFields(await client.get(`/api/v1/customers?limit=${limit}`))).toEqual(['limit']);
    }
    const foreignShape = Buffer.from(JSON.stringify([1, 2])).toString('base64url');
    for (const cursor of ['garbage', foreignShape, 'x'.repeat(513)]) {
      expect(invalidFields(await client.get(`/api/v1/customers?cursor=${cursor}`))).toEqual(['cursor']);
    }
  });

  it('counts exactly up to the cap and reports a capped total beyond it', async () => {
    const tenant = await createTenantFixture(t);
    await insertCustomerRows(tenant.tenantId, TOTAL_CAP + 1, (i) =>
      i === 0 ? 'Unique Person' : `Bulk ${i}`,
    );
    const all = await listCustomers(tenant.admin, '?limit=1');
    expect(all.total).toBe(TOTAL_CAP);
    expect(all.totalCapped).toBe(true);
    expect(all.nextCursor).not.toBeNull();
    const narrowed = await listCustomers(tenant.admin, '?q=unique');
    expect(narrowed.total).toBe(1);
    expect(narrowed.totalCapped).toBe(false);
  });
});

describe('customers under OU isolation', () => {
  /** A tenant with OUs Support > Support Team and Sales, a customer in each and one without an OU. */
  async function isolatedTenant() {
    const tenant = await createTenantFixture(t);
    const support = await createOu(tenant, 'Support');
    const supportTeam = await createOu(tenant, 'Support Team', support);
    const sales = await createOu(tenant, 'Sales');
    const customers = {
      everyone: await createCustomer(tenant.admin, { name: 'A everyone' }),
      support: await createCustomer(tenant.admin, { name: 'B support', ouId: support }),
      supportTeam: await createCustomer(tenant.admin, { name: 'C support team', ouId: supportTeam }),
      sales: await createCustomer(tenant.admin, { name: 'D sales', ouId: sales }),
    };
    const isolate = await api(t.app, tenant.admin).patch('/api/v1/tenant', { ouIsolation: true });
    expect(isolate.statusCode, isolate.body).toBe(200);
    return { tenant, ous: { support, supportTeam, sales }, customers };
  }

  it('a user sees customers of their home OU and those without an OU; the others are 404', async () => {
    const { tenant, ous, customers } = await isolatedTenant();
    const agent = await userWith(tenant, [], ous.support);
    expect(await names(agent.session)).toEqual(['A everyone', 'B support']);
    expect((await listCustomers(agent.session)).total).toBe(2);
    expect(await getCustomer(agent.session, customers.support.id)).toEqual(customers.support);
    for (const hidden of [customers.supportTeam, customers.sales]) {
      expectProblem(await api(t.app, agent.session).get(`/api/v1/customers/${hidden.id}`), 404, 'not_found');
    }
    // A filter or a search cannot reach past the scope either.
    expect(await names(agent.session, `?ouId=${ous.sales}`)).toEqual([]);
    expect(await names(agent.session, '?q=sales')).toEqual([]);
  });

  it('ou.viewSubtree reaches the sub-OUs, ou.viewAll and administrators reach every OU', async () => {
    const { tenant, ous } = await isolatedTenant();
    const lead = await userWith(tenant, ['ou.viewSubtree'], ous.support);
    const auditor = await userWith(tenant, ['ou.viewAll'], ous.support);
    expect(await names(lead.session)).toEqual(['A everyone', 'B support', 'C support team']);
    const everything = ['A everyone', 'B support', 'C support team', 'D sales'];
    expect(await names(auditor.session)).toEqual(everything);
    expect(await names(tenant.admin)).toEqual(everything);
  });

  it('without isolation every user sees every customer', async () => {
    const { tenant, ous } = await isolatedTenant();
    const agent = await userWith(tenant, [], ous.sales);
    await api(t.app, tenant.admin).patch('/api/v1/tenant', { ouIsolation: false });
    expect(await names(agent.session)).toEqual(['A everyone', 'B support', 'C support team', 'D sales']);
  });

  it('a customer manager cannot change or delete a customer outside their scope: 404', async () => {
    const { tenant, ous, customers } = await isolatedTenant();
    const manager = await userWith(tenant, ['customers.manage'], ous.support);
    const client = api(t.app, manager.session);
    expectProblem(
      await client.patch(`/api/v1/customers/${customers.sales.id}`, { name: 'Mine' }),
      404,
      'not_found',
    );
    expectProblem(await client.delete(`/api/v1/customers/${customers.sales.id}`), 404, 'not_found');
    expect(await getCustomer(tenant.admin, customers.sales.id)).toEqual(customers.sales);
    const own = await client.patch(`/api/v1/customers/${customers.support.id}`, { remark: 'Called back' });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('a customer manager places customers only in OUs they see (403 otherwise), nothing changed', async () => {
    const { tenant, ous, customers } = await isolatedTenant();
    const manager = await userWith(tenant, ['customers.manage'], ous.support);
    const client = api(t.app, manager.session);
    expectProblem(await client.post('/api/v1/customers', { name: 'New', ouId: ous.sales }), 403, 'forbidden');
    expectProblem(
      await client.patch(`/api/v1/customers/${customers.support.id}`, { ouId: ous.sales }),
      403,
      'forbidden',
    );
    expect(await getCustomer(tenant.admin, customers.support.id)).toEqual(customers.support);
    expect((await listCustomers(tenant.admin)).total).toBe(4);
    // An OU that does not exist is still a 400, checked first.
    expect(
      invalidFields(await client.post('/api/v1/customers', { name: 'New', ouId: 'no-such-ou' })),
    ).toEqual(['ouId']);
    const inScope = await client.post('/api/v1/customers', { name: 'New', ouId: ous.support });
    expect(inScope.statusCode, inScope.body).toBe(201);
  });
});

describe('deleting customers', () => {
  it('deletes a customer no case is about: 204, then 404 and gone from the list', async () => {
    const tenant = await createTenantFixture(t);
    const manager = await userWith(tenant, ['customers.manage']);
    const customer = await createCustomer(tenant.admin);
    const response = await api(t.app, manager.session).delete(`/api/v1/customers/${customer.id}`);
    expect(response.statusCode, response.body).toBe(204);
    expectProblem(await api(t.app, tenant.admin).get(`/api/v1/customers/${customer.id}`), 404, 'not_found');
    expect((await listCustomers(tenant.admin)).total).toBe(0);
  });

  it('refuses to delete a customer any case is about (409 in_use), and keeps it', async () => {
    const tenant = await createTenantFixture(t);
    const customer = await createCustomer(tenant.admin);
    await insertCustomerCase(tenant, customer.id);
    expectProblem(await api(t.app, tenant.admin).delete(`/api/v1/customers/${customer.id}`), 409, 'in_use');
    expect(await getCustomer(tenant.admin, customer.id)).toEqual(customer);
  });

  it('an OU that a customer or a case carries cannot be deleted', async () => {
    const tenant = await createTenantFixture(t);
    const customersOu = await createOu(tenant, 'Customers OU');
    const casesOu = await createOu(tenant, 'Cases OU');
    const customer = await createCustomer(tenant.admin, { ouId: customersOu });
    await insertCustomerCase(tenant, (await createCustomer(tenant.admin)).id, casesOu);
    for (const ouId of [customersOu, casesOu]) {
      expectProblem(await api(t.app, tenant.admin).delete(`/api/v1/ous/${ouId}`), 409, 'in_use');
    }
    await api(t.app, tenant.admin).patch(`/api/v1/customers/${customer.id}`, { ouId: null });
    expect((await api(t.app, tenant.admin).delete(`/api/v1/ous/${customersOu}`)).statusCode).toBe(204);
  });
});

describe('creating a customer inside another transaction (inline customer of a new case)', () => {
  function actorOf(tenant: TenantFixture, user: UserFixture): Actor {
    return {
      tenantId: tenant.tenantId,
      userId: user.id,
      name: 'Agent',
      ouId: tenant.rootOuId,
      tenantAdmin: false,
      permissions: new Set(),
      auth: { kind: 'token', tokenId: 'test' },
    };
  }

  it('needs no customers.manage and commits with the surrounding transaction', async () => {
    const tenant = await createTenantFixture(t);
    const agent = await userWith(tenant, []);
    const now = t.clock.now().toISOString();
    const customer = await t.ctx.db
      .transaction()
      .execute((trx) =>
        createCustomerInTransaction(trx, actorOf(tenant, agent), { name: 'Walk-in', phones: ['555'] }, now),
      );
    expect(await getCustomer(agent.session, customer.id)).toMatchObject({
      name: 'Walk-in',
      phones: ['555'],
      email: null,
      createdAt: now,
    });
    expect(await names(agent.session, '?q=555')).toEqual(['Walk-in']);
  });

  it('leaves nothing behind when the surrounding transaction fails', async () => {
    const tenant = await createTenantFixture(t);
    const agent = await userWith(tenant, []);
    const now = t.clock.now().toISOString();
    const failing = t.ctx.db.transaction().execute(async (trx) => {
      await createCustomerInTransaction(trx, actorOf(tenant, agent), { name: 'Walk-in', phones: [] }, now);
      throw new Error('the case could not be created');
    });
    await expect(failing).rejects.toThrow('the case could not be created');
    expect((await listCustomers(tenant.admin)).total).toBe(0);
  });

  it('refuses an ouId that names nothing with a 400 on ouId', async () => {
    const tenant = await createTenantFixture(t);
    const agent = await userWith(tenant, []);
    const attempt = t.ctx.db
      .transaction()
      .execute((trx) =>
        createCustomerInTransaction(
          trx,
          actorOf(tenant, agent),
          { name: 'Walk-in', phones: [], ouId: 'no-such-ou' },
          t.clock.now().toISOString(),
        ),
      );
    await expect(attempt).rejects.toSatisfy(
      (error: unknown) =>
        error instanceof AppError &&
        error.code === 'validation_failed' &&
        error.errors?.[0]?.field === 'ouId',
    );
  });
});

describe('refusals on every customer route', () => {
  it('answers 401 without credentials on every route, and changes nothing', async () => {
    const tenant = await createTenantFixture(t);
    const customer = await createCustomer(tenant.admin);
    const anonymous = api(t.app);
    const responses = [
      await anonymous.get('/api/v1/customers'),
      await anonymous.post('/api/v1/customers', { name: 'X' }),
      await anonymous.get(`/api/v1/customers/${customer.id}`),
      await anonymous.patch(`/api/v1/customers/${customer.id}`, { name: 'X' }),
      await anonymous.delete(`/api/v1/customers/${customer.id}`),
    ];
    for (const response of responses) expectProblem(response, 401, 'unauthenticated');
    expect((await listCustomers(tenant.admin)).items).toEqual([customer]);
  });

  it('answers 404 for a customer of another tenant on every route that names one, and lists none of them', async () => {
    const tenant = await createTenantFixture(t);
    const other = await createTenantFixture(t);
    const foreign = await createCustomer(other.admin, { name: 'Foreign' });
    const client = api(t.app, tenant.admin);
    const url = `/api/v1/customers/${foreign.id}`;
    expectProblem(await client.get(url), 404, 'not_found');
    expectProblem(await client.patch(url, { name: 'Taken over' }), 404, 'not_found');
    expectProblem(await client.patch(url, { name: '' }), 404, 'not_found');
    expectProblem(await client.delete(url), 404, 'not_found');
    expect((await listCustomers(tenant.admin)).total).toBe(0);
    expect(await names(tenant.admin, '?q=foreign')).toEqual([]);
    expect(await getCustomer(other.admin, foreign.id)).toEqual(foreign);
  });

  it('answers 403 to users without customers.manage on every write, and changes nothing; they still read', async () => {
    const tenant = await createTenantFixture(t);
    const agent = await userWith(tenant, ['config.manage', 'users.manage', 'case.edit']);
    const customer = await createCustomer(tenant.admin);
    const client = api(t.app, agent.session);
    expectProblem(await client.post('/api/v1/customers', { name: 'Mine' }), 403, 'forbidden');
    expectProblem(await client.patch(`/api/v1/customers/${customer.id}`, { name: 'Mine' }), 403, 'forbidden');
    expectProblem(await client.delete(`/api/v1/customers/${customer.id}`), 403, 'forbidden');
    expect((await listCustomers(agent.session)).items).toEqual([customer]);
    expect(await getCustomer(agent.session, customer.id)).toEqual(customer);
  });

  it('checks the input before the permission: a bad body from a user without customers.manage is 400', async () => {
    const tenant = await createTenantFixture(t);
    const agent = await userWith(tenant, []);
    const customer = await createCustomer(tenant.admin);
    const client = api(t.app, agent.session);
    expect(invalidFields(await client.post('/api/v1/customers', { name: '' }))).toEqual(['name']);
    expect(invalidFields(await client.patch(`/api/v1/customers/${customer.id}`, { phones: 'none' }))).toEqual(
      ['phones'],
    );
  });
});
