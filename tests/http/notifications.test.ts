import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  claimDueNotifications,
  runWorkerOnce,
  type WorkerOptions,
} from '../../src/domain/notifications/worker.js';
import { insertOutboxRows } from '../../src/domain/notifications/outbox.repository.js';
import { newMessageId } from '../../src/domain/notifications/enqueue.js';
import { newId } from '../../src/lib/ids.js';
import { MINUTE_MS } from '../../src/lib/clock.js';
import {
  api,
  createTenantFixture,
  createUserFixture,
  problem,
  startTestApp,
  type TenantFixture,
  type TestApp,
} from '../support/app.js';
import { createCaseFixture, createCaseTypeFixture, createQueueFixture } from '../support/cases.js';
import { freePort, startMailSink, startSmsSink, type MailSink, type SmsSink } from '../support/mail.js';
import { testDialect } from '../support/database.js';

let t: TestApp;
let mail: MailSink;
let sms: SmsSink;
const FAST: Partial<WorkerOptions> = { timeouts: { timeoutMs: 3000 }, backoffMs: 1000, maxAttempts: 3 };

beforeAll(async () => {
  t = await startTestApp();
  [mail, sms] = await Promise.all([startMailSink(), startSmsSink()]);
});
afterAll(async () => {
  await Promise.all([mail.close(), sms.close()]);
  await t.close();
});
afterEach(async () => {
  // Leave nothing due for the next test: settle every row still pending.
  await t.ctx.db
    .updateTable('notifications')
    .set({ status: 'failed', last_error: 'test over' })
    .where('status', 'in', ['pending', 'sending'])
    .execute();
});

/** Runs worker rounds until nothing is due. */
async function drain(options: Partial<WorkerOptions> = FAST): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const round = await runWorkerOnce(t.ctx, options);
    if (round.claimed === 0) return;
  }
  throw new Error('the outbox did not drain');
}

async function configureChannels(tenant: TenantFixture, smtpPort = mail.port): Promise<void> {
  const response = await api(t.app, tenant.admin).put('/api/v1/notification-channels', {
    smtp: { host: '127.0.0.1', port: smtpPort, secure: false, from: 'casedesk@example.test' },
    sms: {
      url: sms.url,
      authHeader: 'Bearer sms-secret',
      bodyTemplate: '{"to":"{{to}}","message":"{{text}}"}',
    },
  });
  expect(response.statusCode, response.body).toBe(200);
}

