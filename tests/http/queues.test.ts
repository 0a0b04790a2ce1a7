import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isQueueMember, queueIdsOfUser } from '../../src/domain/config/queues.repository.js';
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

interface QueueBody {
  id: string;
  name: string;
  ouId: string | null;
  memberIds: string[];
  createdAt: string;
  updatedAt: string;
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

let queueCounter = 0;
async function createQueue(session: Session, body: Record<string, unknown> = {}): Promise<QueueBody> {
  queueCounter += 1;
  const response = await api(t.app, session).post('/api/v1/queues', {
    name: `Queue ${queueCounter}`,
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<QueueBody>();
}

async function getQueue(session: Session, id: string): Promise<QueueBody> {
  const response = await api(t.app, session).get(`/api/v1/queues/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<QueueBody>();
}

async function listQueues(session: Session): Promise<QueueBody[]> {
  const response = await api(t.app, session).get('/api/v1/queues');
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: QueueBody[] }>().items;
}

async function configManager(tenant: TenantFixture): Promise<UserFixture> {
  const role = await createRoleFixture(t, tenant, ['config.manage']);
  return createUserFixture(t, tenant, { roleIds: [role] });
}

/** A case carrying the queue, written straight into the database. */
async function insertQueueCase(tenant: TenantFixture, queueId: string, ownerId: string | null = null) {
  const client = api(t.app, tenant.admin);
  const type = await client.post('/api/v1/case-types', { name: `Type ${queueId}`, process: ['New', 'Done'] });
  const customer = await client.post('/api/v1/customers', { name: 'Li Na' });
  return insertCaseRow(t.ctx.db, {
    tenantId: tenant.tenantId,
    typeId: type.json<{ id: string }>().id,
    customerId: customer.json<{ id: string }>().id,
    creatorId: tenant.adminId,
    status: 'New',
    queueId,
    ownerId,
  });
}

const sorted = (ids: string[]) => [...ids].sort();

describe('creating queues', () => {
  it('creates a queue with its OU and members, answers 201 with it, and it can be read back and listed', async () => {
    const tenant = await createTenantFixture(t);
    const alice = await createUserFixture(t, tenant);
    const bob = await createUserFixture(t, tenant);
    const response = await api(t.app, tenant.admin).post('/api/v1/queues', {
      name: ' First line ',
      ouId: tenant.rootOuId,
      memberIds: [bob.id, alice.id, bob.id],
    });
    expect(response.statusCode, response.body).toBe(201);
    const queue = response.json<QueueBody>();
    const now = t.clock.now().toISOString();
    expect(queue).toEqual({
      id: expect.any(String) as string,
      name: 'First line',
      ouId: tenant.rootOuId,
      // A set: each member once, sorted by id.
      memberIds: sorted([alice.id, bob.id]),
      createdAt: now,
      updatedAt: now,
    });
    expect(await getQueue(tenant.admin, queue.id)).toEqual(queue);
    expect(await listQueues(tenant.admin)).toEqual([queue]);
  });

  it('a queue without OU or members has ouId null and memberIds []', async () => {
    const tenant = await createTenantFixture(t);
    const queue = await createQueue(tenant.admin, { name: 'Empty' });
    expect(queue).toMatchObject({ name: 'Empty', ouId: null, memberIds: [] });
  });

  it('a config.manage holder who is not an administrator may create queues', async () => {
    const tenant = await createTenantFixture(t);
    const manager = await configManager(tenant);
    const queue = await createQueue(manager.session, { memberIds: [manager.id] });
    expect(queue.memberIds).toEqual([manager.id]);
  });

  it('refuses a member who is no user of the tenant with 400 naming its index, and creates nothing', async () => {
    const tenant = await createTenantFixture(t);
    const other = await createTenantFixture(t);
    const member = await createUserFixture(t, tenant);
    for (const stranger of ['no-such-user', other.adminId]) {
      const response = await api(t.app, tenant.admin).post('/api/v1/queues', {
        name: 'Second line',
        memberIds: [member.id, stranger],
      });
      expect(invalidFields(response)).toEqual(['memberIds.1']);
    }
    expect(await listQueues(tenant.admin)).toEqual([]);
  });

  it('refuses an ouId that names nothing, or an OU of another tenant, with 400 on ouId', async () => {
    const tenant = await createTenantFixture(t);
    const other = await createTenantFixture(t);
    for (const ouId of ['no-such-ou', other.rootOuId]) {
      const response = await api(t.app, tenant.admin).post('/api/v1/queues', { name: 'Second line', ouId });
      expect(invalidFields(response)).toEqual(['ouId']);
    }
    expect(await listQueues(tenant.admin)).toEqual([]);
  });

  it('refuses a duplicate name with 409 already_exists on name, and creates nothing', async () => {
    const tenant = await createTenantFixture(t);
    await createQueue(tenant.admin, { name: 'First line' });
    const response = await api(t.app, tenant.admin).post('/api/v1/queues', { name: 'First line ' });
    const body = expectProblem(response, 409, 'already_exists');
    expect(body.errors?.map((e) => e.field)).toEqual(['name']);
    expect(await listQueues(tenant.admin)).toHaveLength(1);
  });

  it('refuses malformed input naming each field: empty or long name, non-list members, unknown fields', async () => {
    const tenant = await createTenantFixture(t);
    const post = (body: unknown) => api(t.app, tenant.admin).post('/api/v1/queues', body);
    expect(invalidFields(await post({ name: '' }))).toEqual(['name']);
    expect(invalidFields(await post({ name: 'x'.repeat(65) }))).toEqual(['name']);
    expect(invalidFields(await post({ name: 'Q', memberIds: 'everyone' }))).toEqual(['memberIds']);
    expect(invalidFields(await post({ name: 'Q', memberIds: [''] }))).toEqual(['memberIds.0']);
    expect(invalidFields(await post({ name: 'Q', colour: 'red' }))).toEqual(['colour']);
    expect(invalidFields(await post({}))).toEqual(['name']);
    expect(await listQueues(tenant.admin)).toEqual([]);
  });
});

describe('reading queues', () => {
  it('every signed-in user lists and reads the queues, ordered by name', async () => {
    const tenant = await createTenantFixture(t);
    const agent = await createUserFixture(t, tenant);
    const second = await createQueue(tenant.admin, { name: 'Second line', memberIds: [agent.id] });
    const first = await createQueue(tenant.admin, { name: 'First line' });
    expect(await listQueues(agent.session)).toEqual([first, second]);
    expect(await getQueue(agent.session, second.id)).toEqual(second);
  });
});

describe('changing queues', () => {
  it('renames, moves and replaces the members; the change is stored and updatedAt moves', async () => {
    const tenant = await createTenantFixture(t);
    const manager = await configManager(tenant);
    const alice = await createUserFixture(t, tenant);
    const bob = await createUserFixture(t, tenant);
    const queue = await createQueue(tenant.admin, { name: 'First line', memberIds: [alice.id] });
    t.clock.advance(60_000);
    const response = await api(t.app, manager.session).patch(`/api/v1/queues/${queue.id}`, {
      name: 'Front desk',
      ouId: tenant.rootOuId,
      memberIds: [bob.id, manager.id],
    });
    expect(response.statusCode, response.body).toBe(200);
    const updated = response.json<QueueBody>();
    expect(updated).toEqual({
      ...queue,
      name: 'Front desk',
      ouId: tenant.rootOuId,
      memberIds: sorted([bob.id, manager.id]),
      updatedAt: t.clock.now().toISOString(),
    });
    expect(await getQueue(tenant.admin, queue.id)).toEqual(updated);
  });

  it('changes only the given fields; ouId null clears the OU and memberIds [] empties the queue', async () => {
    const tenant = await createTenantFixture(t);
    const alice = await createUserFixture(t, tenant);
    const queue = await createQueue(tenant.admin, { ouId: tenant.rootOuId, memberIds: [alice.id] });
    const renamed = await api(t.app, tenant.admin).patch(`/api/v1/queues/${queue.id}`, { name: 'Renamed' });
    expect(renamed.json()).toEqual({ ...queue, name: 'Renamed' });
    const cleared = await api(t.app, tenant.admin).patch(`/api/v1/queues/${queue.id}`, {
      ouId: null,
      memberIds: [],
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(await getQueue(tenant.admin, queue.id)).toEqual({
      ...queue,
      name: 'Renamed',
      ouId: null,
      memberIds: [],
    });
  });

  it('keeping its own name is no duplicate; the name of another queue is 409 already_exists and changes nothing', async () => {
    const tenant = await createTenantFixture(t);
    const first = await createQueue(tenant.admin, { name: 'First line' });
    const second = await createQueue(tenant.admin, { name: 'Second line' });
    expect(
      (await api(t.app, tenant.admin).patch(`/api/v1/queues/${first.id}`, { name: 'First line' })).statusCode,
    ).toBe(200);
    const clash = await api(t.app, tenant.admin).patch(`/api/v1/queues/${second.id}`, {
      name: 'First line',
      memberIds: [tenant.adminId],
    });
    expect(expectProblem(clash, 409, 'already_exists').errors?.map((e) => e.field)).toEqual(['name']);
    expect(await getQueue(tenant.admin, second.id)).toEqual(second);
  });

  it('refuses unknown members and OUs with 400 naming the field, and changes nothing', async () => {
    const tenant = await createTenantFixture(t);
    const other = await createTenantFixture(t);
    const alice = await createUserFixture(t, tenant);
    const queue = await createQueue(tenant.admin, { memberIds: [alice.id] });
    const client = api(t.app, tenant.admin);
    const url = `/api/v1/queues/${queue.id}`;
    expect(invalidFields(await client.patch(url, { memberIds: [other.adminId] }))).toEqual(['memberIds.0']);
    expect(invalidFields(await client.patch(url, { memberIds: [alice.id, tenant.adminId, 'x'] }))).toEqual([
      'memberIds.2',
    ]);
    expect(invalidFields(await client.patch(url, { ouId: other.rootOuId, name: 'Renamed' }))).toEqual([
      'ouId',
    ]);
    expect(invalidFields(await client.patch(url, { name: '', memberIds: 'all' }))).toEqual([
      'memberIds',
      'name',
    ]);
    expect(await getQueue(tenant.admin, queue.id)).toEqual(queue);
  });
});

describe('deleting queues', () => {
  it('deletes a queue no case belongs to: 204, then 404, gone from the list, its memberships gone', async () => {
    const tenant = await createTenantFixture(t);
    const manager = await configManager(tenant);
    const alice = await createUserFixture(t, tenant);
    const queue = await createQueue(tenant.admin, { memberIds: [alice.id] });
    const response = await api(t.app, manager.session).delete(`/api/v1/queues/${queue.id}`);
    expect(response.statusCode, response.body).toBe(204);
    expectProblem(await api(t.app, tenant.admin).get(`/api/v1/queues/${queue.id}`), 404, 'not_found');
    expect(await listQueues(tenant.admin)).toEqual([]);
    expect(await queueIdsOfUser(t.ctx.db, tenant.tenantId, alice.id)).toEqual([]);
  });

  it('refuses to delete a queue that owns a case (409 in_use), claimed or not, and keeps it', async () => {
    const tenant = await createTenantFixture(t);
    const alice = await createUserFixture(t, tenant);
    const unclaimed = await createQueue(tenant.admin, { memberIds: [alice.id] });
    const claimed = await createQueue(tenant.admin, { memberIds: [alice.id] });
    await insertQueueCase(tenant, unclaimed.id);
    // A claimed case has an owner and keeps its queue.
    await insertQueueCase(tenant, claimed.id, alice.id);
    for (const queue of [unclaimed, claimed]) {
      expectProblem(await api(t.app, tenant.admin).delete(`/api/v1/queues/${queue.id}`), 409, 'in_use');
      expect(await getQueue(tenant.admin, queue.id)).toEqual(queue);
    }
  });

  it('an OU that a queue carries cannot be deleted until the queue lets go of it', async () => {
    const tenant = await createTenantFixture(t);
    const ou = await api(t.app, tenant.admin).post('/api/v1/ous', {
      name: 'Hotline',
      parentId: tenant.rootOuId,
    });
    const ouId = ou.json<{ id: string }>().id;
    const queue = await createQueue(tenant.admin, { ouId });
    expectProblem(await api(t.app, tenant.admin).delete(`/api/v1/ous/${ouId}`), 409, 'in_use');
    await api(t.app, tenant.admin).patch(`/api/v1/queues/${queue.id}`, { ouId: null });
    expect((await api(t.app, tenant.admin).delete(`/api/v1/ous/${ouId}`)).statusCode).toBe(204);
  });
});

describe('queue membership for the cases domain', () => {
  it('queueIdsOfUser and isQueueMember follow the members, within the tenant only', async () => {
    const tenant = await createTenantFixture(t);
    const other = await createTenantFixture(t);
    const alice = await createUserFixture(t, tenant);
    const bob = await createUserFixture(t, tenant);
    const first = await createQueue(tenant.admin, { memberIds: [alice.id, bob.id] });
    const second = await createQueue(tenant.admin, { memberIds: [alice.id] });
    const foreign = await createQueue(other.admin, { memberIds: [other.adminId] });
    const db = t.ctx.db;
    expect(await queueIdsOfUser(db, tenant.tenantId, alice.id)).toEqual(sorted([first.id, second.id]));
    expect(await queueIdsOfUser(db, tenant.tenantId, bob.id)).toEqual([first.id]);
    expect(await queueIdsOfUser(db, tenant.tenantId, tenant.adminId)).toEqual([]);
    expect(await isQueueMember(db, tenant.tenantId, second.id, alice.id)).toBe(true);
    expect(await isQueueMember(db, tenant.tenantId, second.id, bob.id)).toBe(false);
    // Another tenant's queue is no queue of this tenant, whoever is asked about.
    expect(await isQueueMember(db, tenant.tenantId, foreign.id, other.adminId)).toBe(false);
    await api(t.app, tenant.admin).patch(`/api/v1/queues/${first.id}`, { memberIds: [bob.id] });
    expect(await queueIdsOfUser(db, tenant.tenantId, alice.id)).toEqual([second.id]);
    expect(await isQueueMember(db, tenant.tenantId, first.id, alice.id)).toBe(false);
  });
});

describe('refusals on every queue route', () => {
  it('answers 401 without credentials on every route, and changes nothing', async () => {
    const tenant = await createTenantFixture(t);
    const queue = await createQueue(tenant.admin);
    const anonymous = api(t.app);
    const responses = [
      await anonymous.get('/api/v1/queues'),
      await anonymous.post('/api/v1/queues', { name: 'X' }),
      await anonymous.get(`/api/v1/queues/${queue.id}`),
      await anonymous.patch(`/api/v1/queues/${queue.id}`, { name: 'X' }),
      await anonymous.delete(`/api/v1/queues/${queue.id}`),
    ];
    for (const response of responses) expectProblem(response, 401, 'unauthenticated');
    expect(await listQueues(tenant.admin)).toEqual([queue]);
  });

  it('answers 404 for a queue of another tenant on every route that names one, and changes nothing', async () => {
    const tenant = await createTenantFixture(t);
    const other = await createTenantFixture(t);
    const foreign = await createQueue(other.admin, { memberIds: [other.adminId] });
    const client = api(t.app, tenant.admin);
    const url = `/api/v1/queues/${foreign.id}`;
    expectProblem(await client.get(url), 404, 'not_found');
    expectProblem(await client.patch(url, { memberIds: [tenant.adminId] }), 404, 'not_found');
    expectProblem(await client.patch(url, { name: '' }), 404, 'not_found');
    expectProblem(await client.delete(url), 404, 'not_found');
    expect(await getQueue(other.admin, foreign.id)).toEqual(foreign);
  });

  it('answers 403 to users without config.manage on every write, even to members, and changes nothing', async () => {
    const tenant = await createTenantFixture(t);
    const role = await createRoleFixture(t, tenant, ['users.manage', 'customers.manage']);
    const agent = await createUserFixture(t, tenant, { roleIds: [role] });
    const queue = await createQueue(tenant.admin, { memberIds: [agent.id] });
    const client = api(t.app, agent.session);
    expectProblem(await client.post('/api/v1/queues', { name: 'Mine' }), 403, 'forbidden');
    expectProblem(await client.patch(`/api/v1/queues/${queue.id}`, { memberIds: [] }), 403, 'forbidden');
    expectProblem(await client.delete(`/api/v1/queues/${queue.id}`), 403, 'forbidden');
    expect(await listQueues(tenant.admin)).toEqual([queue]);
  });

  it('checks the input before the permission: a bad body from a user without config.manage is 400', async () => {
    const tenant = await createTenantFixture(t);
    const agent = await createUserFixture(t, tenant);
    const queue = await createQueue(tenant.admin);
    const client = api(t.app, agent.session);
    expect(invalidFields(await client.post('/api/v1/queues', { name: '' }))).toEqual(['name']);
    expect(invalidFields(await client.patch(`/api/v1/queues/${queue.id}`, { memberIds: 1 }))).toEqual([
      'memberIds',
    ]);
  });
});
