/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import { env, signIn } from './support/fixtures.js';

test('a wrong password is refused in words; the right one signs in, and sign-out returns to the sign-in page', async ({
  page,
}) => {
  await page.goto(`${env.baseUrl}/`);
  await page.getByLabel('Organisation').fill(env.tenant);
  await page.getByLabel('E-mail').fill(env.agentA.email);
  await page
    .getByLabel(/^Password/)
    .first()
    .fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('The organisation, e-mail or password is not right.');

  await signIn(page, env.agentA.email);
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('an expired session asks to sign in again over the page, keeping what was typed', async ({
  page,
  context,
}) => {
  await signIn(page, env.agentA.email);
  const search = page.getByLabel('Search cases and customers');
  await search.fill('typed before expiry');
  // The server forgets the session (as when it idles out); the next request answers 401.
  await context.clearCookies();
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await page.getByRole('link', { name: 'My tasks' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your session has ended' });
  await expect(dialog).toBeVisible();
  await dialog
    .getByLabel(/^Password/)
    .first()
    .fill(env.password);
  await dialog.getByLabel('Organisation').fill(env.tenant);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Search cases and customers')).toHaveValue('typed before expiry');
});

test('the chosen language is remembered for the user, in another browser too', async ({ browser }) => {
  const first = await browser.newContext();
  const page = await first.newPage();
  await signIn(page, env.admin.email);
  await page.getByRole('banner').getByText('简体中文', { exact: true }).click();
  await expect(page.getByRole('link', { name: '工单工作台' })).toBeVisible();
  await first.close();

  const second = await browser.newContext({ locale: 'en-GB' });
  const again = await second.newPage();
  await again.goto(`${env.baseUrl}/`);
  await again.getByLabel('Organisation').fill(env.tenant);
  await again.getByLabel('E-mail').fill(env.admin.email);
  await again
    .getByLabel(/^Password/)
    .first()
    .fill(env.password);
  await again.getByRole('button', { name: 'Sign in' }).click();
  await expect(again.getByRole('link', { name: '工单工作台' })).toBeVisible();
  await expect(again.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await again.getByRole('banner').getByText('English', { exact: true }).click();
  await expect(again.getByRole('link', { name: 'Workbench' })).toBeVisible();
  await second.close();
});