async function template(
  tenant: TenantFixture,
  body: { kind: string; channel: string; subject?: string; body: string; name?: string },
): Promise<string> {
  const response = await api(t.app, tenant.admin).post('/api/v1/reminder-templates', {
    name: body.name ?? `${body.kind}-${body.channel}`,
    enabled: true,
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

async function outbox(tenant: TenantFixture, query = '') {
  const response = await api(t.app, tenant.admin).get(`/api/v1/notifications${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{
    items: {
      id: string;
      kind: string;
      channel: string;
      recipient: string | null;
      status: string;
      attempts: number;
      lastError: string | null;
      messageId: string;
    }[];
    total: number;
  }>().items;
}

async function customerWithContacts(
  tenant: TenantFixture,
  name: string,
): Promise<{ id: string; email: string }> {
  const email = `customer@${tenant.slug}.test`;
  const response = await api(t.app, tenant.admin).post('/api/v1/customers', {
    name,
    phones: ['+8613800000001'],
    email,
  });
  expect(response.statusCode, response.body).toBe(201);
  return { id: response.json<{ id: string }>().id, email };
}

describe('reminder templates', () => {
  it('creates, lists, changes and deletes; refuses unknown variables and a second enabled one', async () => {
    const tenant = await createTenantFixture(t);
    const admin = api(t.app, tenant.admin);
    const id = await template(tenant, {
      kind: 'reminder',
      channel: 'email',
      subject: 'Case {{case.no}} needs you',
      body: 'Hello {{owner.name}}, {{case.title}} ({{customFields.orderNo}}) {{case.link}}',
    });
    expect((await admin.get(`/api/v1/reminder-templates/${id}`)).json()).toMatchObject({
      kind: 'reminder',
      channel: 'email',
      enabled: true,
    });
    expect((await admin.get('/api/v1/reminder-templates')).json<{ items: unknown[] }>().items).toHaveLength(
      1,
    );

    const unknownBody = await admin.post('/api/v1/reminder-templates', {
      name: 'bad',
      kind: 'reminder',
      channel: 'sms',
      body: 'Hi {{case.secret}}',
      enabled: true,
    });
    expect(unknownBody.statusCode).toBe(400);
    expect(problem(unknownBody).errors?.map((e) => e.field)).toEqual(['body']);
    const unknownSubject = await admin.patch(`/api/v1/reminder-templates/${id}`, {
      subject: '{{user.password}}',
    });
    expect(unknownSubject.statusCode).toBe(400);
    expect(problem(unknownSubject).errors?.map((e) => e.field)).toEqual(['subject']);

    const second = await admin.post('/api/v1/reminder-templates', {
      name: 'another',
      kind: 'reminder',
      channel: 'email',
      body: 'Second',
      enabled: true,
    });
    expect(second.statusCode).toBe(409);
    expect(problem(second).code).toBe('already_exists');
    // Disabled, a second one is fine; enabling it while the first is enabled is not.
    const disabled = await admin.post('/api/v1/reminder-templates', {
      name: 'another',
      kind: 'reminder',
      channel: 'email',
      body: 'Second',
      enabled: false,
    });
    expect(disabled.statusCode).toBe(201);
    const enable = await admin.patch(`/api/v1/reminder-templates/${disabled.json<{ id: string }>().id}`, {
      enabled: true,
    });
    expect(problem(enable).code).toBe('already_exists');
    const sameName = await admin.post('/api/v1/reminder-templates', {
      name: 'another',
      kind: 'customer',
      channel: 'sms',
      body: 'x',
    });
    expect(problem(sameName).code).toBe('already_exists');

    expect((await admin.delete(`/api/v1/reminder-templates/${id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/reminder-templates/${id}`)).statusCode).toBe(404);

    const agent = await createUserFixture(t, tenant);
    expect((await api(t.app, agent.session).get('/api/v1/reminder-templates')).statusCode).toBe(403);
    expect((await api(t.app).get('/api/v1/reminder-templates')).statusCode).toBe(401);
    const other = await createTenantFixture(t);
    expect(
      (await api(t.app, other.admin).get(`/api/v1/reminder-templates/${disabled.json<{ id: string }>().id}`))
        .statusCode,
    ).toBe(404);
  });

  it('previews with sample values and with a case, escaping HTML only in the HTML part', async () => {
    const tenant = await createTenantFixture(t);
    const type = await createCaseTypeFixture(t, tenant);
    const customer = await customerWithContacts(tenant, 'Ann <b>& Co</b>');
    const c = await createCaseFixture(t, tenant.admin, { typeId: type.id, customerId: customer.id });
    const admin = api(t.app, tenant.admin);
    const withCase = await admin.post('/api/v1/reminder-templates/preview', {
      kind: 'customer',
      channel: 'email',
      subject: 'Case {{case.no}}',
      body: 'Dear {{customer.name}}, status {{case.status}}',
      caseId: c.id,
    });
    expect(withCase.statusCode, withCase.body).toBe(200);
    expect(withCase.json()).toMatchObject({
      subject: `Case ${c.caseNo}`,
      text: 'Dear Ann <b>& Co</b>, status New',
    });
    expect(withCase.json<{ html: string }>().html).toContain('Ann &lt;b&gt;&amp; Co&lt;/b&gt;');
    const sample = await admin.post('/api/v1/reminder-templates/preview', {
      kind: 'reminder',
      channel: 'sms',
      body: '{{case.title}}',
    });
    expect(sample.json()).toEqual({ subject: null, text: 'Refund not received', html: null });
    const badCase = await admin.post('/api/v1/reminder-templates/preview', {
      kind: 'reminder',
      channel: 'sms',
      body: 'x',
      caseId: 'nope',
    });
    expect(problem(badCase).errors?.map((e) => e.field)).toEqual(['caseId']);
  });
});

describe('notification channels', () => {
  it('never returns secrets and keeps an omitted one', async () => {
    const tenant = await createTenantFixture(t);
    const admin = api(t.app, tenant.admin);
    expect((await admin.get('/api/v1/notification-channels')).json()).toEqual({ smtp: null, sms: null });
    const put = await admin.put('/api/v1/notification-channels', {
      smtp: {
        host: '127.0.0.1',
        port: mail.port,
        secure: false,
        user: 'u',
        password: 'smtp-secret',
        from: 'a@b.test',
      },
      sms: { url: sms.url, authHeader: 'Bearer sms-secret', bodyTemplate: '{{to}}: {{text}}' },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.body).not.toContain('secret');
    expect(put.json()).toMatchObject({
      smtp: { passwordSet: true, user: 'u' },
      sms: { authHeaderSet: true },
    });
    const read = await admin.get('/api/v1/notification-channels');
    expect(read.body).not.toContain('secret');

    // A PUT without the secrets keeps them.
    await admin.put('/api/v1/notification-channels', {
      smtp: { host: '127.0.0.1', port: mail.port, secure: false, user: 'u', from: 'b@b.test' },
      sms: { url: sms.url, bodyTemplate: '{{to}}: {{text}}' },
    });
    const row = await t.ctx.db
      .selectFrom('notification_channels')
      .selectAll()
      .where('tenant_id', '=', tenant.tenantId)
      .executeTakeFirstOrThrow();
    expect(row.smtp).toContain('smtp-secret');
    expect(row.sms).toContain('Bearer sms-secret');
    expect((await admin.get('/api/v1/notification-channels')).json()).toMatchObject({
      smtp: { from: 'b@b.test', passwordSet: true },
      sms: { authHeaderSet: true },
    });

    const badSms = await admin.put('/api/v1/notification-channels', {
      sms: { url: sms.url, bodyTemplate: '{{phone}}' },
    });
    expect(problem(badSms).errors?.map((e) => e.field)).toEqual(['sms.bodyTemplate']);

    // The test message goes out at once.
    const before = sms.requests.length;
    const test = await admin.post('/api/v1/notification-channels/test', { channel: 'sms', to: '+100' });
    expect(test.json()).toMatchObject({ ok: true, error: null });
    expect(sms.requests.length).toBe(before + 1);
    expect(sms.requests.at(-1)?.headers.authorization).toBe('Bearer sms-secret');
    expect(sms.requests.at(-1)?.headers['content-type']).toContain('text/plain');
    // The SMTP sink offers no AUTH, so the configured user cannot sign in: the outcome says so.
    const refused = await admin.post('/api/v1/notification-channels/test', {
      channel: 'email',
      to: 'x@y.test',
    });
    expect(refused.json<{ ok: boolean; error: string }>()).toMatchObject({ ok: false });
    await admin.put('/api/v1/notification-channels', {
      smtp: { host: '127.0.0.1', port: mail.port, secure: false, from: 'b@b.test' },
    });
    const mailTest = await admin.post('/api/v1/notification-channels/test', {
      channel: 'email',
      to: 'x@y.test',
    });
    expect(mailTest.json()).toMatchObject({ ok: true, error: null });
    const testMail = mail.to('x@y.test').at(-1);
    expect(testMail?.messageId).toBe(mailTest.json<{ messageId: string }>().messageId);
    const agent = await createUserFixture(t, tenant);
    expect((await api(t.app, agent.session).get('/api/v1/notification-channels')).statusCode).toBe(403);
  });
});

describe('urge', () => {
  it('refuses without a template, sends the owner a reminder, refuses within 10 minutes, allows after', async () => {
    const tenant = await createTenantFixture(t);
    const agent = await createUserFixture(t, tenant, { name: 'Olga Owner' });
    const type = await createCaseTypeFixture(t, tenant);
    const customer = await customerWithContacts(tenant, 'Cus');
    const c = await createCaseFixture(t, tenant.admin, {
      typeId: type.id,
      customerId: customer.id,
      ownerId: agent.id,
    });
    const admin = api(t.app, tenant.admin);
    expect(c.abilities.urge).toBe(true);
    const none = await admin.post(`/api/v1/cases/${c.id}/urge`, {});
    expect(none.statusCode).toBe(409);
    expect(problem(none).code).toBe('reminder_not_configured');
    await template(tenant, {
      kind: 'reminder',
      channel: 'email',
      subject: 'Urged: case {{case.no}}',
      body: 'Hello {{owner.name}}, please look at "{{case.title}}".',
    });
    // A template without a configured channel is not enough.
    expect(problem(await admin.post(`/api/v1/cases/${c.id}/urge`, {})).code).toBe('reminder_not_configured');
    await configureChannels(tenant);

    const urged = await admin.post(`/api/v1/cases/${c.id}/urge`, { remark: 'customer called again' });
    expect(urged.statusCode, urged.body).toBe(200);
    expect(urged.json<{ version: number }>().version).toBe(c.version);
    await drain();
    const received = mail.to(agent.email);
    expect(received).toHaveLength(1);
    expect(received[0]?.subject).toBe(`Urged: case ${c.caseNo}`);
    expect(received[0]?.text?.trim()).toBe('Hello Olga Owner, please look at "Refund not received".');
    const [row] = await outbox(tenant);
    expect(row).toMatchObject({ kind: 'reminder', status: 'sent', recipient: agent.email, attempts: 1 });
    expect(received[0]?.messageId).toBe(row?.messageId);
    const track = (await admin.get(`/api/v1/cases/${c.id}/track`)).json<{
      items: { kind: string; remark?: string }[];
    }>();
    expect(track.items.at(-1)).toMatchObject({ kind: 'urged', remark: 'customer called again' });

    t.clock.advance(9 * MINUTE_MS);
    const soon = await admin.post(`/api/v1/cases/${c.id}/urge`, {});
    expect(soon.statusCode).toBe(409);
    expect(problem(soon).code).toBe('urge_too_soon');
    t.clock.advance(MINUTE_MS);
    expect((await api(t.app, agent.session).post(`/api/v1/cases/${c.id}/urge`, {})).statusCode).toBe(200);
    await drain();
    expect(mail.to(agent.email)).toHaveLength(2);
  });
});

describe('automatic notifications', () => {
  it('tells the new owner of a transfer and of a case created for them, never the one who made the change', async () => {
    const tenant = await createTenantFixture(t);
    await configureChannels(tenant);
    await template(tenant, {
      kind: 'automatic',
      channel: 'email',
      subject: 'New case {{case.no}} for {{owner.name}}',
      body: '{{case.title}} is yours: {{case.link}}',
    });
    await template(tenant, { kind: 'automatic', channel: 'sms', body: 'Case {{case.no}} is yours' });
    const first = await createUserFixture(t, tenant, { name: 'First', phone: '+8613900000001' });
    const second = await createUserFixture(t, tenant, { name: 'Second' });
    const type = await createCaseTypeFixture(t, tenant);
    const customer = await customerWithContacts(tenant, 'Cus');
    const c = await createCaseFixture(t, tenant.admin, {
      typeId: type.id,
      customerId: customer.id,
      ownerId: first.id,
    });
    // Created by the admin for themselves: nothing.
    await createCaseFixture(t, tenant.admin, { typeId: type.id, customerId: customer.id });
    await drain();
    expect(mail.to(first.email).map((m) => m.subject)).toEqual([`New case ${c.caseNo} for First`]);
    expect(mail.to(tenant.adminEmail)).toHaveLength(0);
    const firstSms = sms.requests.filter((r) => r.body.includes('+8613900000001'));
    expect(firstSms.map((r) => JSON.parse(r.body) as unknown)).toEqual([
      { to: '+8613900000001', message: `Case ${c.caseNo} is yours` },
    ]);
    expect(firstSms[0]?.headers['content-type']).toBe('application/json');

    const transfer = await api(t.app, first.session).post(`/api/v1/cases/${c.id}/transfer`, {
      ownerId: second.id,
      remark: 'over to you',
    });
    expect(transfer.statusCode, transfer.body).toBe(200);
    await drain();
    expect(mail.to(second.email).map((m) => m.subject)).toEqual([`New case ${c.caseNo} for Second`]);
    expect(mail.to(first.email)).toHaveLength(1);
    // Second has no phone: the SMS row failed with no_address.
    const rows = await outbox(tenant);
    expect(rows.find((r) => r.channel === 'sms' && r.status === 'failed')).toMatchObject({
      lastError: 'no_address',
      recipient: null,
    });
    // A transfer to oneself sends nothing.
    await api(t.app, tenant.admin).post(`/api/v1/cases/${c.id}/transfer`, {
      ownerId: tenant.adminId,
      remark: 'mine',
    });
    await drain();
    expect(mail.to(tenant.adminEmail)).toHaveLength(0);
  });

  it('tells every member of a queue; a claim sends the claimer nothing', async () => {
    const tenant = await createTenantFixture(t);
    await configureChannels(tenant);
    await template(tenant, {
      kind: 'automatic',
      channel: 'email',
      subject: 'Queue case {{case.no}}',
      body: 'Claim it',
    });
    const a = await createUserFixture(t, tenant);
    const b = await createUserFixture(t, tenant);
    const queueId = await createQueueFixture(t, tenant, [a.id, b.id]);
    const type = await createCaseTypeFixture(t, tenant);
    const customer = await customerWithContacts(tenant, 'Cus');
    const c = await createCaseFixture(t, tenant.admin, { typeId: type.id, customerId: customer.id, queueId });
    await drain();
    expect(mail.to(a.email)).toHaveLength(1);
    expect(mail.to(b.email)).toHaveLength(1);
    const claim = await api(t.app, a.session).post(`/api/v1/cases/${c.id}/claim`, {});
    expect(claim.statusCode, claim.body).toBe(200);
    await drain();
    expect(mail.to(a.email)).toHaveLength(1);
    expect(mail.to(b.email)).toHaveLength(1);
  });
});

describe('customer notifications', () => {
  it('goes out by e-mail and SMS on creation and every state or status change, with the evaluation link on closing', async () => {
    const tenant = await createTenantFixture(t);
    await configureChannels(tenant);
    await template(tenant, {
      kind: 'customer',
      channel: 'email',
      subject: 'Your case {{case.no}}: {{case.state}}',
      body: 'Dear {{customer.name}}, "{{case.title}}" is now {{case.status}} ({{customFields.orderNo}}). {{evaluation.link}}',
    });
    await template(tenant, {
      kind: 'customer',
      channel: 'sms',
      body: 'Case {{case.no}} "{{case.title}}": {{case.status}}',
    });
    const type = await createCaseTypeFixture(t, tenant, {
      process: ['New', 'Done'],
      customFields: [{ key: 'orderNo', label: 'Order', type: 'text' }],
    });
    const customer = await customerWithContacts(tenant, 'Zoë <Z>');
    const c = await createCaseFixture(t, tenant.admin, {
      typeId: type.id,
      customerId: customer.id,
      title: 'Broken "kettle"',
      customerNotify: { email: true, sms: true },
      customFields: { orderNo: 'A-17' },
    });
    const moved = await api(t.app, tenant.admin).post(`/api/v1/cases/${c.id}/status`, { status: 'Done' });
    expect(moved.statusCode, moved.body).toBe(200);
    const closed = await api(t.app, tenant.admin).post(`/api/v1/cases/${c.id}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    await drain();
    const mails = mail.to(customer.email);
    expect(mails.map((m) => m.subject)).toEqual([
      `Your case ${c.caseNo}: open`,
      `Your case ${c.caseNo}: open`,
      `Your case ${c.caseNo}: closed`,
    ]);
    expect(mails[1]?.text?.trim()).toBe('Dear Zoë <Z>, "Broken "kettle"" is now Done (A-17).');
    expect(mails[1]?.html).toContain('Zoë &lt;Z&gt;');
    expect(mails[2]?.text).toMatch(/\/evaluate\/\S+/);
    const texts = sms.requests
      .filter((r) => r.body.includes('+8613800000001') && r.body.includes(`Case ${c.caseNo} `))
      .map((r) => JSON.parse(r.body) as { to: string; message: string });
    expect(texts).toEqual([
      { to: '+8613800000001', message: `Case ${c.caseNo} "Broken "kettle"": New` },
      { to: '+8613800000001', message: `Case ${c.caseNo} "Broken "kettle"": Done` },
      { to: '+8613800000001', message: `Case ${c.caseNo} "Broken "kettle"": Done` },
    ]);
    // Priority changes are not state or status changes.
    const restarted = await api(t.app, tenant.admin).post(`/api/v1/cases/${c.id}/restart`, {});
    expect(restarted.statusCode).toBe(200);
    await api(t.app, tenant.admin).post(`/api/v1/cases/${c.id}/upgrade`, {});
    await drain();
    expect(mail.to(customer.email)).toHaveLength(4);
  });
});

describe('delivery', () => {
  it('retries while the SMTP server is down, then fails with the error; later ones go out when it is back', async () => {
    const tenant = await createTenantFixture(t);
    const port = await freePort();
    await configureChannels(tenant, port);
    await template(tenant, { kind: 'customer', channel: 'email', subject: 'S {{case.status}}', body: 'B' });
    const type = await createCaseTypeFixture(t, tenant, { process: ['New', 'Two', 'Three'] });
    const customer = await customerWithContacts(tenant, 'Cus');
    const c = await createCaseFixture(t, tenant.admin, {
      typeId: type.id,
      customerId: customer.id,
      customerNotify: { email: true, sms: false },
    });
    for (let attempt = 1; attempt <= 3; attempt++) {
      const round = await runWorkerOnce(t.ctx, FAST);
      expect(round.claimed).toBe(1);
      t.clock.advance(60_000);
    }
    const [failed] = await outbox(tenant);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3 });
    expect(failed?.lastError).toMatch(/ECONNREFUSED|connect/i);

    const moved = await api(t.app, tenant.admin).post(`/api/v1/cases/${c.id}/status`, { status: 'Two' });
    expect(moved.statusCode).toBe(200);
    expect((await runWorkerOnce(t.ctx, FAST)).retried).toBe(1);
    const [pending] = await outbox(tenant);
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    const back = await startMailSink(port);
    try {
      t.clock.advance(60_000);
      await drain();
      expect(back.to(customer.email).map((m) => m.subject)).toEqual(['S Two']);
      expect((await outbox(tenant))[0]).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    } finally {
      await back.close();
    }
  });

  it('takes over a row whose worker crashed between claiming and sending, and sends it once with its Message-ID', async () => {
    const tenant = await createTenantFixture(t);
    await configureChannels(tenant);
    await template(tenant, { kind: 'customer', channel: 'email', subject: 'Crash test', body: 'B' });
    const type = await createCaseTypeFixture(t, tenant);
    const customer = await customerWithContacts(tenant, 'Cus');
    await createCaseFixture(t, tenant.admin, {
      typeId: type.id,
      customerId: customer.id,
      customerNotify: { email: true },
    });
    const claims = await claimDueNotifications(t.ctx, { ...FAST, leaseMs: 60_000 });
    expect(claims).toHaveLength(1);
    // "Crash": the claim is never sent. While its lease holds, nobody else takes the row.
    expect((await runWorkerOnce(t.ctx, FAST)).claimed).toBe(0);
    t.clock.advance(61_000);
    expect((await runWorkerOnce(t.ctx, FAST)).sent).toBe(1);
    await drain();
    const received = mail.to(customer.email);
    expect(received).toHaveLength(1);
    expect(received[0]?.messageId).toBe(claims[0]?.row.message_id);
    expect((await outbox(tenant))[0]).toMatchObject({ status: 'sent', messageId: claims[0]?.row.message_id });
  });

  it(`never lets two workers claim the same row (${testDialect()})`, async () => {
    const tenant = await createTenantFixture(t);
    await configureChannels(tenant);
    const iso = t.clock.now().toISOString();
    const count = 40;
    await insertOutboxRows(
      t.ctx.db,
      Array.from({ length: count }, (_, i) => ({
        tenant_id: tenant.tenantId,
        id: newId(),
        case_id: null,
        kind: 'reminder',
        channel: 'sms',
        recipient: `+1555${String(i).padStart(4, '0')}`,
        recipient_user_id: null,
        subject: null,
        body: `race ${tenant.slug} ${i}`,
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: iso,
        claimed_until: null,
        last_error: null,
        message_id: newMessageId(),
        dedupe_key: null,
        created_at: iso,
        sent_at: null,
      })),
    );
    const worker = async () => {
      let claimed = 0;
      for (;;) {
        const round = await runWorkerOnce(t.ctx, { ...FAST, batchSize: 3 });
        if (round.claimed === 0) return claimed;
        claimed += round.claimed;
      }
    };
    const [one, two] = await Promise.all([worker(), worker()]);
    expect((one ?? 0) + (two ?? 0)).toBe(count);
    const delivered = sms.requests.filter((r) => r.body.includes(`race ${tenant.slug} `));
    expect(delivered).toHaveLength(count);
    expect(new Set(delivered.map((r) => r.headers['x-message-id'])).size).toBe(count);
    const rows = await outbox(tenant, '?limit=100');
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });
});
