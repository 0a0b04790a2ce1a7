import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { agentApi, uniqueTitle, type ApiCase } from './support/cases.js';
import { env, signedInContext } from './support/fixtures.js';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }));
}

test('the workbench, the case details page and a configuration page have no serious or critical axe violations', async ({
  browser,
}) => {
  const api = await agentApi(env.agentA.email);
  const theCase = await api.post<ApiCase>('/api/v1/cases', {
    typeId: env.caseType.id,
    title: uniqueTitle('Accessibility check'),
    description: 'A case for the accessibility check.',
    priority: 'high',
    origin: 'email',
    customerId: env.customer.id,
    ownerId: env.agentA.id,
  });

  const agent = await signedInContext(browser, env.agentA.email);
  await agent.page.goto(`${env.baseUrl}/`);
  await expect(agent.page.locator(`tr[data-case-id="${theCase.id}"]`)).toBeVisible();
  expect(await seriousViolations(agent.page), 'workbench').toEqual([]);

  await agent.page.goto(`${env.baseUrl}/cases/${theCase.id}`);
  await expect(agent.page.getByRole('heading', { level: 1 })).toContainText(`#${theCase.caseNo}`);
  await expect(agent.page.getByRole('tab', { name: /^Case Track/ })).toBeVisible();
  expect(await seriousViolations(agent.page), 'case details').toEqual([]);
  await agent.context.close();

  const admin = await signedInContext(browser, env.admin.email);
  await admin.page.goto(`${env.baseUrl}/config/sla-rules`);
  await expect(admin.page.getByRole('button', { name: 'New SLA rule' })).toBeVisible();
  expect(await seriousViolations(admin.page), 'configuration: SLA rules').toEqual([]);
  await admin.context.close();
});
