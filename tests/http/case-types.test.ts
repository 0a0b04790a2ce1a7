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
  type UserFixture,
} from '../support/app.js';
import { insertCaseRow } from '../support/rows.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface CustomFieldBody {
  key: string;
  label: string;
  type: string;
  options?: string[];
  required: boolean;
}

interface CaseTypeBody {
  id: string;
  name: string;
  description: string;
  parentId: string | null;
  ouId: string | null;
  process: string[];
  strictOrder: boolean;
  verifyTasks: boolean;
  enabled: boolean;
  customFields: CustomFieldBody[];
  createdAt: string;
  updatedAt: string;
}

const PROCESS = ['New', 'In progress', 'Resolved'];

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

let typeCounter = 0;
async function createType(session: Session, body: Record<string, unknown> = {}): Promise<CaseTypeBody> {
  typeCounter += 1;
  const response = await api(t.app, session).post('/api/v1/case-types', {
    name: `Type ${typeCounter}`,
    process: PROCESS,
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<CaseTypeBody>();
}

async function getType(session: Session, id: string): Promise<CaseTypeBody> {
  const response = await api(t.app, session).get(`/api/v1/case-types/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<CaseTypeBody>();
}

async function listTypes(session: Session, query = ''): Promise<CaseTypeBody[]> {
  const response = await api(t.app, session).get(`/api/v1/case-types${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: CaseTypeBody[] }>().items;
}

async function configManager(tenant: TenantFixture): Promise<UserFixture> {
  const role = await createRoleFixture(t, tenant, ['config.manage']);
  return createUserFixture(t, tenant, { roleIds: [role] });
}

async function createCustomerId(tenant: TenantFixture): Promise<string> {
  const response = await api(t.app, tenant.admin).post('/api/v1/customers', { name: 'Wang Fang' });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

/** A case of the type, written straight into the database (cases cannot be created through the API here). */
async function insertCase(
  tenant: TenantFixture,
  typeId: string,
  status: string,
  extra: { state?: 'cancelled' | 'closed'; priorState?: string; priorStatus?: string } = {},
): Promise<string> {
  return insertCaseRow(t.ctx.db, {
    tenantId: tenant.tenantId,
    typeId,
    customerId: await createCustomerId(tenant),
    creatorId: tenant.adminId,
    status,
    ...extra,
  });
}

describe('creating case types', () => {
  it('creates a type with the defaults, answers 201 with it, and it can be read back and listed', async () => {
    const tenant = await createTenantFixture(t);
    const response = await api(t.app, tenant.admin).post('/api/v1/case-types', {
      name: '  Complaint  ',
      process: PROCESS,
    });
    expect(response.statusCode, response.body).toBe(201);
    const type = response.json<CaseTypeBody>();
    const now = t.clock.now().toISOString();
    expect(type).toEqual({
      id: expect.any(String) as string,
      name: 'Complaint',
      description: '',
      parentId: null,
      ouId: null,
      process: PROCESS,
      strictOrder: false,
      verifyTasks: false,
      enabled: true,
      customFields: [],
      createdAt: now,
      updatedAt: now,
    });
    expect(await getType(tenant.admin, type.id)).toEqual(type);
    expect(await listTypes(tenant.admin)).toEqual([type]);
  });

  it('keeps the parent, OU, flags and custom fields; options appear only on choice fields', async () => {
    const tenant = await createTenantFixture(t);
    const parent = await createType(tenant.admin, { name: 'Network' });
    const customFields = [
      { key: 'serialNo', label: 'Serial number', type: 'text', required: true },
      { key: 'amount', label: 'Amount', type: 'number' },
      { key: 'boughtOn', label: 'Bought on', type: 'date' },
      { key: 'channel', label: 'Channel', type: 'choice', options: ['Shop', 'Online'] },
      { key: 'tags', label: 'Tags', type: 'multiChoice', options: ['Urgent', 'VIP'], required: false },
    ];
    const type = await createType(tenant.admin, {
      name: 'Router fault',
      description: 'Routers that drop the line',
      parentId: parent.id,
      ouId: tenant.rootOuId,
      strictOrder: true,
      verifyTasks: true,
      enabled: false,
      customFields,
    });
    expect(type).toMatchObject({
      name: 'Router fault',
      description: 'Routers that drop the line',
      parentId: parent.id,
      ouId: tenant.rootOuId,
      strictOrder: true,
      verifyTasks: true,
      enabled: false,
    });
    expect(type.customFields).toEqual([
      { key: 'serialNo', label: 'Serial number', type: 'text', required: true },
      { key: 'amount', label: 'Amount', type: 'number', required: false },
      { key: 'boughtOn', label: 'Bought on', type: 'date', required: false },
      { key: 'channel', label: 'Channel', type: 'choice', options: ['Shop', 'Online'], required: false },
      { key: 'tags', label: 'Tags', type: 'multiChoice', options: ['Urgent', 'VIP'], required: false },
    ]);
    expect(await getType(tenant.admin, type.id)).toEqual(type);
  });

  it('a config.manage holder who is not an administrator may create types', async () => {
    const tenant = await createTenantFixture(t);
    const manager = await configManager(tenant);
    const type = await createType(manager.session, { name: 'Billing' });
    expect(type.name).toBe('Billing');
  });

  it('refuses a duplicate name with 409 already_exists on name, also after trimming, and creates nothing', async () => {
    const tenant = await createTenantFixture(t);
    await createType(tenant.admin, { name: 'Complaint' });
    const response = await api(t.app, tenant.admin).post('/api/v1/case-types', {
      name: ' Complaint ',
      process: PROCESS,
    });
    const body = expectProblem(response, 409, 'already_exists');
    expect(body.errors?.map((e) => e.field)).toEqual(['name']);
    expect(await listTypes(tenant.admin, '?includeDisabled=true')).toHaveLength(1);
  });

  it('the same name in another tenant is no duplicate', async () => {
    const one = await createTenantFixture(t);
    const two = await createTenantFixture(t);
    await createType(one.admin, { name: 'Complaint' });
    await createType(two.admin, { name: 'Complaint' });
  });

  it('refuses a parentId that names nothing, or a type of another tenant, with 400 on parentId', async () => {
    const tenant = await createTenantFixture(t);
    const other = await createTenantFixture(t);
    const foreign = await createType(other.admin);
    for (const parentId of ['no-such-type', foreign.id]) {
      const response = await api(t.app, tenant.admin).post('/api/v1/case-types', {
        name: 'Child',
        process: PROCESS,
        parentId,
      });
      expect(invalidFields(response)).toEqual(['parentId']);
    }
    expect(await listTypes(tenant.admin, '?includeDisabled=true')).toEqual([]);
  });

  it('accepts a disabled type as parent (a category need not be usable itself)', async () => {
    const tenant = await createTenantFixture(t);
    const category = await createType(tenant.admin, { name: 'Hardware', enabled: false });
    const child = await createType(tenant.admin, { name: 'Printer', parentId: category.id });
    expect(child.parentId).toBe(category.id);
  });

  it('refuses an ouId that names nothing, or an OU of another tenant, with 400 on ouId', async () => {
    const tenant = await createTenantFixture(t);
    const other = await createTenantFixture(t);
    for (const ouId of ['no-such-ou', other.rootOuId]) {
      const response = await api(t.app, tenant.admin).post('/api/v1/case-types', {
        name: 'Billing',
        process: PROCESS,
        ouId,
      });
      expect(invalidFields(response)).toEqual(['ouId']);
    }
    expect(await listTypes(tenant.admin, '?includeDisabled=true')).toEqual([]);
  });

  it('validates the process: 1–20 unique statuses of 1–32 characters', async () => {
    const tenant = await createTenantFixture(t);
    const post = (process: unknown) =>
      api(t.app, tenant.admin).post('/api/v1/case-types', { name: 'Billing', process });
    expect(invalidFields(await post([]))).toEqual(['process']);
    expect(invalidFields(await post(['New', 'Done', 'New']))).toEqual(['process.2']);
    expect(invalidFields(await post(Array.from({ length: 21 }, (_, i) => `S${i}`)))).toEqual(['process']);
    expect(invalidFields(await post(['x'.repeat(33)]))).toEqual(['process.0']);
    expect(invalidFields(await post(['New', '  ']))).toEqual(['process.1']);
    expect(invalidFields(await post('New'))).toEqual(['process']);
    const longest = await post(Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(32, 's')));
    expect(longest.statusCode, longest.body).toBe(201);
  });

  it('validates the custom fields as the contract says, naming each field', async () => {
    const tenant = await createTenantFixture(t);
    const post = (customFields: unknown) =>
      api(t.app, tenant.admin).post('/api/v1/case-types', {
        name: 'Billing',
        process: PROCESS,
        customFields,
      });
    const text = { key: 'note', label: 'Note', type: 'text' };
    expect(invalidFields(await post([{ key: 'channel', label: 'Channel', type: 'choice' }]))).toEqual([
      'customFields.0.options',
    ]);
    expect(invalidFields(await post([{ ...text, options: ['a'] }]))).toEqual(['customFields.0.options']);
    expect(
      invalidFields(await post([{ key: 'c', label: 'C', type: 'multiChoice', options: ['a', 'a'] }])),
    ).toEqual(['customFields.0.options']);
    expect(invalidFields(await post([text, { ...text, label: 'Again' }]))).toEqual(['customFields.1.key']);
    expect(invalidFields(await post([{ ...text, key: '1st' }]))).toEqual(['customFields.0.key']);
    expect(invalidFields(await post([{ ...text, key: `k${'x'.repeat(32)}` }]))).toEqual([
      'customFields.0.key',
    ]);
    expect(invalidFields(await post([{ ...text, type: 'colour' }]))).toEqual(['customFields.0.type']);
    expect(invalidFields(await post([{ ...text, label: 'x'.repeat(65) }]))).toEqual(['customFields.0.label']);
    expect(invalidFields(await post([{ ...text, hint: 'no' }]))).toEqual(['customFields.0.hint']);
    expect(
      invalidFields(await post(Array.from({ length: 51 }, (_, i) => ({ ...text, key: `f${i}` })))),
    ).toEqual(['customFields']);
    expect(await listTypes(tenant.admin, '?includeDisabled=true')).toEqual([]);
  });

  it('refuses a name of more than 64 characters, an unknown field and a wrong type, naming each', async () => {
    const tenant = await createTenantFixture(t);
    const response = await api(t.app, tenant.admin).post('/api/v1/case-types', {
      name: 'x'.repeat(65),
      process: PROCESS,
      colour: 'red',
      strictOrder: 'yes',
      description: 'd'.repeat(2001),
    });
    expect(invalidFields(response)).toEqual(['colour', 'description', 'name', 'strictOrder']);
    expect(await listTypes(tenant.admin, '?includeDisabled=true')).toEqual([]);
  });

  it('a repeat with the same Idempotency-Key answers the first response and creates one type', async () => {
    const tenant = await createTenantFixture(t);
    const post = () =>
      api(t.app, tenant.admin).post(
        '/api/v1/case-types',
        { name: 'Billing', process: PROCESS },
        { 'idempotency-key': 'create-billing' },
      );
    const first = await post();
    const second = await post();
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(await listTypes(tenant.admin)).toHaveLength(1);
  });
});

describe('who sees which case types', () => {
  it('every signed-in user lists and reads the enabled types; disabled ones are hidden and 404 for them', async () => {
    const tenant = await createTenantFixture(t);
    const agent = await createUserFixture(t, tenant);
    const enabled = await createType(tenant.admin, { name: 'B enabled' });
    const disabled = await createType(tenant.admin, { name: 'A disabled', enabled: false });
    expect(await listTypes(agent.session)).toEqual([enabled]);
    expect(await listTypes(agent.session, '?includeDisabled=true')).toEqual([enabled]);
    expect(await getType(agent.session, enabled.id)).toEqual(enabled);
    expectProblem(await api(t.app, agent.session).get(`/api/v1/case-types/${disabled.id}`), 404, 'not_found');
  });

  it('configuration managers list disabled types only on request, and read them by id', async () => {
    const tenant = await createTenantFixture(t);
    const manager = await configManager(tenant);
    const enabled = await createType(tenant.admin, { name: 'B enabled' });
    const disabled = await createType(tenant.admin, { name: 'A disabled', enabled: false });
    expect(await listTypes(manager.session)).toEqual([enabled]);
    expect(await listTypes(manager.session, '?includeDisabled=false')).toEqual([enabled]);
    expect(await listTypes(manager.session, '?includeDisabled=true')).toEqual([disabled, enabled]);
    expect(await getType(manager.session, disabled.id)).toEqual(disabled);
  });

  it('a disabled type is 404, not 403, to a user without config.manage who tries to change or delete it', async () => {
    const tenant = await createTenantFixture(t);
    const agent = await createUserFixture(t, tenant);
    const disabled = await createType(tenant.admin, { enabled: false });
    const client = api(t.app, agent.session);
    expectProblem(await client.patch(`/api/v1/case-types/${disabled.id}`, { name: 'X' }), 404, 'not_found');
    expectProblem(await client.delete(`/api/v1/case-types/${disabled.id}`), 404, 'not_found');
    expect(await getType(tenant.admin, disabled.id)).toEqual(disabled);
  });

  it('lists types ordered by name', async () => {
    const tenant = await createTenantFixture(t);
    for (const name of ['Complaint', 'Billing', 'Delivery', 'Account'])
      await createType(tenant.admin, { name });
    expect((await listTypes(tenant.admin)).map((type) => type.name)).toEqual([
      'Account',
      'Billing',
      'Complaint',
      'Delivery',
    ]);
  });

  it('refuses an includeDisabled that is not true or false with 400 on includeDisabled', async () => {
    const tenant = await createTenantFixture(t);
    expect(
      invalidFields(await api(t.app, tenant.admin).get('/api/v1/case-types?includeDisabled=yes')),
    ).toEqual(['includeDisabled']);
  });
});

describe('changing case types', () => {
  it('changes name, description, flags and custom fields of an enabled type; the change is stored', async () => {
    const tenant = await createTenantFixture(t);
    const manager = await configManager(tenant);
    const type = await createType(tenant.admin, { name: 'Complaint' });
    t.clock.advance(60_000);
    const response = await api(t.app, manager.session).patch(`/api/v1/case-types/${type.id}`, {
      name: 'Complaints',
      description: 'Unhappy customers',
      strictOrder: true,
      verifyTasks: true,
      ouId: tenant.rootOuId,
      customFields: [{ key: 'shop', label: 'Shop', type: 'choice', options: ['North', 'South'] }],
    });
    expect(response.statusCode, response.body).toBe(200);
    const updated = response.json<CaseTypeBody>();
    expect(updated).toEqual({
      ...type,
      name: 'Complaints',
      description: 'Unhappy customers',
      strictOrder: true,
      verifyTasks: true,
      ouId: tenant.rootOuId,
      customFields: [
        { key: 'shop', label: 'Shop', type: 'choice', options: ['North', 'South'], required: false },
      ],
      updatedAt: t.clock.now().toISOString(),
    });
    expect(await getType(tenant.admin, type.id)).toEqual(updated);
  });

  it('changes only the given fields; null clears the parent and the OU', async () => {
    const tenant = await createTenantFixture(t);
    const parent = await createType(tenant.admin);
    const type = await createType(tenant.admin, {
      parentId: parent.id,
      ouId: tenant.rootOuId,
      description: 'Keep me',
    });
    const response = await api(t.app, tenant.admin).patch(`/api/v1/case-types/${type.id}`, {
      parentId: null,
      ouId: null,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ ...type, parentId: null, ouId: null });
  });

  it('keeping its own name is no duplicate; the name of another type is 409 already_exists and changes nothing', async () => {
    const tenant = await createTenantFixture(t);
    const complaint = await createType(tenant.admin, { name: 'Complaint' });
    const billing = await createType(tenant.admin, { name: 'Billing' });
    const same = await api(t.app, tenant.admin).patch(`/api/v1/case-types/${complaint.id}`, {
      name: 'Complaint',
    });
    expect(same.statusCode, same.body).toBe(200);
    const clash = await api(t.app, tenant.admin).patch(`/api/v1/case-types/${billing.id}`, {
      name: 'Complaint',
      description: 'changed',
    });
    const body = expectProblem(clash, 409, 'already_exists');
    expect(body.errors?.map((e) => e.field)).toEqual(['name']);
    expect(await getType(tenant.admin, billing.id)).toEqual(billing);
  });

  it('refuses a parent that names nothing or another tenant’s type with 400 on parentId', async () => {
    const tenant = await createTenantFixture(t);
    const other = await createTenantFixture(t);
    const foreign = await createType(other.admin);
    const type = await createType(tenant.admin);
    for (const parentId of ['no-such-type', foreign.id]) {
      const response = await api(t.app, tenant.admin).patch(`/api/v1/case-types/${type.id}`, {
        parentId,
        name: 'Renamed',
      });
      expect(invalidFields(response)).toEqual(['parentId']);
    }
    expect(await getType(tenant.admin, type.id)).toEqual(type);
  });

  it('refuses a cycle (the type itself, a child, a grandchild as parent) with 400 on parentId', async () => {
    const tenant = await createTenantFixture(t);
    const top = await createType(tenant.admin, { name: 'Top' });
    const child = await createType(tenant.admin, { name: 'Child', parentId: top.id });
    const grandchild = await createType(tenant.admin, { name: 'Grandchild', parentId: child.id });
    for (const parentId of [top.id, child.id, grandchild.id]) {
      const response = await api(t.app, tenant.admin).patch(`/api/v1/case-types/${top.id}`, { parentId });
      expect(invalidFields(response)).toEqual(['parentId']);
    }
    expect(await getType(tenant.admin, top.id)).toEqual(top);
    // Moving a sub-tree up and sideways is no cycle.
    const sideways = await createType(tenant.admin, { name: 'Sideways' });
    const moved = await api(t.app, tenant.admin).patch(`/api/v1/case-types/${child.id}`, {
      parentId: sideways.id,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const up = await api(t.app, tenant.admin).patch(`/api/v1/case-types/${grandchild.id}`, {
      parentId: top.id,
    });
    expect(up.statusCode, up.body).toBe(200);
  });

  it('two moves at the same moment that together would make a cycle: exactly one succeeds', async () => {
    for (let round = 0; round < 5; round++) {
      const tenant = await createTenantFixture(t);
      const a = await createType(tenant.admin, { name: 'A' });
      const b = await createType(tenant.admin, { name: 'B' });
      const [aUnderB, bUnderA] = await Promise.all([
        api(t.app, tenant.admin).patch(`/api/v1/case-types/${a.id}`, { parentId: b.id }),
        api(t.app, tenant.admin).patch(`/api/v1/case-types/${b.id}`, { parentId: a.id }),
      ]);
      expect([aUnderB.statusCode, bUnderA.statusCode].sort()).toEqual([200, 400]);
      expect(invalidFields(aUnderB.statusCode === 400 ? aUnderB : bUnderA)).toEqual(['parentId']);
      const parents = (await listTypes(tenant.admin)).map((type) => type.parentId);
      expect(parents.filter((p) => p === null)).toHaveLength(1);
    }
  });

  it('refuses an ouId that names nothing with 400 on ouId and changes nothing', async () => {
    const tenant = await createTenantFixture(t);
    const other = await createTenantFixture(t);
    const type = await createType(tenant.admin);
    for (const ouId of ['no-such-ou', other.rootOuId]) {
      const response = await api(t.app, tenant.admin).patch(`/api/v1/case-types/${type.id}`, {
        ouId,
        description: 'changed',
      });
      expect(invalidFields(response)).toEqual(['ouId']);
    }
    expect(await getType(tenant.admin, type.id)).toEqual(type);
  });

  it('refuses a malformed change with 400 naming the fields and changes nothing', async () => {
    const tenant = await createTenantFixture(t);
    const type = await createType(tenant.admin, { enabled: false });
    const response = await api(t.app, tenant.admin).patch(`/api/v1/case-types/${type.id}`, {
      name: '',
      process: [],
      enabled: 'no',
      customFields: [{ key: 'x', label: 'X', type: 'choice' }],
      unknown: 1,
    });
    expect(invalidFields(response)).toEqual([
      'customFields.0.options',
      'enabled',
      'name',
      'process',
      'unknown',
    ]);
    const malformed = await api(t.app, tenant.admin).raw(
      'PATCH',
      `/api/v1/case-types/${type.id}`,
      '{"name": ',
    );
    expect(malformed.statusCode).toBe(400);
    expect(problem(malformed).errors).toBeUndefined();
    expect(await getType(tenant.admin, type.id)).toEqual(type);
  });
});

describe('the process of a case type', () => {
  it('cannot change while the stored type is enabled: 409 case_type_enabled, nothing changed', async () => {
    const tenant = await createTenantFixture(t);
    const type = await createType(tenant.admin);
    const client = api(t.app, tenant.admin);
    const url = `/api/v1/case-types/${type.id}`;
    expectProblem(await client.patch(url, { process: ['New', 'Done'] }), 409, 'case_type_enabled');
    // Reordering is a change too.
    expectProblem(await client.patch(url, { process: [...PROCESS].reverse() }), 409, 'case_type_enabled');
    // Disabling in the same request does not help: the rule looks at the stored type.
    expectProblem(
      await client.patch(url, { process: ['New', 'Done'], enabled: false, name: 'Renamed' }),
      409,
      'case_type_enabled',
    );
    expect(await getType(tenant.admin, type.id)).toEqual(type);
  });

  it('sending the unchanged process with other changes is no process change', async () => {
    const tenant = await createTenantFixture(t);
    const type = await createType(tenant.admin);
    const response = await api(t.app, tenant.admin).patch(`/api/v1/case-types/${type.id}`, {
      process: [...PROCESS],
      name: 'Renamed',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<CaseTypeBody>()).toMatchObject({ name: 'Renamed', process: PROCESS });
  });

  it('changes while the type is disabled, also when the same request enables it', async () => {
    const tenant = await createTenantFixture(t);
    const type = await createType(tenant.admin);
    const client = api(t.app, tenant.admin);
    const url = `/api/v1/case-types/${type.id}`;
    expect((await client.patch(url, { enabled: false })).statusCode).toBe(200);
    const changed = await client.patch(url, { process: ['Open', 'Waiting', 'Done'] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<CaseTypeBody>().process).toEqual(['Open', 'Waiting', 'Done']);
    const enabled = await client.patch(url, { process: ['Open', 'Done'], enabled: true });
    expect(enabled.statusCode, enabled.body).toBe(200);
    expect(enabled.json<CaseTypeBody>()).toMatchObject({ process: ['Open', 'Done'], enabled: true });
    expect(await getType(tenant.admin, type.id)).toMatchObject({ process: ['Open', 'Done'], enabled: true });
  });

  it('cannot drop a status a case of the type holds: 409 in_use naming the status, nothing changed', async () => {
    const tenant = await createTenantFixture(t);
    const type = await createType(tenant.admin, { enabled: false });
    await insertCase(tenant, type.id, 'In progress');
    const url = `/api/v1/case-types/${type.id}`;
    const response = await api(t.app, tenant.admin).patch(url, { process: ['New', 'Resolved'] });
    const body = expectProblem(response, 409, 'in_use');
    expect(body.detail).toContain('"In progress"');
    expect(body.detail).not.toContain('"New"');
    expect(await getType(tenant.admin, type.id)).toEqual(type);
    // Renaming the held status is dropping it, too.
    const renamed = await api(t.app, tenant.admin).patch(url, { process: ['New', 'Working', 'Resolved'] });
    expect(expectProblem(renamed, 409, 'in_use').detail).toContain('"In progress"');
  });

  it('a closed case still holds its status', async () => {
    const tenant = await createTenantFixture(t);
    const type = await createType(tenant.admin, { enabled: false });
    await insertCase(tenant, type.id, 'Resolved', { state: 'closed' });
    const response = await api(t.app, tenant.admin).patch(`/api/v1/case-types/${type.id}`, {
      process: ['New', 'In progress'],
    });
    expect(expectProblem(response, 409, 'in_use').detail).toContain('"Resolved"');
  });

  it('a cancelled case holds the status it would return to when resumed', async () => {
    const tenant = await createTenantFixture(t);
    const type = await createType(tenant.admin, { enabled: false });
    // A cancelled case keeps a status of its own and remembers the one it had before cancelling.
    await insertCase(tenant, type.id, 'New', {
      state: 'cancelled',
      priorState: 'open',
      priorStatus: 'In progress',
    });
    const url = `/api/v1/case-types/${type.id}`;
    const response = await api(t.app, tenant.admin).patch(url, { process: ['New', 'Resolved'] });
    const body = expectProblem(response, 409, 'in_use');
    expect(body.detail).toContain('"In progress"');
    expect(await getType(tenant.admin, type.id)).toEqual(type);
  });

  it('names every held status that would be dropped', async () => {
    const tenant = await createTenantFixture(t);
    const type = await createType(tenant.admin, { enabled: false });
    await insertCase(tenant, type.id, 'New');
    await insertCase(tenant, type.id, 'Resolved');
    const response = await api(t.app, tenant.admin).patch(`/api/v1/case-types/${type.id}`, {
      process: ['Open', 'In progress'],
    });
    const body = expectProblem(response, 409, 'in_use');
    expect(body.detail).toContain('"New"');
    expect(body.detail).toContain('"Resolved"');
  });

  it('may drop statuses no case holds, reorder and add statuses, keeping the held ones', async () => {
    const tenant = await createTenantFixture(t);
    const type = await createType(tenant.admin, { enabled: false });
    await insertCase(tenant, type.id, 'In progress');
    // A case of another type in a status of the same name does not count.
    const other = await createType(tenant.admin, { enabled: false });
    await insertCase(tenant, other.id, 'New');
    const response = await api(t.app, tenant.admin).patch(`/api/v1/case-types/${type.id}`, {
      process: ['Triage', 'In progress', 'Done'],
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<CaseTypeBody>().process).toEqual(['Triage', 'In progress', 'Done']);
  });
});

describe('deleting case types', () => {
  it('deletes a type nothing refers to: 204, then 404 and gone from the list', async () => {
    const tenant = await createTenantFixture(t);
    const manager = await configManager(tenant);
    const type = await createType(tenant.admin);
    const response = await api(t.app, manager.session).delete(`/api/v1/case-types/${type.id}`);
    expect(response.statusCode, response.body).toBe(204);
    expect(response.body).toBe('');
    expectProblem(await api(t.app, tenant.admin).get(`/api/v1/case-types/${type.id}`), 404, 'not_found');
    expect(await listTypes(tenant.admin, '?includeDisabled=true')).toEqual([]);
  });

  it('refuses to delete a type any case uses, in any state (409 in_use), enabled or not', async () => {
    const tenant = await createTenantFixture(t);
    const open = await createType(tenant.admin);
    const closed = await createType(tenant.admin, { enabled: false });
    await insertCase(tenant, open.id, 'New');
    await insertCase(tenant, closed.id, 'Resolved', { state: 'closed' });
    for (const type of [open, closed]) {
      expectProblem(await api(t.app, tenant.admin).delete(`/api/v1/case-types/${type.id}`), 409, 'in_use');
      expect(await getType(tenant.admin, type.id)).toEqual(type);
    }
  });

  it('refuses to delete the parent of another type (409 in_use), and deletes it once the child moved', async () => {
    const tenant = await createTenantFixture(t);
    const parent = await createType(tenant.admin);
    const child = await createType(tenant.admin, { parentId: parent.id });
    expectProblem(await api(t.app, tenant.admin).delete(`/api/v1/case-types/${parent.id}`), 409, 'in_use');
    expect(await getType(tenant.admin, parent.id)).toEqual(parent);
    await api(t.app, tenant.admin).patch(`/api/v1/case-types/${child.id}`, { parentId: null });
    expect((await api(t.app, tenant.admin).delete(`/api/v1/case-types/${parent.id}`)).statusCode).toBe(204);
  });

  it('an OU that a case type carries cannot be deleted until the type lets go of it', async () => {
    const tenant = await createTenantFixture(t);
    const ouResponse = await api(t.app, tenant.admin).post('/api/v1/ous', {
      name: 'Billing team',
      parentId: tenant.rootOuId,
    });
    const ouId = ouResponse.json<{ id: string }>().id;
    const type = await createType(tenant.admin, { ouId });
    expectProblem(await api(t.app, tenant.admin).delete(`/api/v1/ous/${ouId}`), 409, 'in_use');
    await api(t.app, tenant.admin).patch(`/api/v1/case-types/${type.id}`, { ouId: null });
    expect((await api(t.app, tenant.admin).delete(`/api/v1/ous/${ouId}`)).statusCode).toBe(204);
  });
});

describe('refusals on every case-type route', () => {
  it('answers 401 without credentials on every route, and changes nothing', async () => {
    const tenant = await createTenantFixture(t);
    const type = await createType(tenant.admin);
    const anonymous = api(t.app);
    const responses = [
      await anonymous.get('/api/v1/case-types'),
      await anonymous.post('/api/v1/case-types', { name: 'X', process: PROCESS }),
      await anonymous.get(`/api/v1/case-types/${type.id}`),
      await anonymous.patch(`/api/v1/case-types/${type.id}`, { name: 'X' }),
      await anonymous.delete(`/api/v1/case-types/${type.id}`),
    ];
    for (const response of responses) expectProblem(response, 401, 'unauthenticated');
    expect(await listTypes(tenant.admin)).toEqual([type]);
  });

  it('answers 404 for a type of another tenant on every route that names one, and changes nothing', async () => {
    const tenant = await createTenantFixture(t);
    const other = await createTenantFixture(t);
    const foreign = await createType(other.admin);
    const client = api(t.app, tenant.admin);
    const url = `/api/v1/case-types/${foreign.id}`;
    expectProblem(await client.get(url), 404, 'not_found');
    expectProblem(await client.patch(url, { name: 'Taken over' }), 404, 'not_found');
    // 404 comes before 400: a bad body on a type the caller cannot see is still 404.
    expectProblem(await client.patch(url, { name: '' }), 404, 'not_found');
    expectProblem(await client.delete(url), 404, 'not_found');
    expect(await getType(other.admin, foreign.id)).toEqual(foreign);
  });

  it('answers 403 to users without config.manage on every write, and changes nothing', async () => {
    const tenant = await createTenantFixture(t);
    const role = await createRoleFixture(t, tenant, ['users.manage', 'customers.manage', 'case.edit']);
    const agent = await createUserFixture(t, tenant, { roleIds: [role] });
    const type = await createType(tenant.admin);
    const client = api(t.app, agent.session);
    expectProblem(
      await client.post('/api/v1/case-types', { name: 'Mine', process: PROCESS }),
      403,
      'forbidden',
    );
    expectProblem(await client.patch(`/api/v1/case-types/${type.id}`, { name: 'Mine' }), 403, 'forbidden');
    expectProblem(await client.delete(`/api/v1/case-types/${type.id}`), 403, 'forbidden');
    expect(await listTypes(tenant.admin)).toEqual([type]);
  });

  it('checks the input before the permission: a bad body from a user without config.manage is 400', async () => {
    const tenant = await createTenantFixture(t);
    const agent = await createUserFixture(t, tenant);
    const type = await createType(tenant.admin);
    const client = api(t.app, agent.session);
    expect(invalidFields(await client.post('/api/v1/case-types', { name: 'Mine' }))).toEqual(['process']);
    expect(invalidFields(await client.patch(`/api/v1/case-types/${type.id}`, { process: [] }))).toEqual([
      'process',
    ]);
  });

  it('works with a bearer API token as with a session', async () => {
    const tenant = await createTenantFixture(t);
    const token = await api(t.app, tenant.admin).post('/api/v1/auth/tokens', { name: 'integration' });
    const bearer = token.json<{ token: string }>().token;
    const type = await createType({ bearer }, { name: 'Via token' });
    expect(await listTypes({ bearer })).toEqual([type]);
  });
});
