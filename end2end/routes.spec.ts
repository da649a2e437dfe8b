import { expect, test, type Page } from '@playwright/test';
import { expectClassificationBanners, open, seriousViolations } from './helpers';

test('the route list leads to a route with its diagram, coverage rows and gaps', async ({ page, javaScriptEnabled }) => {
  await open(page, '/routes', javaScriptEnabled);
  const rows = page.locator('[data-test="route-row"]');
  // The six demo routes, besides any feedback.spec.ts has added.
  await expect(rows.filter({ hasNotText: 'feedback test' })).toHaveCount(6);
  await expectClassificationBanners(page);

  await rows.getByRole('link', { name: 'Central Mediterranean', exact: true }).click();
  await expect(page).toHaveURL(/\/routes\/central-mediterranean$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Central Mediterranean');

  // The diagram is an image with an accessible name, a node per leg, and a text equivalent.
  const diagram = page.getByRole('img', { name: /Legs of the Central Mediterranean route/ });
  await expect(diagram).toBeVisible();
  await expect(diagram).toHaveAttribute('data-test', 'route-diagram');
  await expect(diagram.locator('[data-test="diagram-node"]')).toHaveCount(7);
  const legsText = page.locator('[data-test="route-legs-text"] li');
  await expect(legsText).toHaveCount(7);
  await expect(legsText.first()).toHaveText(/^Eritrea — source — \d+ gaps?: /);
  await expect(legsText.last()).toHaveText('United Kingdom — destination — home party');

  // A coverage row per leg, in order; gaps as tags; none for the UK.
  const coverage = page.locator('[data-test="coverage-row"]');
  await expect(coverage).toHaveCount(7);
  await expect(coverage.first()).toContainText('Eritrea');
  await expect(coverage.last()).toContainText('United Kingdom');
  await expect(coverage.last().locator('[data-test="gap"]')).toHaveCount(0);
  await expect(page.locator('[data-test="gap"]').first()).toBeVisible();
  const libya = page.locator('[data-test="coverage-row"][data-partner="LY"]');
  await expect(libya.locator('[data-test="gap"][data-gap="agreement_expiring_soon"]')).toBeVisible();
  await expect(libya.locator('[data-test="agreements-in-force"] a[href^="/agreements/"]').first()).toBeVisible();

  await expectClassificationBanners(page);

  // The partner link leads to the partner's full picture, with its gaps by the same rule.
  await libya.getByRole('link', { name: 'Libya', exact: true }).click();
  await expect(page).toHaveURL(/\/partners\/LY$/);
  await expect(page.locator('[data-test="partner-gaps"] [data-gap="agreement_expiring_soon"]')).toBeVisible();
});

test('a partner page shows its agreements, commitments, sharing and routes', async ({ page, javaScriptEnabled }) => {
  await open(page, '/partners/LY', javaScriptEnabled);
  const agreements = page.locator('[data-test="partner-agreement-row"]');
  // Ten at most (other specs add agreements with Libya), then a link to them all.
  const count = Number(await page.locator('[data-test="partner-agreements-count"]').textContent());
  await expect(agreements).toHaveCount(Math.min(count, 10));
  if (count > 10) {
    await expect(page.getByRole('link', { name: `View all ${count} agreements` })).toHaveAttribute('href', '/agreements?partner=LY');
  }
  await expect(agreements.first().locator('a[href^="/agreements/"]')).toBeVisible();
  await expect(page.locator('[data-test="partner-commitment-row"]').first()).toBeVisible();
  await expect(page.locator('[data-test="partner-sharing-row"] a[href^="/sharing/"]').first()).toBeVisible();
  const onRoute = page.locator('[data-test="partner-route"]').filter({ hasText: 'Central Mediterranean' });
  await expect(onRoute.locator('[data-test="partner-route-roles"]')).toHaveText(/departure/);
  await expectClassificationBanners(page);
});

test('the dashboard has a coverage-gaps panel linking to partners', async ({ page, javaScriptEnabled }) => {
  await open(page, '/', javaScriptEnabled);
  const panel = page.locator('[data-test="coverage-gaps"]');
  await expect(panel).toBeVisible();
  await expect(panel.locator('[data-test="gap-kind-row"]')).toHaveCount(4);
  await expect(panel.locator('[data-test="gap-partner-row"] a[href^="/partners/"]').first()).toBeVisible();
});

test('an unknown route is not found', async ({ page }) => {
  const response = await page.goto('/routes/nope');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});

// WCAG 2.2 AA: no serious or critical axe violations (as in accessibility.spec.ts).
for (const path of ['/routes', '/routes/central-mediterranean', '/partners/LY']) {
  test(`${path} has no serious accessibility violations`, async ({ browser, baseURL, page, javaScriptEnabled }) => {
    test.slow();
    const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, path);
    expect(found, report).toEqual([]);
  });
}
