import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { e2eEnvironment, type E2eEnvironment } from './environment.js';

let cached: E2eEnvironment | null = null;

/**
 * The seeded environment. Read on first use: Playwright loads test files before global setup has
 * written it.
 */
export const env: E2eEnvironment = new Proxy({} as E2eEnvironment, {
  get: (_target, key: keyof E2eEnvironment) => (cached ??= e2eEnvironment())[key],
});

/** Signs in through the sign-in page, as a user would. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${env.baseUrl}/`);
  await page.getByLabel('Organisation').fill(env.tenant);
  await page.getByLabel('E-mail').fill(email);
  await page
    .getByLabel(/^Password/)
    .first()
    .fill(env.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
}

/** A fresh browser context (its own cookies) signed in as the given user. */
export async function signedInContext(
  browser: Browser,
  email: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: env.baseUrl });
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}
