import { Validator } from '@seriousme/openapi-schema-validator';
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
import {
  createCaseFixture,
  createCaseTypeFixture,
  createCustomerFixture,
  putCaseInState,
  type CaseJson,
} from '../support/cases.js';
import { fileUpload, pdf, png } from '../support/files.js';

/**
 * Case tasks (SPEC §6 "Case Task tab", §13 "Tasks", "Views", "Writes by state", "Order of refusals";
 * API.md tasks routes): who creates, works, hands on and edits a task; the three Tasks views; task
 * handlers' access to the case; verifyTasks on close; the case track; and every route's refusals.
 */

const HOUR = 3_600_000;

interface TaskJson {
  id: string;
  caseId: string;
  caseNo: number;
  title: string;
  description: string;
  ownerId: string | null;
  ouId: string | null;
  priority: string;
  dueAt: string | null;
  status: string;
  creatorId: string;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  abilities: { changeStatus: boolean; transfer: boolean; addRecord: boolean; attach: boolean; edit: boolean };
}

interface ListJson<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

interface RecordJson {
  id: string;
  taskId: string;
  title: string;
  body: string;
  authorId: string;
  createdAt: string;
}

interface TrackJson {
  kind: string;
  actorId: string;
  remark?: string;
  changes?: Record<string, unknown[]>;
}

let t: TestApp;
let tenant: TenantFixture;
let other: TenantFixture;
let typeId: string;
let process: string[];
let verifyingType: { id: string; process: string[] };
let customerId: string;
let billingOuId: string;
let legalOuId: string;
/** Owns (and created) the cases of most tests; no roles. */
let caseOwner: UserFixture;
/** Holds case.edit (and so case.queryAll): may create tasks on cases they see. */
let editor: UserFixture;
/** Holds case.queryAll only: sees every case, may not create or work tasks. */
let viewer: UserFixture;
/** Two members of Billing, without roles: they see a case only through its tasks. */
let billingA: UserFixture;
let billingB: UserFixture;
/** Two users of Legal, without roles. */
let legalA: UserFixture;
let legalB: UserFixture;
/** No roles, root OU, no relation to any case. */
let outsider: UserFixture;
let disabledUserId: string;
/** Another tenant's case and task, for the 404s. */
let foreignCaseId: string;
let foreignTaskId: string;
let foreignOuId: string;

async function createOu(session: Session, name: string, parentId: string): Promise<string> {
  const response = await api(t.app, session).post('/api/v1/ous', { name, parentId });
  if (response.statusCode !== 201) throw new Error(`OU creation failed: ${response.body}`);
  return response.json<{ id: string }>().id;
}

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTenantFixture(t);
  other = await createTenantFixture(t);
  ({ id: typeId, process } = await createCaseTypeFixture(t, tenant, { process: ['New', 'Working', 'Done'] }));
  verifyingType = await createCaseTypeFixture(t, tenant, {
    process: ['New', 'Done'],
    verifyTasks: true,
  });
  customerId = await createCustomerFixture(t, tenant);
  billingOuId = await createOu(tenant.admin, 'Billing', tenant.rootOuId);
  legalOuId = await createOu(tenant.admin, 'Legal', tenant.rootOuId);
  const editRole = await createRoleFixture(t, tenant, ['case.edit']);
  const queryRole = await createRoleFixture(t, tenant, ['case.queryAll']);
  caseOwner = await createUserFixture(t, tenant, { name: 'Case owner' });
  editor = await createUserFixture(t, tenant, { name: 'Editor', roleIds: [editRole] });
  viewer = await createUserFixture(t, tenant, { name: 'Viewer', roleIds: [queryRole] });
  billingA = await createUserFixture(t, tenant, { name: 'Billing A', ouId: billingOuId });
  billingB = await createUserFixture(t, tenant, { name: 'Billing B', ouId: billingOuId });
  legalA = await createUserFixture(t, tenant, { name: 'Legal A', ouId: legalOuId });
  legalB = await createUserFixture(t, tenant, { name: 'Legal B', ouId: legalOuId });
  outsider = await createUserFixture(t, tenant, { name: 'Outsider' });
  const disabled = await createUserFixture(t, tenant, { name: 'Gone' });
  disabledUserId = disabled.id;
  expect(
    (await api(t.app, tenant.admin).patch(`/api/v1/users/${disabledUserId}`, { disabled: true })).statusCode,
  ).toBe(200);

  const foreignType = await createCaseTypeFixture(t, other);
  const foreignCustomer = await createCustomerFixture(t, other);
  foreignOuId = other.rootOuId;
  foreignCaseId = (
    await createCaseFixture(t, other.admin, { typeId: foreignType.id, customerId: foreignCustomer })
  ).id;
  const foreignTask = await api(t.app, other.admin).post(`/api/v1/cases/${foreignCaseId}/tasks`, {
    title: 'Foreign task',
    ownerId: other.adminId,
  });
  expect(foreignTask.statusCode, foreignTask.body).toBe(201);
  foreignTaskId = foreignTask.json<TaskJson>().id;
});
afterAll(() => t.close());

/** A case created (and so owned) by `session`, default the case owner, of the default type. */
async function newCase(session: Session = caseOwner.session, type = typeId): Promise<CaseJson> {
  return createCaseFixture(t, session, { typeId: type, customerId });
}

async function createTask(
  session: Session,
  caseId: string,
  body: Record<string, unknown>,
): Promise<TaskJson> {
  const response = await api(t.app, session).post(`/api/v1/cases/${caseId}/tasks`, {
    title: 'Check the invoice',
    ...body,
  });
  if (response.statusCode !== 201)
    throw new Error(`task creation failed: ${response.statusCode} ${response.body}`);
  return response.json<TaskJson>();
}

async function setStatus(session: Session, taskId: string, status: string): Promise<TaskJson> {
  const response = await api(t.app, session).post(`/api/v1/tasks/${taskId}/status`, { status });
  if (response.statusCode !== 200)
    throw new Error(`status ${status} failed: ${response.statusCode} ${response.body}`);
  return response.json<TaskJson>();
}

async function transfer(session: Session, taskId: string, ownerId: string): Promise<TaskJson> {
  const response = await api(t.app, session).post(`/api/v1/tasks/${taskId}/transfer`, { ownerId });
  if (response.statusCode !== 200)
    throw new Error(`transfer failed: ${response.statusCode} ${response.body}`);
  return response.json<TaskJson>();
}

async function caseStatusCode(session: Session, caseId: string): Promise<number> {
  return (await api(t.app, session).get(`/api/v1/cases/${caseId}`)).statusCode;
}

async function viewOf(session: Session, query: string): Promise<ListJson<TaskJson>> {
  const response = await api(t.app, session).get(`/api/v1/tasks?${query}`);
  if (response.statusCode !== 200) throw new Error(`task view ${query} failed: ${response.body}`);
  return response.json<ListJson<TaskJson>>();
}

/** Puts a case straight into `merged` (merging itself is another feature's; its state is what counts here). */
async function markMerged(caseId: string): Promise<void> {
  await t.ctx.db
    .updateTable('cases')
    .set({ state: 'merged' })
    .where('tenant_id', '=', tenant.tenantId)
    .where('id', '=', caseId)
    .execute();
}

