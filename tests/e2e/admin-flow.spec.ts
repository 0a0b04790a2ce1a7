import { expect, test } from '@playwright/test';
import { createCaseInUi, dialog, uniqueTitle } from './support/cases.js';
import { env, signedInContext } from './support/fixtures.js';

test('an administrator creates a strict three-status case type and an SLA rule; an agent’s new case shows its countdown', async ({
  browser,
}) => {
  const typeName = uniqueTitle('Warranty claim');
  const admin = await signedInContext(browser, env.admin.email);
  const page = admin.page;

  await page.getByRole('link', { name: 'Configuration' }).click();
  await page.getByRole('link', { name: 'Case types' }).click();
  await page.getByRole('button', { name: 'New case type' }).click();
  const typeForm = dialog(page, /case type/i);
  await typeForm.getByLabel(/^Name/).fill(typeName);
  for (const status of ['Received', 'Inspecting', 'Settled']) {
    await typeForm.getByLabel(/^New status/).fill(status);
    await typeForm.getByRole('button', { name: 'Add status' }).click();
  }
  await typeForm.getByLabel(/^Strict order/).check();
  await typeForm.getByLabel(/^Enabled/).check();
  await typeForm.getByRole('button', { name: 'Save' }).click();
  await expect(typeForm).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(typeName) })).toBeVisible();

  await page.getByRole('link', { name: 'SLA rules' }).click();
  await page.getByRole('button', { name: 'New SLA rule' }).click();
  const ruleForm = dialog(page, /SLA rule/i);
  await ruleForm.getByLabel(/^Name/).fill(`${typeName} response`);
  const typePicker = ruleForm.getByRole('combobox', { name: 'Case type' });
  await typePicker.click();
  await page.getByRole('option', { name: typeName }).click();
  for (const [label, minutes] of [
    ['Critical (minutes)', '60'],
    ['High (minutes)', '240'],
    ['Medium (minutes)', '480'],
    ['Low (minutes)', '1440'],
    ['Warn before (minutes)', '30'],
  ] as const) {
    await ruleForm.getByLabel(new RegExp(`^${label.replace(/[()]/g, '\\$&')}`)).fill(minutes);
  }
  await ruleForm.getByLabel(/^Active/).check();
  await ruleForm.getByRole('button', { name: 'Save' }).click();
  await expect(ruleForm).toBeHidden();
  await admin.context.close();

  const agent = await signedInContext(browser, env.agentA.email);
  const title = uniqueTitle('Broken kettle');
  await createCaseInUi(agent.page, {
    title,
    description: 'The kettle stopped heating after a week.',
    caseType: typeName,
    owner: env.agentA.name,
  });
  await agent.page.goto(`${env.baseUrl}/?view=todo`);
  const row = agent.page.locator('tr[data-case-id]').filter({ hasText: title });
  await expect(row).toBeVisible();
  await expect(row.getByText(/^due in /)).toBeVisible();
  await agent.context.close();
});
