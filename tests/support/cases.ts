import { randomBytes } from 'node:crypto';
import { api, type Session, type TenantFixture, type TestApp } from './app.js';

export interface CaseTypeOptions {
  process?: string[];
  strictOrder?: boolean;
  verifyTasks?: boolean;
  customFields?: unknown[];
  name?: string;
}

/** A case type created by the tenant administrator through the API. */
export async function createCaseTypeFixture(
  t: TestApp,
  tenant: TenantFixture,
  options: CaseTypeOptions = {},
): Promise<{ id: string; process: string[] }> {
  const process = options.process ?? ['New', 'In progress', 'Resolved'];
  const response = await api(t.app, tenant.admin).post('/api/v1/case-types', {
    name: options.name ?? `Type ${randomBytes(3).toString('hex')}`,
    process,
    strictOrder: options.strictOrder ?? false,
    verifyTasks: options.verifyTasks ?? false,
    customFields: options.customFields ?? [],
  });
  if (response.statusCode !== 201)
    throw new Error(`case type creation failed: ${response.statusCode} ${response.body}`);
  return { id: response.json<{ id: string }>().id, process };
}

export async function createCustomerFixture(
  t: TestApp,
  tenant: TenantFixture,
  name = `Customer ${randomBytes(3).toString('hex')}`,
): Promise<string> {
  const response = await api(t.app, tenant.admin).post('/api/v1/customers', {
    name,
    phones: ['+86 10 1234 5678'],
  });
  if (response.statusCode !== 201)
    throw new Error(`customer creation failed: ${response.statusCode} ${response.body}`);
  return response.json<{ id: string }>().id;
}

export async function createQueueFixture(
  t: TestApp,
  tenant: TenantFixture,
  memberIds: string[],
): Promise<string> {
  const response = await api(t.app, tenant.admin).post('/api/v1/queues', {
    name: `Queue ${randomBytes(3).toString('hex')}`,
    memberIds,
  });
  if (response.statusCode !== 201)
    throw new Error(`queue creation failed: ${response.statusCode} ${response.body}`);
  return response.json<{ id: string }>().id;
}

export interface CaseJson {
  id: string;
  caseNo: number;
  version: number;
  state: string;
  status: string;
  priority: string;
  ownerId: string | null;
  queueId: string | null;
  abilities: Record<string, boolean>;
  [key: string]: unknown;
}

/** A case created through the API by `session` (asserting success). */
export async function createCaseFixture(
  t: TestApp,
  session: Session,
  body: { typeId: string; customerId: string } & Record<string, unknown>,
): Promise<CaseJson> {
  const response = await api(t.app, session).post('/api/v1/cases', {
    title: 'Refund not received',
    description: 'The customer has been waiting two weeks.',
    priority: 'medium',
    origin: 'voice',
    ...body,
  });
  if (response.statusCode !== 201)
    throw new Error(`case creation failed: ${response.statusCode} ${response.body}`);
  return response.json<CaseJson>();
}

/** A case as the workbench lists it (GET /api/v1/cases): the case without description and abilities. */
export interface CaseListItemJson {
  id: string;
  caseNo: number;
  version: number;
  state: string;
  status: string;
  priority: string;
  ownerId: string | null;
  queueId: string | null;
  [key: string]: unknown;
}

export interface CaseListJson {
  items: CaseListItemJson[];
  nextCursor: string | null;
  total: number;
  totalCapped?: boolean;
}

/** `GET /api/v1/cases` with the given query parameters, as `session` (asserting 200). */
export async function listCases(
  t: TestApp,
  session: Session,
  query: Record<string, string | number | boolean> = {},
): Promise<CaseListJson> {
  const search = new URLSearchParams(
    Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  const response = await api(t.app, session).get(`/api/v1/cases${search ? `?${search}` : ''}`);
  if (response.statusCode !== 200)
    throw new Error(`case list ${search} failed: ${response.statusCode} ${response.body}`);
  return response.json<CaseListJson>();
}

export interface CaseCountsJson {
  todo: number;
  followed: number;
  created: number;
  processed: number;
  all: number | null;
}

/** `GET /api/v1/cases/counts` as `session` (asserting 200). */
export async function caseCounts(t: TestApp, session: Session): Promise<CaseCountsJson> {
  const response = await api(t.app, session).get('/api/v1/cases/counts');
  if (response.statusCode !== 200)
    throw new Error(`case counts failed: ${response.statusCode} ${response.body}`);
  return response.json<CaseCountsJson>();
}

/**
 * Puts an open case into `state` through the API as `session` (who must be allowed to): `suspended`,
 * `cancelled`, `closed` (moving it to the last status of `process` first), or `lastStatus` (open, in
 * the last status). `open` leaves it as it is. Returns the case afterwards.
 */
export async function putCaseInState(
  t: TestApp,
  session: Session,
  caseId: string,
  state: 'open' | 'suspended' | 'cancelled' | 'closed' | 'lastStatus',
  process: string[],
): Promise<CaseJson> {
  const client = api(t.app, session);
  const step = async (url: string, body: unknown) => {
    const response = await client.post(url, body);
    if (response.statusCode !== 200)
      throw new Error(`${url} failed: ${response.statusCode} ${response.body}`);
  };
  if (state === 'closed' || state === 'lastStatus')
    await step(`/api/v1/cases/${caseId}/status`, { status: process.at(-1) });
  if (state === 'closed') await step(`/api/v1/cases/${caseId}/close`, {});
  if (state === 'suspended') await step(`/api/v1/cases/${caseId}/suspend`, {});
  if (state === 'cancelled') await step(`/api/v1/cases/${caseId}/cancel`, {});
  const response = await client.get(`/api/v1/cases/${caseId}`);
  if (response.statusCode !== 200)
    throw new Error(`reading case ${caseId} failed: ${response.statusCode} ${response.body}`);
  return response.json<CaseJson>();
}
