import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/http/routes/index.js';
import {
  api,
  createTenantFixture,
  problem,
  startTestApp,
  type TenantFixture,
  type TestApp,
} from '../support/app.js';
import {
  createCaseFixture,
  createCaseTypeFixture,
  createCustomerFixture,
  createQueueFixture,
} from '../support/cases.js';
import { fileUpload, png } from '../support/files.js';

/**
 * Walks the whole route table: every non-public route answers 401 without credentials, and every
 * route that names a resource answers 404, exactly like a missing one, for a resource of another
 * tenant. New routes are covered the moment they are added to the table.
 */
let t: TestApp;
let owner: TenantFixture;
let stranger: TenantFixture;
const ids = new Map<string, string>();

beforeAll(async () => {
  t = await startTestApp();
  owner = await createTenantFixture(t);
  stranger = await createTenantFixture(t);
  const admin = api(t.app, owner.admin);
  const type = await createCaseTypeFixture(t, owner);
  const customerId = await createCustomerFixture(t, owner);
  const queueId = await createQueueFixture(t, owner, [owner.adminId]);
  const c = await createCaseFixture(t, owner.admin, { typeId: type.id, customerId });
  const task = (
    await admin.post(`/api/v1/cases/${c.id}/tasks`, { title: 'Check', ownerId: owner.adminId })
  ).json<{ id: string }>();
  const record = (await admin.post(`/api/v1/cases/${c.id}/internal-records`, { body: 'note' })).json<{
    id: string;
  }>();
  const contact = (
    await admin.post('/api/v1/contact-records', {
      channel: 'voice',
      direction: 'inbound',
      caller: 'a',
      callee: 'b',
      startedAt: t.clock.now().toISOString(),
      customerId,
    })
  ).json<{ id: string }>();
  const { body, contentType } = fileUpload('a.png', png());
  const attachment = (
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/attachments`,
      payload: body,
      headers: {
        'content-type': contentType,
        cookie: `casedesk_session=${owner.admin.cookie ?? ''}`,
        'x-csrf-token': owner.admin.csrfToken ?? '',
      },
    })
  ).json<{ id: string }>();
  const token = (await admin.post('/api/v1/auth/tokens', { name: 'x' })).json<{ id: string }>();
  const role = (await admin.post('/api/v1/roles', { name: 'r', permissions: [] })).json<{ id: string }>();
  const ou = (await admin.post('/api/v1/ous', { name: 'Sub', parentId: owner.rootOuId })).json<{
    id: string;
  }>();
  const calendar = (
    await admin.post('/api/v1/calendars', {
      name: 'Office',
      timeZone: 'UTC',
      weekly: [{ day: 1, from: '09:00', to: '17:00' }],
      holidays: [],
    })
  ).json<{ id: string }>();
  const slaRule = (
    await admin.post('/api/v1/sla-rules', {
      name: 'Default',
      targets: { critical: 60, high: 120, medium: 240, low: 480 },
      warnBeforeMinutes: 30,
      active: true,
    })
  ).json<{ id: string }>();
  const template = (
    await admin.post('/api/v1/reminder-templates', {
      name: 'Urge',
      kind: 'reminder',
      channel: 'email',
      subject: 'Case {{case.no}}',
      body: 'Please look at {{case.title}}',
      enabled: true,
    })
  ).json<{ id: string }>();
  for (const [prefix, id] of Object.entries({
    '/api/v1/reminder-templates/': template.id,
    '/api/v1/calendars/': calendar.id,
    '/api/v1/sla-rules/': slaRule.id,
    '/api/v1/cases/': c.id,
    '/api/v1/tasks/': task.id,
    '/api/v1/internal-records/': record.id,
    '/api/v1/contact-records/': contact.id,
    '/api/v1/attachments/': attachment.id,
    '/api/v1/customers/': customerId,
    '/api/v1/case-types/': type.id,
    '/api/v1/queues/': queueId,
    '/api/v1/users/': owner.adminId,
    '/api/v1/roles/': role.id,
    '/api/v1/ous/': ou.id,
    '/api/v1/auth/tokens/': token.id,
  })) {
    ids.set(prefix, id);
  }
});
afterAll(() => t.close());

function idFor(path: string): string | undefined {
  for (const [prefix, id] of ids) if (path.startsWith(prefix)) return id;
  return undefined;
}

const signedIn = apiRoutes.filter(
  (r) => r.meta.policy.access !== 'public' && r.meta.path !== '/api/v1/auth/logout',
);

describe('the route table', () => {
  for (const route of signedIn) {
    const { method, path } = route.meta;
    it(`${method} ${path} is 401 without credentials`, async () => {
      const url = path.replace(/:(\w+)/g, 'some-id');
      const response = await t.app.inject({
        method,
        url,
        ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
      });
      expect(response.statusCode).toBe(401);
      expect(problem(response).code).toBe('unauthenticated');
    });
  }

  for (const route of signedIn.filter((r) => r.meta.path.includes(':id'))) {
    const { method, path } = route.meta;
    it(`${method} ${path} is 404 for a resource of another tenant`, async () => {
      const id = idFor(path);
      expect(id, `a fixture for ${path}`).toBeDefined();
      const url = path.replace(':id', id ?? '');
      const client = api(t.app, stranger.admin);
      const response =
        method === 'GET'
          ? await client.get(url)
          : method === 'DELETE'
            ? await client.delete(url)
            : await client.raw(method, url, '{}');
      expect(response.statusCode).toBe(404);
      expect(problem(response).code).toBe('not_found');
    });
  }
});
