/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { seedShowcaseCases, type ApiCase } from './support/cases.js';
import { env, signedInContext } from './support/fixtures.js';

// Screenshots of the workbench and the case details page in both languages. With
// UPDATE_SCREENSHOTS=1 they replace the committed ones in docs/screenshots (the README shows them);
// otherwise they go to the ignored test-results folder, so a test run leaves the tree clean.
const root = join(import.meta.dirname, '..', '..');
const folder =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? join(root, 'docs', 'screenshots')
    : join(root, 'test-results', 'screenshots');

let showcase: ApiCase[] = [];
test.beforeAll(async () => {
  showcase = await seedShowcaseCases();
});

async function chooseLanguage(page: Page, label: 'English' | '简体中文') {
  await page.getByRole('banner').getByText(label, { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', label === 'English' ? 'en' : 'zh-CN');
}

test('screenshots of the workbench and the case details page, in English and Chinese', async ({
  browser,
}) => {
  mkdirSync(folder, { recursive: true });
  const shown = showcase[0];
  const { page, context } = await signedInContext(browser, env.agentB.email);
  try {
    for (const [language, suffix] of [
      ['English', 'en'],
      ['简体中文', 'zh-CN'],
    ] as const) {
      await page.goto(`${env.baseUrl}/?view=all`);
      await chooseLanguage(page, language);
      await expect(page.locator('tr[data-case-id]').first()).toBeVisible();
      await page.screenshot({ path: join(folder, `workbench-${suffix}.png`) });
      await page.goto(`${env.baseUrl}/cases/${shown?.id ?? ''}`);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(`#${shown?.caseNo ?? ''}`);
      await expect(page.getByRole('tab').first()).toBeVisible();
      await page.screenshot({ path: join(folder, `case-details-${suffix}.png`), fullPage: true });
    }
  } finally {
    await chooseLanguage(page, 'English');
    await context.close();
  }
});

test('at 390 px wide the workbench and the details page fit the screen (tables scroll inside)', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, baseURL: env.baseUrl });
  const page = await context.newPage();
  await page.goto(`${env.baseUrl}/`);
  await page.getByLabel('Organisation').fill(env.tenant);
  await page.getByLabel('E-mail').fill(env.agentB.email);
  await page
    .getByLabel(/^Password/)
    .first()
    .fill(env.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Open navigation' })).toBeVisible();
  await page.goto(`${env.baseUrl}/?view=all`);
  await expect(page.locator('tr[data-case-id]').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: join(folder, 'workbench-390.png') });
  await page.goto(`${env.baseUrl}/cases/${showcase[0]?.id ?? ''}`);
  await expect(page.getByRole('tab').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});
