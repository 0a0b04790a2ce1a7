import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createTenantFixture,
  createUserFixture,
  problem,
  startTestApp,
  type TestApp,
} from '../support/app.js';
import {
  createCaseTypeFixture,
  createCustomerFixture,
  createQueueFixture,
  type CaseJson,
} from '../support/cases.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('automatic assignment', () => {
  it('answers 409 assignment_not_configured until an active rule exists; then first match wins, else the default owner', async () => {
    const tenant = await createTenantFixture(t);
    const refunds = await createUserFixture(t, tenant);
    const escalations = await createUserFixture(t, tenant);
    const queueId = await createQueueFixture(t, tenant, [refunds.id]);
    const { id: typeId } = await createCaseTypeFixture(t, tenant);
    const customerId = await createCustomerFixture(t, tenant);
    const admin = api(t.app, tenant.admin);
    const create = (title: string, priority = 'low') =>
      admin.post('/api/v1/cases', {
        typeId,
        customerId,
        title,
        description: 'd',
        priority,
        origin: 'web',
        assignment: 'auto',
      });

    expect(problem(await create('anything')).code).toBe('assignment_not_configured');
    const rule = {
      active: true,
      defaultOwner: { queueId },
      items: [
        { attribute: 'title', condition: 'contains', value: '退款', ownerId: refunds.id },
        { attribute: 'priority', condition: 'equals', value: 'critical', ownerId: escalations.id },
      ],
    };
    const saved = await admin.put('/api/v1/assignment-rule', rule);
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await admin.get('/api/v1/assignment-rule')).json()).toMatchObject({
      active: true,
      items: rule.items,
    });

    expect((await create('申请退款失败', 'critical')).json<CaseJson>().ownerId).toBe(refunds.id);
    expect((await create('Server down', 'critical')).json<CaseJson>().ownerId).toBe(escalations.id);
    const fallback = (await create('Question')).json<CaseJson>();
    expect([fallback.ownerId, fallback.queueId]).toEqual([null, queueId]);

    await admin.put('/api/v1/assignment-rule', { ...rule, active: false });
    expect(problem(await create('anything')).code).toBe('assignment_not_configured');
  });

  it('refuses 11 items, unknown targets and "contains" on a non-text attribute, naming the field; needs config.manage', async () => {
    const tenant = await createTenantFixture(t);
    const agent = await createUserFixture(t, tenant);
    const admin = api(t.app, tenant.admin);
    const item = { attribute: 'origin', condition: 'equals', value: 'web', ownerId: agent.id };
    const eleven = await admin.put('/api/v1/assignment-rule', {
      active: true,
      defaultOwner: { ownerId: agent.id },
      items: Array.from({ length: 11 }, () => item),
    });
    expect(eleven.statusCode).toBe(400);
    expect(problem(eleven).errors?.[0]?.field).toBe('items');
    const ten = await admin.put('/api/v1/assignment-rule', {
      active: true,
      defaultOwner: { ownerId: agent.id },
      items: Array.from({ length: 10 }, () => item),
    });
    expect(ten.statusCode).toBe(200);
    const unknown = await admin.put('/api/v1/assignment-rule', {
      active: true,
      defaultOwner: { ownerId: agent.id },
      items: [{ ...item, ownerId: 'nobody' }],
    });
    expect(problem(unknown).errors?.[0]?.field).toBe('items.0.ownerId');
    const badDefault = await admin.put('/api/v1/assignment-rule', {
      active: true,
      defaultOwner: { queueId: 'nope' },
      items: [],
    });
    expect(problem(badDefault).errors?.[0]?.field).toBe('defaultOwner.queueId');
    const contains = await admin.put('/api/v1/assignment-rule', {
      active: true,
      defaultOwner: { ownerId: agent.id },
      items: [{ ...item, condition: 'contains' }],
    });
    expect(problem(contains).errors?.[0]?.field).toBe('items.0.condition');
    expect(
      (
        await api(t.app, agent.session).put('/api/v1/assignment-rule', {
          active: true,
          defaultOwner: { ownerId: agent.id },
          items: [],
        })
      ).statusCode,
    ).toBe(403);
    expect((await api(t.app, agent.session).get('/api/v1/assignment-rule')).statusCode).toBe(403);
    expect((await api(t.app).get('/api/v1/assignment-rule')).statusCode).toBe(401);
    // What was refused changed nothing: the ten-item rule stands.
    expect((await admin.get('/api/v1/assignment-rule')).json<{ items: unknown[] }>().items).toHaveLength(10);
  });
});
