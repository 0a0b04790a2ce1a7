import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createTenantFixture, problem, startTestApp, type TestApp } from '../support/app.js';
import { createCaseTypeFixture } from '../support/cases.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

// Rules of the form "at most one active/enabled X" read before they write; the tenant lock makes two
// writes at the same moment take turns, so exactly one of them wins.
describe('one active at a time, also under concurrency', () => {
  it('two SLA rules activated for one case type at once: one 201, one 409 sla_rule_conflict', async () => {
    const tenant = await createTenantFixture(t);
    const type = await createCaseTypeFixture(t, tenant);
    const admin = api(t.app, tenant.admin);
    const rule = (name: string) => ({
      name,
      caseTypeId: type.id,
      targets: { critical: 60, high: 120, medium: 240, low: 480 },
      warnBeforeMinutes: 10,
      active: true,
    });
    const responses = await Promise.all([
      admin.post('/api/v1/sla-rules', rule('A')),
      admin.post('/api/v1/sla-rules', rule('B')),
    ]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const loser = responses.find((r) => r.statusCode === 409);
    expect(loser && problem(loser).code).toBe('sla_rule_conflict');
  });

  it('two enabled templates of one kind and channel at once: exactly one is saved', async () => {
    const tenant = await createTenantFixture(t);
    const admin = api(t.app, tenant.admin);
    const template = (name: string) => ({
      name,
      kind: 'reminder',
      channel: 'email',
      subject: 'Case {{case.no}}',
      body: 'Please look at {{case.title}}',
      enabled: true,
    });
    const responses = await Promise.all([
      admin.post('/api/v1/reminder-templates', template('A')),
      admin.post('/api/v1/reminder-templates', template('B')),
    ]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const listed = (await admin.get('/api/v1/reminder-templates')).json<{ items: unknown[] }>();
    expect(listed.items).toHaveLength(1);
  });
});