function authHeaders(session?: Session): Record<string, string> {
  if (!session) return {};
  return {
    ...(session.cookie ? { cookie: `casedesk_session=${session.cookie}` } : {}),
    ...(session.csrfToken ? { 'x-csrf-token': session.csrfToken } : {}),
  };
}

/** Uploads one file as `multipart/form-data` in the field `file`. */
function uploadTo(
  session: Session | undefined,
  url: string,
  filename = 'receipt.png',
  content: Buffer = png(),
) {
  const { body, contentType } = fileUpload(filename, content);
  return t.app.inject({
    method: 'POST',
    url,
    payload: body,
    headers: { ...authHeaders(session), 'content-type': contentType },
  });
}

interface AttachmentJson {
  id: string;
  name: string;
  size: number;
  contentType: string;
  uploaderId: string;
}

function future(hours = 24): string {
  return new Date(t.clock.now().getTime() + hours * HOUR).toISOString();
}

describe('creating tasks', () => {
  it('the case owner, a case.edit holder and a tenant administrator create tasks (201)', async () => {
    const c = await newCase();
    const due = future();
    const byOwner = await api(t.app, caseOwner.session).post(`/api/v1/cases/${c.id}/tasks`, {
      title: '  Check the invoice  ',
      description: 'Compare it with the contract.',
      ownerId: billingA.id,
      ouId: billingOuId,
      priority: 'high',
      dueAt: due,
    });
    expect(byOwner.statusCode, byOwner.body).toBe(201);
    const task = byOwner.json<TaskJson>();
    expect(byOwner.headers.location).toBe(`/api/v1/tasks/${task.id}`);
    expect(task).toMatchObject({
      caseId: c.id,
      caseNo: c.caseNo,
      title: 'Check the invoice',
      description: 'Compare it with the contract.',
      ownerId: billingA.id,
      ouId: billingOuId,
      priority: 'high',
      dueAt: due,
      status: 'pending',
      creatorId: caseOwner.id,
      completedAt: null,
    });
    // The creator (case owner) may hand it on and edit it, but not work it.
    expect(task.abilities).toEqual({
      changeStatus: false,
      transfer: true,
      addRecord: false,
      attach: false,
      edit: true,
    });

    const byEditor = await createTask(editor.session, c.id, { ouId: legalOuId });
    expect(byEditor).toMatchObject({
      ownerId: null,
      ouId: legalOuId,
      priority: 'medium',
      description: '',
      dueAt: null,
    });
    const byAdmin = await createTask(tenant.admin, c.id, { ownerId: legalA.id });
    expect(byAdmin.creatorId).toBe(tenant.adminId);

    const listed = (await api(t.app, caseOwner.session).get(`/api/v1/cases/${c.id}/tasks`)).json<
      ListJson<TaskJson>
    >();
    expect(listed.items.map((i) => i.id)).toEqual([task.id, byEditor.id, byAdmin.id]);
    expect(listed.total).toBe(3);
    expect(listed.nextCursor).toBeNull();
    // The task owner sees their own abilities when reading the task.
    const asOwner = (await api(t.app, billingA.session).get(`/api/v1/tasks/${task.id}`)).json<TaskJson>();
    expect(asOwner.abilities).toEqual({
      changeStatus: true,
      transfer: true,
      addRecord: true,
      attach: true,
      edit: true,
    });
  });

  it('abilities.createTask is true for those who may create and only while the case is open or suspended', async () => {
    const c = await newCase();
    const abilityOf = async (session: Session, id = c.id) =>
      (await api(t.app, session).get(`/api/v1/cases/${id}`)).json<CaseJson>().abilities.createTask;
    expect(await abilityOf(caseOwner.session)).toBe(true);
    expect(await abilityOf(editor.session)).toBe(true);
    expect(await abilityOf(tenant.admin)).toBe(true);
    expect(await abilityOf(viewer.session)).toBe(false);
    const closed = await newCase();
    await putCaseInState(t, caseOwner.session, closed.id, 'closed', process);
    expect(await abilityOf(caseOwner.session, closed.id)).toBe(false);
  });

  it('others who see the case get 403; those who do not see it get 404', async () => {
    const c = await newCase();
    const task = await createTask(caseOwner.session, c.id, { ownerId: billingA.id });
    for (const session of [viewer.session, billingA.session]) {
      const refused = await api(t.app, session).post(`/api/v1/cases/${c.id}/tasks`, {
        title: 'Mine too',
        ownerId: billingA.id,
      });
      expect(refused.statusCode).toBe(403);
      expect(problem(refused).code).toBe('forbidden');
    }
    const hidden = await api(t.app, outsider.session).post(`/api/v1/cases/${c.id}/tasks`, {
      title: 'Sneaky',
      ownerId: outsider.id,
    });
    expect(hidden.statusCode).toBe(404);
    const tasks = (await api(t.app, tenant.admin).get(`/api/v1/cases/${c.id}/tasks`)).json<
      ListJson<TaskJson>
    >();
    expect(tasks.items.map((i) => i.id)).toEqual([task.id]);
  });

  it('is 400 naming the field for every broken limit and unknown id', async () => {
    const c = await newCase();
    const client = api(t.app, caseOwner.session);
    const cases: [Record<string, unknown>, string][] = [
      [{ ownerId: billingA.id }, 'title'],
      [{ title: '   ', ownerId: billingA.id }, 'title'],
      [{ title: 'x'.repeat(129), ownerId: billingA.id }, 'title'],
      [{ title: 'T', description: 'x'.repeat(20_001), ownerId: billingA.id }, 'description'],
      [{ title: 'T' }, 'ownerId'],
      [{ title: 'T', ownerId: 'no-such-user' }, 'ownerId'],
      [{ title: 'T', ownerId: other.adminId }, 'ownerId'],
      [{ title: 'T', ownerId: disabledUserId }, 'ownerId'],
      [{ title: 'T', ouId: 'no-such-ou' }, 'ouId'],
      [{ title: 'T', ouId: foreignOuId }, 'ouId'],
      [{ title: 'T', ownerId: billingA.id, priority: 'urgent' }, 'priority'],
      [{ title: 'T', ownerId: billingA.id, dueAt: 'tomorrow' }, 'dueAt'],
      [
        { title: 'T', ownerId: billingA.id, dueAt: new Date(t.clock.now().getTime() - HOUR).toISOString() },
        'dueAt',
      ],
      [{ title: 'T', ownerId: billingA.id, dueAt: t.clock.now().toISOString() }, 'dueAt'],
      [{ title: 'T', ownerId: billingA.id, status: 'completed' }, 'status'],
    ];
    for (const [body, field] of cases) {
      const response = await client.post(`/api/v1/cases/${c.id}/tasks`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(problem(response).code).toBe('validation_failed');
      expect(
        problem(response).errors?.map((e) => e.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    const malformed = await client.raw('POST', `/api/v1/cases/${c.id}/tasks`, '{"title":');
    expect(malformed.statusCode).toBe(400);
    const tasks = (await client.get(`/api/v1/cases/${c.id}/tasks`)).json<ListJson<TaskJson>>();
    expect(tasks.total).toBe(0);
  });

  it('is allowed on a suspended case and 409 case_invalid_transition on a closed, cancelled or merged one', async () => {
    const suspended = await newCase();
    await putCaseInState(t, caseOwner.session, suspended.id, 'suspended', process);
    await createTask(caseOwner.session, suspended.id, { ownerId: billingA.id });
    const closed = await newCase();
    await putCaseInState(t, caseOwner.session, closed.id, 'closed', process);
    const cancelled = await newCase();
    await putCaseInState(t, caseOwner.session, cancelled.id, 'cancelled', process);
    const merged = await newCase();
    await markMerged(merged.id);
    for (const c of [closed, cancelled, merged]) {
      const response = await api(t.app, caseOwner.session).post(`/api/v1/cases/${c.id}/tasks`, {
        title: 'Too late',
        ownerId: billingA.id,
      });
      expect(response.statusCode).toBe(409);
      expect(problem(response).code).toBe('case_invalid_transition');
    }
    // The order of refusals: a bad body is 400 before the state's 409, and a missing right 403 before it.
    const badBody = await api(t.app, caseOwner.session).post(`/api/v1/cases/${closed.id}/tasks`, {
      title: '',
    });
    expect(badBody.statusCode).toBe(400);
    const noRight = await api(t.app, viewer.session).post(`/api/v1/cases/${closed.id}/tasks`, {
      title: 'No',
      ownerId: billingA.id,
    });
    expect(noRight.statusCode).toBe(403);
  });

  it('the same create repeated with one Idempotency-Key makes one task', async () => {
    const c = await newCase();
    const client = api(t.app, caseOwner.session);
    const headers = { 'idempotency-key': `task-once-${c.id}` };
    const body = { title: 'Once', ownerId: billingA.id };
    const first = await client.post(`/api/v1/cases/${c.id}/tasks`, body, headers);
    const second = await client.post(`/api/v1/cases/${c.id}/tasks`, body, headers);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(second.json<TaskJson>().id).toBe(first.json<TaskJson>().id);
    expect((await client.get(`/api/v1/cases/${c.id}/tasks`)).json<ListJson<TaskJson>>().total).toBe(1);
  });
});

describe('task status', () => {
  it('allows every move between pending, processing and completed; completedAt follows completion', async () => {
    const c = await newCase();
    const task = await createTask(caseOwner.session, c.id, { ownerId: billingA.id });
    const moves: [string, string][] = [
      ['pending', 'processing'],
      ['processing', 'completed'],
      ['completed', 'pending'],
      ['pending', 'completed'],
      ['completed', 'processing'],
      ['processing', 'pending'],
    ];
    for (const [from, to] of moves) {
      t.clock.advance(1000);
      const moved = await setStatus(billingA.session, task.id, to);
      expect([from, moved.status]).toEqual([from, to]);
      expect(moved.completedAt).toBe(to === 'completed' ? t.clock.now().toISOString() : null);
      expect(moved.updatedAt).toBe(t.clock.now().toISOString());
    }
    const fresh = (await api(t.app, billingA.session).get(`/api/v1/tasks/${task.id}`)).json<TaskJson>();
    expect(fresh.status).toBe('pending');
  });

  it('moving to the status the task already has is 409 case_invalid_transition', async () => {
    const c = await newCase();
    const task = await createTask(caseOwner.session, c.id, { ownerId: billingA.id });
    const same = await api(t.app, billingA.session).post(`/api/v1/tasks/${task.id}/status`, {
      status: 'pending',
    });
    expect(same.statusCode).toBe(409);
    expect(problem(same).code).toBe('case_invalid_transition');
  });

  it('only the owner (and tenant administrators) change an owned task; creator, case owner and OU mates get 403', async () => {
    const c = await newCase(caseOwner.session);
    const task = await createTask(editor.session, c.id, { ownerId: billingA.id, ouId: billingOuId });
    for (const session of [editor.session, caseOwner.session, billingB.session, viewer.session]) {
      const response = await api(t.app, session).post(`/api/v1/tasks/${task.id}/status`, {
        status: 'processing',
      });
      expect(response.statusCode).toBe(session === billingB.session ? 404 : 403);
    }
    expect((await setStatus(billingA.session, task.id, 'processing')).status).toBe('processing');
    expect((await setStatus(tenant.admin, task.id, 'completed')).status).toBe('completed');
  });

  it('every member of the OU of an OU-only task changes its status; others get 403', async () => {
    const c = await newCase();
    const task = await createTask(caseOwner.session, c.id, { ouId: billingOuId });
    expect((await setStatus(billingA.session, task.id, 'processing')).status).toBe('processing');
    expect((await setStatus(billingB.session, task.id, 'completed')).status).toBe('completed');
    for (const session of [caseOwner.session, editor.session]) {
      const response = await api(t.app, session).post(`/api/v1/tasks/${task.id}/status`, {
        status: 'pending',
      });
      expect(response.statusCode).toBe(403);
    }
  });

  it('two members moving the same task at once: one wins, the other gets a 409', async () => {
    const c = await newCase();
    const task = await createTask(caseOwner.session, c.id, { ouId: billingOuId });
    const [a, b] = await Promise.all([
      api(t.app, billingA.session).post(`/api/v1/tasks/${task.id}/status`, { status: 'processing' }),
      api(t.app, billingB.session).post(`/api/v1/tasks/${task.id}/status`, { status: 'processing' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(['version_conflict', 'case_invalid_transition']).toContain(problem(loser).code);
    const track = (await api(t.app, caseOwner.session).get(`/api/v1/cases/${c.id}/track`)).json<
      ListJson<TrackJson>
    >();
    expect(track.items.filter((e) => e.kind === 'task.status')).toHaveLength(1);
  });
});

describe('transferring tasks', () => {
  it('the creator, the owner and the case owner hand a task on; the new owner then works it', async () => {
    const c = await newCase(caseOwner.session);
    const task = await createTask(editor.session, c.id, { ownerId: billingA.id, ouId: billingOuId });
    const byCreator = await transfer(editor.session, task.id, billingB.id);
    expect(byCreator).toMatchObject({ ownerId: billingB.id, ouId: billingOuId, status: 'pending' });
    const byOwner = await transfer(billingB.session, task.id, legalA.id);
    expect(byOwner.ownerId).toBe(legalA.id);
    const byCaseOwner = await transfer(caseOwner.session, task.id, legalB.id);
    expect(byCaseOwner.ownerId).toBe(legalB.id);
    const byAdmin = await transfer(tenant.admin, task.id, billingA.id);
    expect(byAdmin.ownerId).toBe(billingA.id);
    expect((await setStatus(billingA.session, task.id, 'processing')).status).toBe('processing');
    // The former owner keeps reading the task, but no longer works it.
    const former = (await api(t.app, legalA.session).get(`/api/v1/tasks/${task.id}`)).json<TaskJson>();
    expect(former.abilities).toMatchObject({
      changeStatus: false,
      transfer: false,
      addRecord: false,
      edit: false,
    });
  });

  it('is 403 for everyone else who sees the task, OU mates of an OU-only task included', async () => {
    const c = await newCase();
    const owned = await createTask(caseOwner.session, c.id, { ownerId: billingA.id });
    const ouOnly = await createTask(caseOwner.session, c.id, { ouId: billingOuId });
    for (const [session, taskId] of [
      [viewer.session, owned.id],
      [editor.session, owned.id],
      [billingB.session, ouOnly.id],
      [billingA.session, ouOnly.id],
    ] as const) {
      const response = await api(t.app, session).post(`/api/v1/tasks/${taskId}/transfer`, {
        ownerId: legalA.id,
      });
      expect(response.statusCode).toBe(403);
      expect(problem(response).code).toBe('forbidden');
    }
  });

  it('is 400 on ownerId for a missing, unknown, other tenant or disabled user, and 409 to the current owner', async () => {
    const c = await newCase();
    const task = await createTask(caseOwner.session, c.id, { ownerId: billingA.id });
    const client = api(t.app, caseOwner.session);
    for (const body of [{}, { ownerId: 'nobody' }, { ownerId: other.adminId }, { ownerId: disabledUserId }]) {
      const response = await client.post(`/api/v1/tasks/${task.id}/transfer`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(problem(response).errors?.map((e) => e.field)).toContain('ownerId');
    }
    const remark = await client.post(`/api/v1/tasks/${task.id}/transfer`, {
      ownerId: legalA.id,
      remark: 'x'.repeat(2001),
    });
    expect(problem(remark).errors?.map((e) => e.field)).toContain('remark');
    const same = await client.post(`/api/v1/tasks/${task.id}/transfer`, { ownerId: billingA.id });
    expect(same.statusCode).toBe(409);
    expect(problem(same).code).toBe('case_invalid_transition');
  });
});

describe('editing tasks', () => {
  it('the creator, the owner and the case owner edit title, description, priority and due time', async () => {
    const c = await newCase(caseOwner.session);
    const task = await createTask(editor.session, c.id, { ownerId: billingA.id });
    const due = future(48);
    const byCreator = await api(t.app, editor.session).patch(`/api/v1/tasks/${task.id}`, {
      title: 'Check both invoices',
      dueAt: due,
    });
    expect(byCreator.statusCode, byCreator.body).toBe(200);
    expect(byCreator.json<TaskJson>()).toMatchObject({ title: 'Check both invoices', dueAt: due });
    const byOwner = await api(t.app, billingA.session).patch(`/api/v1/tasks/${task.id}`, {
      priority: 'critical',
    });
    expect(byOwner.json<TaskJson>().priority).toBe('critical');
    const byCaseOwner = await api(t.app, caseOwner.session).patch(`/api/v1/tasks/${task.id}`, {
      description: 'And the credit note.',
      dueAt: null,
    });
    expect(byCaseOwner.json<TaskJson>()).toMatchObject({ description: 'And the credit note.', dueAt: null });
    const unchanged = await api(t.app, caseOwner.session).patch(`/api/v1/tasks/${task.id}`, {});
    expect(unchanged.statusCode).toBe(200);
    const track = (await api(t.app, caseOwner.session).get(`/api/v1/cases/${c.id}/track`)).json<
      ListJson<TrackJson>
    >();
    const edits = track.items.filter((e) => e.kind === 'task.edited');
    expect(edits).toHaveLength(3);
    expect(edits[1]?.changes).toEqual({ taskId: [task.id, task.id], priority: ['medium', 'critical'] });
  });

  it('is 403 for OU members and viewers, 400 per field, 409 on a closed case', async () => {
    const c = await newCase();
    const ouTask = await createTask(caseOwner.session, c.id, { ouId: billingOuId });
    for (const session of [billingA.session, viewer.session]) {
      const response = await api(t.app, session).patch(`/api/v1/tasks/${ouTask.id}`, { title: 'Mine now' });
      expect(response.statusCode).toBe(403);
    }
    const client = api(t.app, caseOwner.session);
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'title'],
      [{ title: 'x'.repeat(129) }, 'title'],
      [{ description: 'x'.repeat(20_001) }, 'description'],
      [{ priority: 'none' }, 'priority'],
      [{ dueAt: new Date(t.clock.now().getTime() - HOUR).toISOString() }, 'dueAt'],
      [{ ownerId: billingA.id }, 'ownerId'],
    ];
    for (const [body, field] of cases) {
      const response = await client.patch(`/api/v1/tasks/${ouTask.id}`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(problem(response).errors?.map((e) => e.field)).toContain(field);
    }
    await putCaseInState(t, caseOwner.session, c.id, 'closed', process);
    const closed = await client.patch(`/api/v1/tasks/${ouTask.id}`, { title: 'After closing' });
    expect(closed.statusCode).toBe(409);
    expect(problem(closed).code).toBe('case_invalid_transition');
  });
});

describe('handling records', () => {
  it('the task owner adds records; everyone who sees the case reads them, oldest first and paged', async () => {
    const c = await newCase();
    const task = await createTask(caseOwner.session, c.id, { ownerId: legalA.id });
    const client = api(t.app, legalA.session);
    const first = await client.post(`/api/v1/tasks/${task.id}/records`, {
      title: 'Called',
      body: 'No answer.',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<RecordJson>()).toMatchObject({
      taskId: task.id,
      title: 'Called',
      body: 'No answer.',
      authorId: legalA.id,
      createdAt: t.clock.now().toISOString(),
    });
    t.clock.advance(1000);
    await client.post(`/api/v1/tasks/${task.id}/records`, {
      title: 'Called again',
      body: 'x'.repeat(20_000),
    });
    t.clock.advance(1000);
    await api(t.app, tenant.admin).post(`/api/v1/tasks/${task.id}/records`, {
      title: 'Admin note',
      body: 'Checked.',
    });

    for (const session of [caseOwner.session, viewer.session, editor.session, legalA.session]) {
      const page = (await api(t.app, session).get(`/api/v1/tasks/${task.id}/records`)).json<
        ListJson<RecordJson>
      >();
      expect(page.items.map((r) => r.title)).toEqual(['Called', 'Called again', 'Admin note']);
    }
    const one = (await client.get(`/api/v1/tasks/${task.id}/records?limit=2`)).json<ListJson<RecordJson>>();
    expect(one.items.map((r) => r.title)).toEqual(['Called', 'Called again']);
    expect(one.total).toBe(3);
    expect(one.nextCursor).not.toBeNull();
    const two = (
      await client.get(`/api/v1/tasks/${task.id}/records?limit=2&cursor=${one.nextCursor ?? ''}`)
    ).json<ListJson<RecordJson>>();
    expect(two.items.map((r) => r.title)).toEqual(['Admin note']);
    expect(two.nextCursor).toBeNull();
    expect((await api(t.app, outsider.session).get(`/api/v1/tasks/${task.id}/records`)).statusCode).toBe(404);
  });

  it('OU members add records to an OU-only task; others get 403; limits are 400 per field', async () => {
    const c = await newCase();
    const task = await createTask(caseOwner.session, c.id, { ouId: billingOuId });
    expect(
      (
        await api(t.app, billingB.session).post(`/api/v1/tasks/${task.id}/records`, {
          title: 'Seen',
          body: 'On it.',
        })
      ).statusCode,
    ).toBe(201);
    for (const session of [caseOwner.session, editor.session, viewer.session]) {
      const response = await api(t.app, session).post(`/api/v1/tasks/${task.id}/records`, {
        title: 'T',
        body: 'B',
      });
      expect(response.statusCode).toBe(403);
    }
    const cases: [Record<string, unknown>, string][] = [
      [{ body: 'B' }, 'title'],
      [{ title: 'x'.repeat(129), body: 'B' }, 'title'],
      [{ title: 'T' }, 'body'],
      [{ title: 'T', body: '' }, 'body'],
      [{ title: 'T', body: 'x'.repeat(20_001) }, 'body'],
    ];
    for (const [body, field] of cases) {
      const response = await api(t.app, billingA.session).post(`/api/v1/tasks/${task.id}/records`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(problem(response).errors?.map((e) => e.field)).toContain(field);
    }
  });
});

describe('Tasks views', () => {
  it('todo, processed and created hold exactly the expected tasks, filtered and paged', async () => {
    const fieldOu = await createOu(tenant.admin, 'Field service', tenant.rootOuId);
    const me = await createUserFixture(t, tenant, { name: 'Field A', ouId: fieldOu });
    const mate = await createUserFixture(t, tenant, { name: 'Field B', ouId: fieldOu });
    const c1 = await newCase();
    const names = new Map<string, string>();
    const make = async (name: string, session: Session, caseId: string, body: Record<string, unknown>) => {
      t.clock.advance(1000);
      const task = await createTask(session, caseId, { title: name, ...body });
      names.set(task.id, name);
      return task;
    };
    const ids = (list: ListJson<TaskJson>) => list.items.map((i) => names.get(i.id) ?? i.id);

    await make('t1 mine pending', caseOwner.session, c1.id, { ownerId: me.id });
    const t2 = await make('t2 mine completed', caseOwner.session, c1.id, { ownerId: me.id });
    await setStatus(me.session, t2.id, 'completed');
    await make('t3 field pending', caseOwner.session, c1.id, { ouId: fieldOu });
    const t4 = await make('t4 field processing by mate', caseOwner.session, c1.id, { ouId: fieldOu });
    await setStatus(mate.session, t4.id, 'processing');
    const t5 = await make('t5 field completed by me', caseOwner.session, c1.id, { ouId: fieldOu });
    await setStatus(me.session, t5.id, 'completed');
    const t6 = await make('t6 handed to mate', caseOwner.session, c1.id, { ownerId: me.id });
    await transfer(me.session, t6.id, mate.id);
    await make('t7 someone else', caseOwner.session, c1.id, { ownerId: legalA.id });
    const t8 = await make('t8 field worked then given to legal', caseOwner.session, c1.id, { ouId: fieldOu });
    await api(t.app, me.session).post(`/api/v1/tasks/${t8.id}/records`, {
      title: 'Looked',
      body: 'Not ours.',
    });
    await transfer(caseOwner.session, t8.id, legalB.id);
    await make('t10 mine with owner and other OU', caseOwner.session, c1.id, {
      ownerId: me.id,
      ouId: billingOuId,
    });
    // A case of my own, where I give out tasks.
    const c2 = await newCase(me.session);
    await make('t11 created by me for legal', me.session, c2.id, { ownerId: legalA.id });
    await make('t12 created by me for me', me.session, c2.id, { ownerId: me.id });

    // Newest first.
    expect(ids(await viewOf(me.session, 'view=todo'))).toEqual([
      't12 created by me for me',
      't10 mine with owner and other OU',
      't4 field processing by mate',
      't3 field pending',
      't1 mine pending',
    ]);
    // The default view is todo.
    expect(ids(await viewOf(me.session, ''))).toHaveLength(5);
    expect(ids(await viewOf(me.session, 'view=processed'))).toEqual([
      't8 field worked then given to legal',
      't6 handed to mate',
      't5 field completed by me',
      't2 mine completed',
    ]);
    expect(ids(await viewOf(me.session, 'view=created'))).toEqual([
      't12 created by me for me',
      't11 created by me for legal',
    ]);
    expect(ids(await viewOf(mate.session, 'view=todo'))).toEqual([
      't6 handed to mate',
      't4 field processing by mate',
      't3 field pending',
    ]);
    // The mate worked t4, but it is still theirs to do; they did not work t5.
    expect(ids(await viewOf(mate.session, 'view=processed'))).toEqual([]);
    expect(ids(await viewOf(mate.session, 'view=created'))).toEqual([]);

    // Filters.
    expect(ids(await viewOf(me.session, 'view=processed&status=completed'))).toEqual([
      't5 field completed by me',
      't2 mine completed',
    ]);
    expect(ids(await viewOf(me.session, 'view=processed&status=pending,processing'))).toEqual([
      't8 field worked then given to legal',
      't6 handed to mate',
    ]);
    expect(ids(await viewOf(me.session, `view=todo&caseId=${c2.id}`))).toEqual(['t12 created by me for me']);
    expect(ids(await viewOf(me.session, `view=todo&caseId=${c1.id}&status=processing`))).toEqual([
      't4 field processing by mate',
    ]);

    // Pagination by cursor, with the total on every page.
    const first = await viewOf(me.session, 'view=todo&limit=2');
    expect([ids(first), first.total]).toEqual([
      ['t12 created by me for me', 't10 mine with owner and other OU'],
      5,
    ]);
    const second = await viewOf(me.session, `view=todo&limit=2&cursor=${first.nextCursor ?? ''}`);
    expect([ids(second), second.total]).toEqual([['t4 field processing by mate', 't3 field pending'], 5]);
    const third = await viewOf(me.session, `view=todo&limit=2&cursor=${second.nextCursor ?? ''}`);
    expect([ids(third), third.total, third.nextCursor]).toEqual([['t1 mine pending'], 5, null]);
  });

  it('refuses an unknown view, status, limit or cursor with 400 naming the field', async () => {
    for (const [query, field] of [
      ['view=all', 'view'],
      ['status=done', 'status'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['status=', 'status'],
      ['cursor=not-a-cursor', 'cursor'],
      [`cursor=${Buffer.from(JSON.stringify(['one value'])).toString('base64url')}`, 'cursor'],
      [`cursor=${Buffer.from(JSON.stringify([1, 2])).toString('base64url')}`, 'cursor'],
      [`caseId=${'x'.repeat(65)}`, 'caseId'],
      ['sort=title', 'sort'],
    ] as const) {
      const response = await api(t.app, caseOwner.session).get(`/api/v1/tasks?${query}`);
      expect(response.statusCode, query).toBe(400);
      // A list value names its element (`status.0`), as on the workbench.
      expect(
        problem(response).errors?.map((e) => e.field.split('.')[0]),
        query,
      ).toContain(field);
    }
    // A case id that names nothing is a filter that matches nothing, not an error.
    expect((await viewOf(caseOwner.session, 'caseId=no-such-case')).total).toBe(0);
  });
});

describe('task handlers and the case', () => {
  it('an OU-only task is in every OU member’s todo and lets them see the parent case', async () => {
    const c = await newCase();
    const latecomerOu = await createOu(tenant.admin, 'Returns', tenant.rootOuId);
    const first = await createUserFixture(t, tenant, { ouId: latecomerOu });
    expect(await caseStatusCode(first.session, c.id)).toBe(404);
    expect((await api(t.app, first.session).get(`/api/v1/cases/${c.id}/tasks`)).statusCode).toBe(404);
    const task = await createTask(caseOwner.session, c.id, { ouId: latecomerOu });
    // A member who joins the OU after the task was given out sees it as well.
    const second = await createUserFixture(t, tenant, { ouId: latecomerOu });
    for (const member of [first, second]) {
      expect(await caseStatusCode(member.session, c.id)).toBe(200);
      expect((await viewOf(member.session, 'view=todo')).items.map((i) => i.id)).toEqual([task.id]);
      expect((await api(t.app, member.session).get(`/api/v1/tasks/${task.id}`)).statusCode).toBe(200);
      expect(
        (await api(t.app, member.session).get(`/api/v1/cases/${c.id}/tasks`)).json<ListJson<TaskJson>>()
          .total,
      ).toBe(1);
    }
    // Others in other OUs still do not see it.
    expect(await caseStatusCode(outsider.session, c.id)).toBe(404);
    expect((await api(t.app, outsider.session).get(`/api/v1/tasks/${task.id}`)).statusCode).toBe(404);
  });

  it('a task owner keeps read access to the case after completing the task and after handing it on', async () => {
    const c = await newCase();
    const finisherOu = await createOu(tenant.admin, 'Finishers', tenant.rootOuId);
    const finisher = await createUserFixture(t, tenant, { ouId: finisherOu });
    const passer = await createUserFixture(t, tenant, { ouId: finisherOu });
    expect(await caseStatusCode(finisher.session, c.id)).toBe(404);
    expect(await caseStatusCode(passer.session, c.id)).toBe(404);
    const done = await createTask(caseOwner.session, c.id, { ownerId: finisher.id });
    const passed = await createTask(caseOwner.session, c.id, { ownerId: passer.id });
    await setStatus(finisher.session, done.id, 'completed');
    await transfer(passer.session, passed.id, legalA.id);
    for (const user of [finisher, passer]) {
      expect(await caseStatusCode(user.session, c.id)).toBe(200);
      expect((await api(t.app, user.session).get(`/api/v1/cases/${c.id}/track`)).statusCode).toBe(200);
      expect((await api(t.app, user.session).get(`/api/v1/tasks/${passed.id}`)).statusCode).toBe(200);
    }
    // Someone who worked an OU-only task keeps access after it went to a named owner.
    const ouTask = await createTask(caseOwner.session, c.id, { ouId: finisherOu });
    const worker = await createUserFixture(t, tenant, { ouId: finisherOu });
    const bystander = await createUserFixture(t, tenant, { ouId: finisherOu });
    await setStatus(worker.session, ouTask.id, 'processing');
    await transfer(caseOwner.session, ouTask.id, legalB.id);
    expect(await caseStatusCode(worker.session, c.id)).toBe(200);
    expect(await caseStatusCode(bystander.session, c.id)).toBe(404);
  });
});

describe('verifyTasks on close', () => {
  it('refuses close with tasks_not_completed while a task is open, and closes once all are completed', async () => {
    const c = await newCase(caseOwner.session, verifyingType.id);
    const a = await createTask(caseOwner.session, c.id, { ownerId: billingA.id });
    const b = await createTask(caseOwner.session, c.id, { ownerId: billingA.id });
    await api(t.app, caseOwner.session).post(`/api/v1/cases/${c.id}/status`, { status: 'Done' });
    const two = await api(t.app, caseOwner.session).post(`/api/v1/cases/${c.id}/close`, {});
    expect(two.statusCode).toBe(409);
    expect(problem(two)).toMatchObject({
      code: 'tasks_not_completed',
      detail: 'Close needs every task completed: 2 are still open.',
    });
    await setStatus(billingA.session, a.id, 'completed');
    await setStatus(billingA.session, b.id, 'processing');
    const one = await api(t.app, caseOwner.session).post(`/api/v1/cases/${c.id}/close`, {});
    expect(problem(one)).toMatchObject({
      code: 'tasks_not_completed',
      detail: 'Close needs every task completed: 1 is still open.',
    });
    // abilities.close does not look at tasks (SPEC §13: checked when called).
    expect(
      (await api(t.app, caseOwner.session).get(`/api/v1/cases/${c.id}`)).json<CaseJson>().abilities.close,
    ).toBe(true);
    await setStatus(billingA.session, b.id, 'completed');
    const closed = await api(t.app, caseOwner.session).post(`/api/v1/cases/${c.id}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json<CaseJson>().state).toBe('closed');
  });

  it('closing while a task is given out or reopened at the same moment never leaves a closed case with an open task', async () => {
    for (let round = 0; round < 4; round++) {
      const c = await newCase(caseOwner.session, verifyingType.id);
      const done = await createTask(caseOwner.session, c.id, { ownerId: billingA.id });
      await setStatus(billingA.session, done.id, 'completed');
      await api(t.app, caseOwner.session).post(`/api/v1/cases/${c.id}/status`, { status: 'Done' });
      const [closing, creating, reopening] = await Promise.all([
        api(t.app, caseOwner.session).post(`/api/v1/cases/${c.id}/close`, {}),
        api(t.app, caseOwner.session).post(`/api/v1/cases/${c.id}/tasks`, {
          title: 'Late',
          ownerId: billingA.id,
        }),
        api(t.app, billingA.session).post(`/api/v1/tasks/${done.id}/status`, { status: 'processing' }),
      ]);
      const state = (await api(t.app, caseOwner.session).get(`/api/v1/cases/${c.id}`)).json<CaseJson>().state;
      const open = (await api(t.app, caseOwner.session).get(`/api/v1/cases/${c.id}/tasks`))
        .json<ListJson<TaskJson>>()
        .items.filter((task) => task.status !== 'completed');
      if (closing.statusCode === 200) {
        expect(state).toBe('closed');
        expect(open).toEqual([]);
        expect([creating.statusCode, reopening.statusCode]).toEqual([409, 409]);
      } else {
        expect(problem(closing).code).toBe('tasks_not_completed');
        expect(state).toBe('open');
        expect(open.length).toBeGreaterThan(0);
      }
    }
  });

  it('a case of a type that verifies tasks but has none closes', async () => {
    const c = await newCase(caseOwner.session, verifyingType.id);
    const closed = await putCaseInState(t, caseOwner.session, c.id, 'closed', verifyingType.process);
    expect(closed.state).toBe('closed');
  });

  it('the last-status rule is refused first', async () => {
    const c = await newCase(caseOwner.session, verifyingType.id);
    await createTask(caseOwner.session, c.id, { ownerId: billingA.id });
    const response = await api(t.app, caseOwner.session).post(`/api/v1/cases/${c.id}/close`, {});
    expect(response.statusCode).toBe(409);
    expect(problem(response).code).toBe('case_not_in_last_status');
  });

  it('a type without verifyTasks closes with open tasks; then the tasks are read-only, still readable', async () => {
    const c = await newCase();
    const task = await createTask(caseOwner.session, c.id, { ownerId: billingA.id });
    const closed = await putCaseInState(t, caseOwner.session, c.id, 'closed', process);
    expect(closed.state).toBe('closed');
    const owner = api(t.app, billingA.session);
    const writes = [
      owner.post(`/api/v1/tasks/${task.id}/status`, { status: 'completed' }),
      owner.post(`/api/v1/tasks/${task.id}/records`, { title: 'Late', body: 'Too late.' }),
      owner.post(`/api/v1/tasks/${task.id}/transfer`, { ownerId: billingB.id }),
      owner.patch(`/api/v1/tasks/${task.id}`, { title: 'Late' }),
    ];
    for (const response of await Promise.all(writes)) {
      expect(response.statusCode).toBe(409);
      expect(problem(response).code).toBe('case_invalid_transition');
    }
    const read = await owner.get(`/api/v1/tasks/${task.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json<TaskJson>().abilities).toEqual({
      changeStatus: false,
      transfer: false,
      addRecord: false,
      attach: false,
      edit: false,
    });
    expect((await owner.get(`/api/v1/tasks/${task.id}/records`)).statusCode).toBe(200);
    expect(await caseStatusCode(billingA.session, c.id)).toBe(200);
  });

  it('tasks of a cancelled or merged case are read-only too; of a suspended one, writable', async () => {
    for (const state of ['cancelled', 'merged', 'suspended'] as const) {
      const c = await newCase();
      const task = await createTask(caseOwner.session, c.id, { ownerId: billingA.id });
      if (state === 'merged') await markMerged(c.id);
      else await putCaseInState(t, caseOwner.session, c.id, state, process);
      const response = await api(t.app, billingA.session).post(`/api/v1/tasks/${task.id}/status`, {
        status: 'processing',
      });
      expect(response.statusCode, state).toBe(state === 'suspended' ? 200 : 409);
    }
  });
});

describe('the case track and version', () => {
  it('task work appears on the case track and does not change the case version', async () => {
    const c = await newCase();
    const before = await api(t.app, caseOwner.session).get(`/api/v1/cases/${c.id}`);
    const version = before.json<CaseJson>().version;
    // The clock moves between steps so that the track's order (by time) is the order of the steps.
    t.clock.advance(1000);
    const task = await createTask(caseOwner.session, c.id, {
      title: 'Refund check',
      ownerId: billingA.id,
      ouId: billingOuId,
    });
    const steps = [
      () =>
        api(t.app, billingA.session).post(`/api/v1/tasks/${task.id}/status`, {
          status: 'processing',
          remark: 'on it',
        }),
      () =>
        api(t.app, billingA.session).post(`/api/v1/tasks/${task.id}/records`, {
          title: 'Ledger checked',
          body: 'Paid on 2 Jan.',
        }),
      () =>
        api(t.app, billingA.session).post(`/api/v1/tasks/${task.id}/transfer`, {
          ownerId: billingB.id,
          remark: 'yours',
        }),
      () => api(t.app, billingB.session).patch(`/api/v1/tasks/${task.id}`, { priority: 'low' }),
    ];
    for (const step of steps) {
      t.clock.advance(1000);
      const response = await step();
      expect([200, 201], response.body).toContain(response.statusCode);
    }

    const after = await api(t.app, caseOwner.session).get(`/api/v1/cases/${c.id}`);
    expect(after.json<CaseJson>().version).toBe(version);
    expect(after.headers.etag).toBe(before.headers.etag);
    const track = (await api(t.app, caseOwner.session).get(`/api/v1/cases/${c.id}/track`)).json<
      ListJson<TrackJson>
    >();
    expect(track.items.map((e) => e.kind)).toEqual([
      'created',
      'task.created',
      'task.status',
      'task.record',
      'task.transferred',
      'task.edited',
    ]);
    expect(track.items.slice(1)).toEqual([
      expect.objectContaining({
        actorId: caseOwner.id,
        changes: {
          taskId: [null, task.id],
          title: [null, 'Refund check'],
          ownerId: [null, billingA.id],
          ouId: [null, billingOuId],
        },
      }),
      expect.objectContaining({
        actorId: billingA.id,
        remark: 'on it',
        changes: { taskId: [task.id, task.id], status: ['pending', 'processing'] },
      }),
      expect.objectContaining({
        actorId: billingA.id,
        changes: { taskId: [task.id, task.id], record: [null, 'Ledger checked'] },
      }),
      expect.objectContaining({
        actorId: billingA.id,
        remark: 'yours',
        changes: { taskId: [task.id, task.id], ownerId: [billingA.id, billingB.id] },
      }),
      expect.objectContaining({
        actorId: billingB.id,
        changes: { taskId: [task.id, task.id], priority: ['medium', 'low'] },
      }),
    ]);
  });
});

describe('task attachments', () => {
  it('the task owner attaches files; whoever sees the case lists them; they are not the case’s own', async () => {
    const c = await newCase();
    const task = await createTask(caseOwner.session, c.id, { ownerId: legalA.id });
    const version = (await api(t.app, caseOwner.session).get(`/api/v1/cases/${c.id}`)).json<CaseJson>()
      .version;
    const added = await uploadTo(
      legalA.session,
      `/api/v1/tasks/${task.id}/attachments`,
      'scan.png',
      png(300),
    );
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json<AttachmentJson>()).toMatchObject({
      name: 'scan.png',
      size: 300,
      contentType: 'image/png',
      uploaderId: legalA.id,
    });
    const second = await uploadTo(tenant.admin, `/api/v1/tasks/${task.id}/attachments`, 'letter.pdf', pdf());
    expect(second.statusCode, second.body).toBe(201);
    for (const session of [caseOwner.session, viewer.session, legalA.session]) {
      const listed = (await api(t.app, session).get(`/api/v1/tasks/${task.id}/attachments`)).json<
        ListJson<AttachmentJson>
      >();
      expect(listed.items.map((a) => a.name)).toEqual(['scan.png', 'letter.pdf']);
      expect(listed.total).toBe(2);
    }
    const ofCase = (await api(t.app, caseOwner.session).get(`/api/v1/cases/${c.id}/attachments`)).json<
      ListJson<AttachmentJson>
    >();
    expect(ofCase.items).toEqual([]);
    const after = (await api(t.app, caseOwner.session).get(`/api/v1/cases/${c.id}`)).json<CaseJson>();
    expect(after.version).toBe(version);
    expect((await api(t.app, outsider.session).get(`/api/v1/tasks/${task.id}/attachments`)).statusCode).toBe(
      404,
    );
  });

  it('OU members attach to an OU-only task; the creator, the case owner and viewers get 403', async () => {
    const c = await newCase(caseOwner.session);
    const ouTask = await createTask(editor.session, c.id, { ouId: billingOuId });
    expect((await uploadTo(billingB.session, `/api/v1/tasks/${ouTask.id}/attachments`)).statusCode).toBe(201);
    for (const session of [editor.session, caseOwner.session, viewer.session]) {
      const response = await uploadTo(session, `/api/v1/tasks/${ouTask.id}/attachments`);
      expect(response.statusCode).toBe(403);
      expect(problem(response).code).toBe('forbidden');
    }
  });

  it('is 409 case_invalid_transition on a closed case, and 400 on file when the body is not multipart', async () => {
    const c = await newCase();
    const task = await createTask(caseOwner.session, c.id, { ownerId: billingA.id });
    const notMultipart = await api(t.app, billingA.session).post(`/api/v1/tasks/${task.id}/attachments`, {
      file: 'x',
    });
    expect(notMultipart.statusCode).toBe(400);
    expect(problem(notMultipart).errors?.map((e) => e.field)).toContain('file');
    await putCaseInState(t, caseOwner.session, c.id, 'closed', process);
    const closed = await uploadTo(billingA.session, `/api/v1/tasks/${task.id}/attachments`);
    expect(closed.statusCode).toBe(409);
    expect(problem(closed).code).toBe('case_invalid_transition');
    expect(
      (await api(t.app, billingA.session).get(`/api/v1/tasks/${task.id}/attachments`)).json<
        ListJson<AttachmentJson>
      >().total,
    ).toBe(0);
  });
});

describe('every task route refuses in the order of SPEC §13', () => {
  interface RouteCase {
    name: string;
    method: 'GET' | 'POST' | 'PATCH';
    /** The path for a task (or case) id. */
    path: (ids: { caseId: string; taskId: string }) => string;
    body?: Record<string, unknown>;
    /** A request breaking the input, and the field it names (none for a route without inputs to break). */
    bad?: { suffix?: string; body?: Record<string, unknown>; field: string };
    /** Needs a right beyond seeing the case: a viewer (case.queryAll) gets 403. */
    needsRight: boolean;
    /** Takes a multipart upload: without `body`, a PNG is sent. */
    upload?: true;
  }
  const routes: RouteCase[] = [
    {
      name: 'GET /cases/{id}/tasks',
      method: 'GET',
      path: ({ caseId }) => `/api/v1/cases/${caseId}/tasks`,
      bad: { suffix: '?limit=0', field: 'limit' },
      needsRight: false,
    },
    {
      name: 'POST /cases/{id}/tasks',
      method: 'POST',
      path: ({ caseId }) => `/api/v1/cases/${caseId}/tasks`,
      body: { title: 'T', ownerId: '__owner__' },
      bad: { body: { title: 'x'.repeat(129), ownerId: '__owner__' }, field: 'title' },
      needsRight: true,
    },
    {
      name: 'GET /tasks',
      method: 'GET',
      path: () => '/api/v1/tasks',
      bad: { suffix: '?view=mine', field: 'view' },
      needsRight: false,
    },
    {
      name: 'GET /tasks/{id}',
      method: 'GET',
      path: ({ taskId }) => `/api/v1/tasks/${taskId}`,
      needsRight: false,
    },
    {
      name: 'PATCH /tasks/{id}',
      method: 'PATCH',
      path: ({ taskId }) => `/api/v1/tasks/${taskId}`,
      body: { title: 'New title' },
      bad: { body: { priority: 'top' }, field: 'priority' },
      needsRight: true,
    },
    {
      name: 'POST /tasks/{id}/transfer',
      method: 'POST',
      path: ({ taskId }) => `/api/v1/tasks/${taskId}/transfer`,
      body: { ownerId: '__other__' },
      bad: { body: { owner: 'x' }, field: 'ownerId' },
      needsRight: true,
    },
    {
      name: 'POST /tasks/{id}/status',
      method: 'POST',
      path: ({ taskId }) => `/api/v1/tasks/${taskId}/status`,
      body: { status: 'processing' },
      bad: { body: { status: 'done' }, field: 'status' },
      needsRight: true,
    },
    {
      name: 'GET /tasks/{id}/records',
      method: 'GET',
      path: ({ taskId }) => `/api/v1/tasks/${taskId}/records`,
      bad: { suffix: '?limit=500', field: 'limit' },
      needsRight: false,
    },
    {
      name: 'POST /tasks/{id}/records',
      method: 'POST',
      path: ({ taskId }) => `/api/v1/tasks/${taskId}/records`,
      body: { title: 'T', body: 'B' },
      bad: { body: { title: 'T', body: 'x'.repeat(20_001) }, field: 'body' },
      needsRight: true,
    },
    {
      name: 'GET /tasks/{id}/attachments',
      method: 'GET',
      path: ({ taskId }) => `/api/v1/tasks/${taskId}/attachments`,
      needsRight: false,
    },
    {
      name: 'POST /tasks/{id}/attachments',
      method: 'POST',
      path: ({ taskId }) => `/api/v1/tasks/${taskId}/attachments`,
      bad: { body: { file: 'not multipart' }, field: 'file' },
      needsRight: true,
      upload: true,
    },
  ];

  function fill(body: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
    if (!body) return undefined;
    return Object.fromEntries(
      Object.entries(body).map(([k, v]) => [
        k,
        v === '__owner__' ? billingA.id : v === '__other__' ? legalB.id : v,
      ]),
    );
  }

  async function send(
    session: Session | undefined,
    route: RouteCase,
    url: string,
    body?: Record<string, unknown>,
  ) {
    const client = api(t.app, session);
    if (route.upload && !body) return uploadTo(session, url);
    if (route.method === 'GET') return client.get(url);
    if (route.method === 'PATCH') return client.patch(url, body ?? {});
    return client.post(url, body ?? {});
  }

  for (const route of routes) {
    describe(route.name, () => {
      let ids: { caseId: string; taskId: string };
      beforeAll(async () => {
        const c = await newCase();
        const task = await createTask(caseOwner.session, c.id, { ownerId: billingA.id });
        ids = { caseId: c.id, taskId: task.id };
      });

      it('401 without credentials', async () => {
        const response = await send(undefined, route, route.path(ids), fill(route.body));
        expect(response.statusCode).toBe(401);
        expect(problem(response).code).toBe('unauthenticated');
      });

      it("404 for another tenant's case or task and for an unknown id, even with a bad body", async () => {
        if (route.path({ caseId: 'a', taskId: 'b' }) === route.path({ caseId: 'c', taskId: 'd' })) return;
        for (const foreign of [
          { caseId: foreignCaseId, taskId: foreignTaskId },
          { caseId: 'no-such-case', taskId: 'no-such-task' },
        ]) {
          const response = await send(tenant.admin, route, route.path(foreign), fill(route.body));
          expect(response.statusCode).toBe(404);
          expect(problem(response).code).toBe('not_found');
          if (route.bad) {
            const badBody = await send(
              tenant.admin,
              route,
              `${route.path(foreign)}${route.bad.suffix ?? ''}`,
              fill(route.bad.body),
            );
            expect(badBody.statusCode).toBe(404);
          }
        }
        // Someone of the tenant who cannot see the case gets 404 as well.
        const hidden = await send(outsider.session, route, route.path(ids), fill(route.body));
        expect(hidden.statusCode).toBe(404);
      });

      const bad = route.bad;
      if (bad) {
        it('400 naming the field', async () => {
          const response = await send(
            caseOwner.session,
            route,
            `${route.path(ids)}${bad.suffix ?? ''}`,
            fill(bad.body),
          );
          expect(response.statusCode).toBe(400);
          expect(problem(response).code).toBe('validation_failed');
          expect(problem(response).errors?.map((e) => e.field)).toContain(bad.field);
        });
      }

      it(
        route.needsRight
          ? '403 for a viewer who may only see the case'
          : '200 for a viewer who may see the case',
        async () => {
          const response = await send(viewer.session, route, route.path(ids), fill(route.body));
          expect(response.statusCode).toBe(route.needsRight ? 403 : 200);
          if (route.needsRight) expect(problem(response).code).toBe('forbidden');
        },
      );
    });
  }
});

describe('the OpenAPI document', () => {
  it('stays valid and lists the task routes, and tasks_not_completed on close', async () => {
    const document = (await api(t.app).get('/api/openapi.json')).json<{
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    }>();
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    for (const [path, methods] of [
      ['/api/v1/cases/{id}/tasks', ['get', 'post']],
      ['/api/v1/tasks', ['get']],
      ['/api/v1/tasks/{id}', ['get', 'patch']],
      ['/api/v1/tasks/{id}/transfer', ['post']],
      ['/api/v1/tasks/{id}/status', ['post']],
      ['/api/v1/tasks/{id}/records', ['get', 'post']],
      ['/api/v1/tasks/{id}/attachments', ['get', 'post']],
    ] as const) {
      expect(Object.keys(document.paths[path] ?? {}).sort(), path).toEqual([...methods].sort());
    }
    expect(JSON.stringify(document.paths['/api/v1/cases/{id}/close'])).toContain('tasks_not_completed');
  });
});
