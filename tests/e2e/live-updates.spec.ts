import { expect, test } from '@playwright/test';
import { createCaseInUi, uniqueTitle } from './support/cases.js';
import { env, signedInContext } from './support/fixtures.js';

test('a case created in one browser appears in another browser’s workbench without a reload', async ({
  browser,
}) => {
  // Agent B may view all cases: the All view shows what agent A creates.
  const watcher = await signedInContext(browser, env.agentB.email);
  await watcher.page.goto(`${env.baseUrl}/?view=all`);
  await expect(watcher.page.getByRole('tab', { name: /^All/, selected: true })).toBeVisible();
  let reloaded = false;
  watcher.page.on('framenavigated', (frame) => {
    if (frame === watcher.page.mainFrame()) reloaded = true;
  });

  const creator = await signedInContext(browser, env.agentA.email);
  const title = uniqueTitle('Live refund case');
  await createCaseInUi(creator.page, {
    title,
    description: 'Created while a colleague watches.',
    owner: env.agentA.name,
  });

  await expect(watcher.page.locator('tr[data-case-id]').filter({ hasText: title })).toBeVisible();
  expect(reloaded).toBe(false);
  await creator.context.close();
  await watcher.context.close();
});
