import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../src/lib/clock.js';
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
} from '../support/app.js';

function authHeaders(session: Session): Record<string, string> {
  return session.bearer
    ? { authorization: `Bearer ${session.bearer}` }
    : { cookie: `casedesk_session=${session.cookie ?? ''}`, 'x-csrf-token': session.csrfToken ?? '' };
}
import { fileUpload, png } from '../support/files.js';
import {
  createCaseFixture,
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

async function world(): Promise<{ tenant: TenantFixture; typeId: string; customerId: string }> {
  const tenant = await createTenantFixture(t);
  const { id: typeId } = await createCaseTypeFixture(t, tenant, { process: ['New', 'Done'] });
  return { tenant, typeId, customerId: await createCustomerFixture(t, tenant) };
}

describe('internal records', () => {
  it('the owner and tenant administrators only; a previous owner loses access after a transfer; never on the track', async () => {
    const w = await world();
    const owner = await createUserFixture(t, w.tenant);
    const next = await createUserFixture(t, w.tenant);
    const queryAll = await createUserFixture(t, w.tenant, {
      roleIds: [await createRoleFixture(t, w.tenant, ['case.queryAll', 'case.edit', 'case.transfer'])],
    });
    const c = await createCaseFixture(t, owner.session, { typeId: w.typeId, customerId: w.customerId });
    const url = `/api/v1/cases/${c.id}/internal-records`;

    const added = await api(t.app, owner.session).post(url, { body: 'Customer is known to exaggerate.' });
    expect(added.statusCode).toBe(201);
    expect((await api(t.app, w.tenant.admin).post(url, { body: 'Admin note' })).statusCode).toBe(201);
    expect(
      (await api(t.app, owner.session).get(url))
        .json<{ items: { body: string }[] }>()
        .items.map((r) => r.body),
    ).toEqual(['Customer is known to exaggerate.', 'Admin note']);

    // case.queryAll (and every other case permission) does not reach internal records.
    expect(
      (await api(t.app, queryAll.session).get(`/api/v1/cases/${c.id}`)).json<CaseJson>().abilities
        .viewInternalRecords,
    ).toBe(false);
    expect((await api(t.app, queryAll.session).get(url)).statusCode).toBe(403);
    expect((await api(t.app, queryAll.session).post(url, { body: 'x' })).statusCode).toBe(403);

    await api(t.app, w.tenant.admin).post(`/api/v1/cases/${c.id}/transfer`, {
      ownerId: next.id,
      remark: 'handover',
    });
    // The former owner created the case, so they still see it, but its internal records no longer.
    expect(problem(await api(t.app, owner.session).get(url)).code).toBe('forbidden');
    expect((await api(t.app, next.session).get(url)).json<{ items: unknown[] }>().items).toHaveLength(2);
    expect((await api(t.app, next.session).post(url, { body: 'new owner note' })).statusCode).toBe(201);
  });

  it('a creator who handed the case on sees the case but not its internal records', async () => {
    const w = await world();
    const creator = await createUserFixture(t, w.tenant);
    const next = await createUserFixture(t, w.tenant);
    const c = await createCaseFixture(t, creator.session, { typeId: w.typeId, customerId: w.customerId });
    const url = `/api/v1/cases/${c.id}/internal-records`;
    await api(t.app, creator.session).post(url, { body: 'before transfer' });
    await api(t.app, creator.session).post(`/api/v1/cases/${c.id}/transfer`, {
      ownerId: next.id,
      remark: 'yours',
    });
    expect((await api(t.app, creator.session).get(`/api/v1/cases/${c.id}`)).statusCode).toBe(200);
    expect(problem(await api(t.app, creator.session).get(url)).code).toBe('forbidden');
    expect((await api(t.app, next.session).get(url)).json<{ items: unknown[] }>().items).toHaveLength(1);
    const track = (await api(t.app, next.session).get(`/api/v1/cases/${c.id}/track`)).json<{
      items: { kind: string; body?: string }[];
    }>();
    expect(track.items.some((e) => e.body === 'before transfer')).toBe(false);
  });

  it('on a queue case without an owner only tenant administrators see them', async () => {
    const w = await world();
    const member = await createUserFixture(t, w.tenant);
    const queueId = await createQueueFixture(t, w.tenant, [member.id]);
    const c = await createCaseFixture(t, w.tenant.admin, {
      typeId: w.typeId,
      customerId: w.customerId,
      queueId,
    });
    const url = `/api/v1/cases/${c.id}/internal-records`;
    expect((await api(t.app, member.session).get(url)).statusCode).toBe(403);
    expect((await api(t.app, w.tenant.admin).get(url)).statusCode).toBe(200);
  });

  it('limits, states, 401 and other tenants', async () => {
    const w = await world();
    const c = await createCaseFixture(t, w.tenant.admin, { typeId: w.typeId, customerId: w.customerId });
    const url = `/api/v1/cases/${c.id}/internal-records`;
    const admin = api(t.app, w.tenant.admin);
    expect((await admin.post(url, { body: 'x'.repeat(20_000) })).statusCode).toBe(201);
    expect(problem(await admin.post(url, { body: 'x'.repeat(20_001) })).errors?.[0]?.field).toBe('body');
    expect(problem(await admin.post(url, { body: '' })).errors?.[0]?.field).toBe('body');
    expect((await api(t.app).get(url)).statusCode).toBe(401);
    const other = await world();
    expect((await api(t.app, other.tenant.admin).get(url)).statusCode).toBe(404);
    expect((await api(t.app, other.tenant.admin).post(url, { body: 'x' })).statusCode).toBe(404);
    await t.ctx.db
      .updateTable('cases')
      .set({ state: 'merged' })
      .where('tenant_id', '=', w.tenant.tenantId)
      .where('id', '=', c.id)
      .execute();
    expect(problem(await admin.post(url, { body: 'late' })).code).toBe('case_invalid_transition');
  });
});

describe('internal record attachments', () => {
  it("are the record's own: owner and administrators only, never among the case's attachments, 5 files per record", async () => {
    const w = await world();
    const owner = await createUserFixture(t, w.tenant);
    const queryAll = await createUserFixture(t, w.tenant, {
      roleIds: [await createRoleFixture(t, w.tenant, ['case.queryAll'])],
    });
    const c = await createCaseFixture(t, owner.session, { typeId: w.typeId, customerId: w.customerId });
    const record = (
      await api(t.app, owner.session).post(`/api/v1/cases/${c.id}/internal-records`, {
        body: 'see the photo',
      })
    ).json<{ id: string }>();
    const upload = (session: Session, name = 'photo.png') => {
      const { body, contentType } = fileUpload(name, png());
      return t.app.inject({
        method: 'POST',
        url: `/api/v1/internal-records/${record.id}/attachments`,
        payload: body,
        headers: { ...authHeaders(session), 'content-type': contentType },
      });
    };
    const added = await upload(owner.session);
    expect(added.statusCode, added.body).toBe(201);
    const id = added.json<{ id: string }>().id;
    expect(
      (await api(t.app, owner.session).get(`/api/v1/internal-records/${record.id}/attachments`))
        .json<{ items: { id: string }[] }>()
        .items.map((a) => a.id),
    ).toEqual([id]);
    expect(
      (await api(t.app, owner.session).get(`/api/v1/cases/${c.id}/attachments`)).json<{ items: unknown[] }>()
        .items,
    ).toEqual([]);
    expect((await api(t.app, w.tenant.admin).get(`/api/v1/attachments/${id}/content`)).statusCode).toBe(200);
    expect(
      (await api(t.app, queryAll.session).get(`/api/v1/internal-records/${record.id}/attachments`))
        .statusCode,
    ).toBe(403);
    expect((await upload(queryAll.session)).statusCode).toBe(403);
    expect((await api(t.app, queryAll.session).get(`/api/v1/attachments/${id}/content`)).statusCode).toBe(
      404,
    );
    for (let i = 2; i <= 5; i++) expect((await upload(owner.session, `p${i}.png`)).statusCode).toBe(201);
    expect(problem(await upload(owner.session, 'p6.png')).code).toBe('attachment_limit_exceeded');
    const other = await world();
    expect(
      (await api(t.app, other.tenant.admin).get(`/api/v1/internal-records/${record.id}/attachments`))
        .statusCode,
    ).toBe(404);
  });
});

describe('contact records', () => {
  const record = (over: Record<string, unknown> = {}) => ({
    channel: 'voice',
    direction: 'inbound',
    caller: '+86 138 0013 8000',
    callee: '400-800-1234',
    startedAt: t.clock.now().toISOString(),
    ...over,
  });

  it('an integration records a call; a case created from it carries its InteractionId and lists it', async () => {
    const w = await world();
    const { token } = (
      await api(t.app, w.tenant.admin).post('/api/v1/auth/tokens', { name: 'voice workbench' })
    ).json<{ token: string }>();
    const integration = api(t.app, { bearer: token });
    const created = await integration.post(
      '/api/v1/contact-records',
      record({ customerId: w.customerId, summary: 'asked for a refund' }),
    );
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    const c = await createCaseFixture(t, w.tenant.admin, {
      typeId: w.typeId,
      customerId: w.customerId,
      interactionId: id,
      origin: 'voice',
    });
    expect(c.interactionId).toBe(id);
    const listed = (await api(t.app, w.tenant.admin).get(`/api/v1/cases/${c.id}/contact-records`)).json<{
      items: { id: string }[];
    }>();
    expect(listed.items.map((r) => r.id)).toEqual([id]);
    expect((await integration.get(`/api/v1/contact-records/${id}`)).statusCode).toBe(200);
  });

  it('is readable at 6 days 23 hours and expired (410) at 7 days 1 minute, for every reader', async () => {
    const w = await world();
    const user = await createUserFixture(t, w.tenant);
    // Days pass in this test: sessions would expire, tokens do not.
    const agentToken = (await api(t.app, user.session).post('/api/v1/auth/tokens', { name: 'days' })).json<{
      token: string;
    }>().token;
    const adminToken = (await api(t.app, w.tenant.admin).post('/api/v1/auth/tokens', { name: 'days' })).json<{
      token: string;
    }>().token;
    const agent = { session: { bearer: agentToken } };
    const admin = { bearer: adminToken };
    const start = t.clock.now();
    const id = (
      await api(t.app, w.tenant.admin).post('/api/v1/contact-records', record({ customerId: w.customerId }))
    ).json<{ id: string }>().id;
    const c = await createCaseFixture(t, agent.session, {
      typeId: w.typeId,
      customerId: w.customerId,
      interactionId: id,
    });
    t.clock.set(new Date(start.getTime() + 6 * DAY_MS + 23 * HOUR_MS));
    expect((await api(t.app, agent.session).get(`/api/v1/contact-records/${id}`)).statusCode).toBe(200);
    expect(
      (await api(t.app, agent.session).get(`/api/v1/cases/${c.id}/contact-records`)).json<{ total: number }>()
        .total,
    ).toBe(1);
    t.clock.set(new Date(start.getTime() + 7 * DAY_MS + MINUTE_MS));
    for (const session of [agent.session, admin]) {
      const expired = await api(t.app, session).get(`/api/v1/contact-records/${id}`);
      expect(expired.statusCode).toBe(410);
      expect(problem(expired).code).toBe('contact_record_expired');
    }
    expect(
      (await api(t.app, agent.session).get(`/api/v1/cases/${c.id}/contact-records`)).json<{ total: number }>()
        .total,
    ).toBe(0);
  });

  it('a record may start long ago (201) but reading it is 410', async () => {
    const w = await world();
    const old = await api(t.app, w.tenant.admin).post(
      '/api/v1/contact-records',
      record({ startedAt: new Date(t.clock.now().getTime() - 30 * DAY_MS).toISOString() }),
    );
    expect(old.statusCode).toBe(201);
    expect(
      (await api(t.app, w.tenant.admin).get(`/api/v1/contact-records/${old.json<{ id: string }>().id}`))
        .statusCode,
    ).toBe(410);
  });

  it('someone with no linked case cannot see it (404), nor can another tenant; bad input is 400; 401 without credentials', async () => {
    const w = await world();
    const stranger = await createUserFixture(t, w.tenant);
    const id = (
      await api(t.app, w.tenant.admin).post('/api/v1/contact-records', record({ customerId: w.customerId }))
    ).json<{ id: string }>().id;
    await createCaseFixture(t, w.tenant.admin, {
      typeId: w.typeId,
      customerId: w.customerId,
      interactionId: id,
    });
    expect((await api(t.app, stranger.session).get(`/api/v1/contact-records/${id}`)).statusCode).toBe(404);
    const other = await world();
    expect((await api(t.app, other.tenant.admin).get(`/api/v1/contact-records/${id}`)).statusCode).toBe(404);
    expect(
      problem(await api(t.app, w.tenant.admin).post('/api/v1/contact-records', record({ channel: 'fax' })))
        .errors?.[0]?.field,
    ).toBe('channel');
    expect(
      problem(
        await api(t.app, w.tenant.admin).post('/api/v1/contact-records', record({ customerId: 'nope' })),
      ).errors?.[0]?.field,
    ).toBe('customerId');
    expect((await api(t.app).post('/api/v1/contact-records', record())).statusCode).toBe(401);
    const badCase = await api(t.app, w.tenant.admin).post('/api/v1/cases', {
      typeId: w.typeId,
      customerId: w.customerId,
      title: 'x',
      description: 'y',
      priority: 'low',
      origin: 'voice',
      interactionId: 'no-such-record',
    });
    expect(problem(badCase).errors?.[0]?.field).toBe('interactionId');
  });
});

describe('evaluation', () => {
  async function closedCase(w: {
    tenant: TenantFixture;
    typeId: string;
    customerId: string;
  }): Promise<CaseJson> {
    const c = await createCaseFixture(t, w.tenant.admin, { typeId: w.typeId, customerId: w.customerId });
    await api(t.app, w.tenant.admin).post(`/api/v1/cases/${c.id}/status`, { status: 'Done' });
    return (await api(t.app, w.tenant.admin).post(`/api/v1/cases/${c.id}/close`, {})).json<CaseJson>();
  }
  const tokenOf = (url: string) => url.split('/evaluate/')[1] ?? '';

  it('an agent evaluates a closed case once per closing; not before it is closed', async () => {
    const w = await world();
    const open = await createCaseFixture(t, w.tenant.admin, { typeId: w.typeId, customerId: w.customerId });
    expect(
      problem(await api(t.app, w.tenant.admin).put(`/api/v1/cases/${open.id}/evaluation`, { rating: 5 }))
        .code,
    ).toBe('case_invalid_transition');
    const c = await closedCase(w);
    const first = await api(t.app, w.tenant.admin).put(`/api/v1/cases/${c.id}/evaluation`, {
      rating: 4,
      comment: 'quick and friendly',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      evaluation: { rating: 4, comment: 'quick and friendly', source: 'agent' },
      customerLink: null,
    });
    expect(
      problem(await api(t.app, w.tenant.admin).put(`/api/v1/cases/${c.id}/evaluation`, { rating: 1 })).code,
    ).toBe('evaluation_exists');
    expect(
      problem(await api(t.app, w.tenant.admin).put(`/api/v1/cases/${c.id}/evaluation`, { rating: 6 }))
        .errors?.[0]?.field,
    ).toBe('rating');
  });

  it("the customer's link: shown to staff, works once without sign-in, then 409; tampered 404", async () => {
    const w = await world();
    const c = await closedCase(w);
    const view = (await api(t.app, w.tenant.admin).get(`/api/v1/cases/${c.id}/evaluation`)).json<{
      customerLink: { url: string; expiresAt: string };
    }>();
    expect(view.customerLink.url).toContain('/evaluate/');
    const token = tokenOf(view.customerLink.url);
    const shown = await api(t.app).get(`/api/v1/public/evaluations/${token}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ caseNo: c.caseNo, title: 'Refund not received' });
    const tampered = `${token.slice(0, -3)}abc`;
    expect((await api(t.app).get(`/api/v1/public/evaluations/${tampered}`)).statusCode).toBe(404);
    const sent = await api(t.app).post(`/api/v1/public/evaluations/${token}`, { rating: 5, comment: '谢谢' });
    expect(sent.statusCode).toBe(200);
    expect(problem(await api(t.app).get(`/api/v1/public/evaluations/${token}`)).code).toBe(
      'evaluation_exists',
    );
    expect(problem(await api(t.app).post(`/api/v1/public/evaluations/${token}`, { rating: 1 })).code).toBe(
      'evaluation_exists',
    );
    const after = (await api(t.app, w.tenant.admin).get(`/api/v1/cases/${c.id}/evaluation`)).json<{
      evaluation: { source: string; rating: number };
      customerLink: null;
    }>();
    expect(after).toMatchObject({ evaluation: { source: 'customer', rating: 5 }, customerLink: null });
  });

  it('the link expires after 14 days (410) and dies when the case restarts (404); the next closing gets a new one', async () => {
    const w = await world();
    const c = await closedCase(w);
    const token = tokenOf(
      (await api(t.app, w.tenant.admin).get(`/api/v1/cases/${c.id}/evaluation`)).json<{
        customerLink: { url: string };
      }>().customerLink.url,
    );
    await api(t.app, w.tenant.admin).put(`/api/v1/cases/${c.id}/evaluation`, { rating: 2 });
    await api(t.app, w.tenant.admin).post(`/api/v1/cases/${c.id}/restart`, {});
    expect((await api(t.app).get(`/api/v1/public/evaluations/${token}`)).statusCode).toBe(404);
    await api(t.app, w.tenant.admin).post(`/api/v1/cases/${c.id}/status`, { status: 'Done' });
    await api(t.app, w.tenant.admin).post(`/api/v1/cases/${c.id}/close`, {});
    const second = (await api(t.app, w.tenant.admin).get(`/api/v1/cases/${c.id}/evaluation`)).json<{
      evaluation: null;
      customerLink: { url: string };
      history: { rating: number }[];
    }>();
    expect(second.evaluation).toBeNull();
    expect(second.history.map((h) => h.rating)).toEqual([2]);
    const fresh = tokenOf(second.customerLink.url);
    expect(fresh).not.toBe(token);
    t.clock.advance(14 * DAY_MS + MINUTE_MS);
    const expired = await api(t.app).get(`/api/v1/public/evaluations/${fresh}`);
    expect(expired.statusCode).toBe(410);
    expect(problem(expired).code).toBe('evaluation_link_expired');
  });
});

describe('customer panel', () => {
  it("shows the case's customer and their other cases, newest first, without this one", async () => {
    const w = await world();
    const first = await createCaseFixture(t, w.tenant.admin, {
      typeId: w.typeId,
      customerId: w.customerId,
      title: 'First',
    });
    t.clock.advance(MINUTE_MS);
    const second = await createCaseFixture(t, w.tenant.admin, {
      typeId: w.typeId,
      customerId: w.customerId,
      title: 'Second',
    });
    t.clock.advance(MINUTE_MS);
    const third = await createCaseFixture(t, w.tenant.admin, {
      typeId: w.typeId,
      customerId: w.customerId,
      title: 'Third',
    });
    const panel = (await api(t.app, w.tenant.admin).get(`/api/v1/cases/${second.id}/customer`)).json<{
      customer: { id: string; phones: string[] };
      historicalCases: { id: string; state: string; status: string }[];
    }>();
    expect(panel.customer.id).toBe(w.customerId);
    expect(panel.customer.phones).toHaveLength(1);
    expect(panel.historicalCases.map((c) => c.id)).toEqual([third.id, first.id]);
    expect(panel.historicalCases[0]).toMatchObject({ state: 'open', status: 'New' });
    const other = await world();
    expect((await api(t.app, other.tenant.admin).get(`/api/v1/cases/${second.id}/customer`)).statusCode).toBe(
      404,
    );
  });
});
