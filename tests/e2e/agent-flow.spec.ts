import { expect, test, type Page } from '@playwright/test';
import {
  agentApi,
  chooseOption,
  createCaseInUi,
  dialog,
  findCase,
  uniqueTitle,
  type ApiCase,
} from './support/cases.js';
import { env, signedInContext } from './support/fixtures.js';

// One case's working life through the UI, as the issue lists it: each step depends on the one
// before, so they run in order on one page.
test.describe.configure({ mode: 'serial' });

let page: Page;
let title: string;
let theCase: ApiCase;

async function operate(
  operation: string,
  remark?: string,
  fill?: (form: ReturnType<typeof dialog>) => Promise<void>,
) {
  const visible = page.getByRole('button', { name: operation, exact: true });
  if (await visible.isVisible()) {
    await visible.click();
  } else {
    await page.getByRole('button', { name: 'More', exact: true }).click();
    await page.getByRole('menuitem', { name: operation, exact: true }).click();
  }
  const form = dialog(page, operation);
  await expect(form).toBeVisible();
  if (fill) await fill(form);
  if (remark) await form.getByLabel(/^Remark/).fill(remark);
  await form.getByRole('button', { name: operation, exact: true }).click();
  await expect(form).toBeHidden();
}

function tab(name: string) {
  return page.getByRole('tab', { name: new RegExp(`^${name}`) });
}

test.beforeAll(async ({ browser }) => {
  ({ page } = await signedInContext(browser, env.agentA.email));
  title = uniqueTitle('申请退款失败');
});

test.afterAll(async () => {
  await page.context().close();
});

test('create a case from the workbench', async () => {
  await createCaseInUi(page, {
    title,
    description: '客户在订单取消后申请退款，系统提示失败。',
    owner: env.agentA.name,
    orderNo: 'SO-4711',
  });
  theCase = await findCase(await agentApi(env.agentA.email), title);
  expect(theCase.state).toBe('open');
});

test('find it by a Chinese search word, and follow it from the list', async () => {
  await page.goto(`${env.baseUrl}/`);
  await page.getByLabel('Search cases', { exact: true }).fill('退款');
  await page.getByLabel('Search cases', { exact: true }).press('Enter');
  await expect(page).toHaveURL(/q=%E9%80%80%E6%AC%BE|q=退款/);
  const row = page.locator(`tr[data-case-id="${theCase.id}"]`);
  await expect(row).toContainText(title);
  await row.getByRole('button', { name: 'Follow', exact: true }).click();
  await expect(row.getByRole('button', { name: 'Unfollow', exact: true })).toBeVisible();
  await page.getByRole('tab', { name: /^Followed/ }).click();
  await expect(page.locator(`tr[data-case-id="${theCase.id}"]`)).toBeVisible();
});

