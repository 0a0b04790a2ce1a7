import { expect, type Locator, type Page } from '@playwright/test';
import { ApiSession } from './api.js';
import { env } from './fixtures.js';

/** A title no other test uses, so searches and rows find exactly this case. */
export function uniqueTitle(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

export function dialog(page: Page, name: string | RegExp): Locator {
  return page.getByRole('dialog', { name });
}

/** Creates a case through the workbench's New case dialog and waits for it to be saved. */
export async function createCaseInUi(
  page: Page,
  options: { title: string; description: string; caseType?: string; owner?: string; orderNo?: string },
): Promise<void> {
  await page.goto(`${env.baseUrl}/`);
  await page.getByRole('button', { name: 'New case' }).click();
  const form = dialog(page, 'New case');
  await expect(form).toBeVisible();
  await chooseOption(
    page,
    form.getByRole('combobox', { name: 'Case type' }),
    options.caseType ?? env.caseType.name,
  );
  await form.getByLabel(/^Title/).fill(options.title);
  await form.getByLabel(/^Description/).fill(options.description);
  await chooseOption(page, form.getByRole('combobox', { name: 'Customer' }), env.customer.name, '陈静');
  if (options.owner)
    await chooseOption(page, form.getByRole('combobox', { name: 'Owner or queue' }), options.owner);
  if (options.orderNo) await form.getByLabel('Order number').fill(options.orderNo);
  await form.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(form).toBeHidden();
}

/** Picks an option of a Mantine Select / searchable combobox by typing and clicking. */
export async function chooseOption(
  page: Page,
  input: Locator,
  option: string,
  typed = option,
): Promise<void> {
  await input.click();
  if (await input.isEditable()) await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

export interface ApiCase {
  id: string;
  caseNo: number;
  title: string;
  state: string;
  status: string;
  version: number;
}

export async function agentApi(email: string): Promise<ApiSession> {
  return new ApiSession(env.baseUrl).signIn(env.tenant, email, env.password);
}

/** Finds a case by its unique title through the API (for steps that need its id). */
export async function findCase(api: ApiSession, title: string): Promise<ApiCase> {
  const page = await api.get<{ items: ApiCase[] }>('/api/v1/cases?view=created&limit=100');
  const found = page.items.find((item) => item.title === title);
  if (!found) throw new Error(`no case titled ${title}`);
  return found;
}

/**
 * A handful of cases like a real morning's work (both languages, every priority, due soon and later,
 * upgraded), so screenshots and layout checks do not depend on what other tests left behind.
 */
export async function seedShowcaseCases(): Promise<ApiCase[]> {
  const api = await agentApi(env.agentA.email);
  const hour = 3_600_000;
  const specs = [
    {
      title: '申请退款失败',
      description: '客户在订单取消后申请退款，系统提示失败。',
      priority: 'high',
      dueIn: 3 * hour,
      upgrade: true,
    },
    {
      title: 'Refund not received',
      description: 'Returned the parcel two weeks ago.',
      priority: 'medium',
      dueIn: 26 * hour,
    },
    {
      title: '快递延误投诉',
      description: '包裹超过承诺时间五天仍未送达。',
      priority: 'critical',
      dueIn: hour / 3,
    },
    {
      title: 'Cannot log in to the app',
      description: 'Password reset e-mails do not arrive.',
      priority: 'low',
      dueIn: 72 * hour,
    },
    { title: '发票抬头错误', description: '需要重新开具发票。', priority: 'medium', dueIn: null },
  ] as const;
  const created: ApiCase[] = [];
  for (const spec of specs) {
    const theCase = await api.post<ApiCase>('/api/v1/cases', {
      typeId: env.caseType.id,
      title: spec.title,
      description: spec.description,
      priority: spec.priority,
      origin: 'voice',
      customerId: env.customer.id,
      ownerId: env.agentA.id,
      dueAt: spec.dueIn === null ? null : new Date(Date.now() + spec.dueIn).toISOString(),
    });
    if ('upgrade' in spec)
      await api.post(`/api/v1/cases/${theCase.id}/upgrade`, { remark: 'Second call today' });
    created.push(theCase);
  }
  return created;
}
