import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { env, signIn } from './support/fixtures.js';

const BUDGET_BYTES = 300 * 1024;

test('the JavaScript the browser loads to show the workbench stays under 300 KB gzipped', async ({
  page,
}) => {
  await signIn(page, env.agentA.email);
  const scripts = new Map<string, number>();
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    void response
      .body()
      .then((body) => scripts.set(new URL(response.url()).pathname, gzipSync(body, { level: 9 }).length));
  });
  await page.reload();
  await expect(page.getByRole('tab', { name: /^To do/ })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const total = [...scripts.values()].reduce((sum, size) => sum + size, 0);
  writeFileSync(
    join(import.meta.dirname, '..', '..', 'test-results', 'bundle-workbench.json'),
    JSON.stringify({ gzipBytes: total, files: Object.fromEntries(scripts) }, null, 2),
  );
  expect(scripts.size).toBeGreaterThan(0);
  expect(total).toBeLessThan(BUDGET_BYTES);
});
