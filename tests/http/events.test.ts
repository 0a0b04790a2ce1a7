import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { openDatabase } from '../../src/db/connection.js';
import { argon2Hasher } from '../../src/domain/auth/passwords.js';
import type { AppContext } from '../../src/domain/context.js';
import { PostgresCaseChangeBus } from '../../src/events/postgres-bus.js';
import { buildApp } from '../../src/http/app.js';
import { api, createTenantFixture, createUserFixture, startTestApp, type TestApp } from '../support/app.js';
import {
  createCaseFixture,
  createCaseTypeFixture,
  createCustomerFixture,
  createQueueFixture,
} from '../support/cases.js';
import { testDialect } from '../support/database.js';
import { EventStreamClient } from '../support/sse.js';

let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  t = await startTestApp();
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

describe('GET /api/v1/events', () => {
  it('is 401 without credentials', async () => {
    const response = await fetch(`${baseUrl}/api/v1/events`);
    expect(response.status).toBe(401);
  });

  it('tells a queue member about a case created for their queue, and about its changes', async () => {
    const tenant = await createTenantFixture(t);
    const agent = await createUserFixture(t, tenant);
    const queueId = await createQueueFixture(t, tenant, [agent.id]);
    const type = await createCaseTypeFixture(t, tenant);
    const customerId = await createCustomerFixture(t, tenant);
    const stream = await EventStreamClient.connect(baseUrl, agent.session);
    try {
      const created = await createCaseFixture(t, tenant.admin, { typeId: type.id, customerId, queueId });
      const event = await stream.waitFor((e) => e.event === 'case.created' && e.data.caseId === created.id);
      expect(event.data.version).toBe(1);
      await stream.waitFor((e) => e.event === 'counts.changed');
      await api(t.app, agent.session).post(`/api/v1/cases/${created.id}/claim`, {});
      const updated = await stream.waitFor((e) => e.event === 'case.updated' && e.data.version === 2);
      expect(updated.data.caseId).toBe(created.id);
    } finally {
      stream.close();
    }
  });

  it('tells the former owner the case left their view after a transfer, and tells others nothing', async () => {
    const tenant = await createTenantFixture(t);
    const first = await createUserFixture(t, tenant);
    const second = await createUserFixture(t, tenant);
    const outsider = await createUserFixture(t, tenant);
    const type = await createCaseTypeFixture(t, tenant);
    const customerId = await createCustomerFixture(t, tenant);
    const c = await createCaseFixture(t, tenant.admin, { typeId: type.id, customerId, ownerId: first.id });
    const firstStream = await EventStreamClient.connect(baseUrl, first.session);
    const outsiderStream = await EventStreamClient.connect(baseUrl, outsider.session);
    try {
      await api(t.app, tenant.admin).post(`/api/v1/cases/${c.id}/transfer`, {
        ownerId: second.id,
        remark: 'yours now',
      });
      await firstStream.waitFor((e) => e.event === 'case.removed' && e.data.caseId === c.id);
      // Another change the outsider could see arrives; nothing about the transferred case came before it.
      const own = await createCaseFixture(t, outsider.session, { typeId: type.id, customerId });
      await outsiderStream.waitFor((e) => e.data.caseId === own.id);
      expect(outsiderStream.events.filter((e) => e.data.caseId === c.id)).toEqual([]);
    } finally {
      firstStream.close();
      outsiderStream.close();
    }
  });

  it('never tells a user of another tenant anything', async () => {
    const tenantA = await createTenantFixture(t);
    const tenantB = await createTenantFixture(t);
    const type = await createCaseTypeFixture(t, tenantA);
    const customerId = await createCustomerFixture(t, tenantA);
    const typeB = await createCaseTypeFixture(t, tenantB);
    const customerB = await createCustomerFixture(t, tenantB);
    const stream = await EventStreamClient.connect(baseUrl, tenantB.admin);
    try {
      const a = await createCaseFixture(t, tenantA.admin, { typeId: type.id, customerId });
      const b = await createCaseFixture(t, tenantB.admin, { typeId: typeB.id, customerId: customerB });
      await stream.waitFor((e) => e.data.caseId === b.id);
      expect(stream.events.some((e) => e.data.caseId === a.id)).toBe(false);
    } finally {
      stream.close();
    }
  });
});

describe.runIf(testDialect() === 'postgres')('across server processes on PostgreSQL', () => {
  it('a change made through one server reaches a stream held by another', async () => {
    // A second server on the same database, with its own PostgreSQL change bus, as a second process would have.
    const url = t.config.database.kind === 'postgres' ? t.config.database.url : '';
    const busA = await PostgresCaseChangeBus.start(url, pino({ level: 'silent' }));
    const busB = await PostgresCaseChangeBus.start(url, pino({ level: 'silent' }));
    const handleA = openDatabase(t.config.database);
    const handleB = openDatabase(t.config.database);
    const contextOf = (db: typeof handleA, events: PostgresCaseChangeBus): AppContext => ({
      db: db.db,
      dialect: 'postgres',
      clock: t.clock,
      config: t.config,
      logger: pino({ level: 'silent' }),
      passwords: argon2Hasher(t.config.argon2),
      events,
    });
    const appA = await buildApp(contextOf(handleA, busA), { strictContract: true });
    const appB = await buildApp(contextOf(handleB, busB), { strictContract: true });
    const urlB = await appB.listen({ port: 0, host: '127.0.0.1' });
    try {
      const tenant = await createTenantFixture(t);
      const type = await createCaseTypeFixture(t, tenant);
      const customerId = await createCustomerFixture(t, tenant);
      const stream = await EventStreamClient.connect(urlB, tenant.admin);
      try {
        const response = await api(appA, tenant.admin).post('/api/v1/cases', {
          typeId: type.id,
          customerId,
          title: 'Made on server A',
          description: 'Seen on server B',
          priority: 'low',
          origin: 'web',
        });
        expect(response.statusCode).toBe(201);
        const id = response.json<{ id: string }>().id;
        await stream.waitFor((e) => e.event === 'case.created' && e.data.caseId === id);
      } finally {
        stream.close();
      }
    } finally {
      await appA.close();
      await appB.close();
      await busA.close();
      await busB.close();
      await handleA.close();
      await handleB.close();
    }
  });
});