test('transfer it to a queue the agent belongs to, and claim it back', async () => {
  await page.goto(`${env.baseUrl}/cases/${theCase.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`#${theCase.caseNo}`);
  // The type's custom field, filled in the New case dialog, is part of the case information.
  await expect(page.getByText('SO-4711')).toBeVisible();
  await operate('Transfer', 'Needs the first line', async (form) => {
    const picker = form.getByRole('combobox', { name: 'Transfer to' });
    await picker.click();
    await picker.fill(env.queue.name);
    await page.getByRole('option', { name: env.queue.name }).click();
  });
  await operate('Claim');
  const api = await agentApi(env.agentA.email);
  const after = await api.get<{ ownerId: string | null; queueId: string | null }>(
    `/api/v1/cases/${theCase.id}`,
  );
  expect(after.ownerId).toBe(env.agentA.id);
});

test('upgrade it and see the mark in the list', async () => {
  await operate('Upgrade', 'Customer called twice');
  await page.goto(`${env.baseUrl}/?view=followed`);
  const row = page.locator(`tr[data-case-id="${theCase.id}"]`);
  await expect(row.getByText('Upgraded', { exact: true })).toBeVisible();
});

test('add a comment and an attachment; a sixth attachment is refused with the UI message', async () => {
  await page.goto(`${env.baseUrl}/cases/${theCase.id}`);
  await tab('Case Track').click();
  await page.getByLabel(/^Comment/).fill('已联系财务，等待退款处理。');
  await page.getByRole('button', { name: 'Add comment' }).click();
  await expect(page.getByText('已联系财务，等待退款处理。')).toBeVisible();

  await tab('Attachments').click();
  const dropzone = page.getByTestId('attachment-dropzone');
  await expect(dropzone).toContainText(
    'Up to 5 files and 5 MB in total: JPG, JPEG, PNG, GIF, PDF, DOC, DOCX',
  );
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  const input = dropzone.locator('input[type=file]');
  await input.setInputFiles({ name: 'receipt-1.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByRole('cell', { name: 'receipt-1.png', exact: true })).toBeVisible();
  await input.setInputFiles(
    [2, 3, 4, 5].map((n) => ({ name: `receipt-${n}.png`, mimeType: 'image/png', buffer: png })),
  );
  await expect(page.getByRole('cell', { name: 'receipt-5.png', exact: true })).toBeVisible();
  await expect(tab('Attachments')).toHaveAccessibleName(/5$/);
  await input.setInputFiles({ name: 'receipt-6.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByRole('alert').filter({ hasText: 'At most 5 files per case' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'receipt-6.png', exact: true })).toHaveCount(0);
});

test('create and complete a task', async () => {
  await tab('Case Task').click();
  await page.getByRole('button', { name: 'New task' }).click();
  const form = dialog(page, 'New task');
  await form.getByLabel(/^Title/).fill('Check the refund with finance');
  await chooseOption(page, form.getByRole('combobox', { name: 'Owner' }), env.agentA.name, 'Li');
  await form.getByRole('button', { name: 'Create task', exact: true }).click();
  await expect(form).toBeHidden();
  const task = page.getByRole('listitem', { name: 'Check the refund with finance' });
  await expect(task).toBeVisible();
  await task.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Completed' }).click();
  await expect(task.getByRole('combobox', { name: 'Status' })).toHaveValue('Completed');
});

test('merge a second case of the same customer into it', async () => {
  const api = await agentApi(env.agentA.email);
  const second = await api.post<ApiCase>('/api/v1/cases', {
    typeId: env.caseType.id,
    title: uniqueTitle('Duplicate refund request'),
    description: 'The same refund, reported again by phone.',
    priority: 'medium',
    origin: 'voice',
    customerId: env.customer.id,
    ownerId: env.agentA.id,
  });
  await page.reload();
  await tab('Associated Case').click();
  await page.getByRole('button', { name: 'Merge', exact: true }).first().click();
  const form = dialog(page, 'Merge');
  await form.getByRole('checkbox', { name: new RegExp(`#${second.caseNo}`) }).check();
  await form.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole('link', { name: `#${second.caseNo}`, exact: true })).toBeVisible();
  const merged = await api.get<ApiCase>(`/api/v1/cases/${second.id}`);
  expect(merged.state).toBe('merged');
});

test('write an internal record as owner; another agent does not see the tab', async ({ browser }) => {
  await tab('Internal Record').click();
  await page.getByLabel(/^Internal record/).fill('Customer is a key account; refund approved by the lead.');
  await page.getByRole('button', { name: 'Add record' }).click();
  await expect(page.getByText('Customer is a key account; refund approved by the lead.')).toBeVisible();

  const other = await signedInContext(browser, env.agentB.email);
  await other.page.goto(`${env.baseUrl}/cases/${theCase.id}`);
  await expect(other.page.getByRole('tab', { name: /^Case Track/ })).toBeVisible();
  await expect(other.page.getByRole('tab', { name: /^Internal Record/ })).toHaveCount(0);
  await other.context.close();
});

test('close the case once it is in its last status', async () => {
  await page.getByRole('button', { name: env.caseType.process.at(-1) ?? 'Resolved' }).click();
  const move = page.getByRole('dialog');
  await move.getByRole('button', { name: /Move|Confirm/ }).click();
  await expect(move).toBeHidden();
  await operate('Close', 'Refund paid');
  await expect(page.getByText('Closed', { exact: true }).first()).toBeVisible();
});

test('the customer evaluates it through the link page', async ({ browser }) => {
  const api = await agentApi(env.agentA.email);
  const evaluation = await api.get<{ customerLink: { url: string } | null }>(
    `/api/v1/cases/${theCase.id}/evaluation`,
  );
  const link = evaluation.customerLink?.url ?? '';
  expect(link).toContain('/evaluate/');
  const customer = await browser.newContext();
  const customerPage = await customer.newPage();
  await customerPage.goto(link);
  await expect(customerPage.getByText(`#${theCase.caseNo}`)).toBeVisible();
  await customerPage
    .getByRole('radiogroup', { name: 'Rating' })
    .getByRole('radio', { name: '4 stars' })
    .check();
  await customerPage.getByLabel(/^Comment/).fill('Quick and friendly.');
  await customerPage.getByRole('button', { name: 'Send' }).click();
  await expect(customerPage.getByText('Thank you for your feedback.')).toBeVisible();
  await customerPage.reload();
  await expect(customerPage.getByText(/already been evaluated/)).toBeVisible();
  await customer.close();
});

test('restart it', async () => {
  await page.reload();
  await operate('Restart', 'The refund bounced');
  const api = await agentApi(env.agentA.email);
  const restarted = await api.get<{ state: string; reopenCount: number }>(`/api/v1/cases/${theCase.id}`);
  expect(restarted.state).toBe('open');
  expect(restarted.reopenCount).toBe(1);
});
