import { expect, test } from '@playwright/test';
import { expectClassificationBanners, numberIn, open } from './helpers';

test('the dashboard summarises the illustrative data', async ({ page, javaScriptEnabled }) => {
  await open(page, '/', javaScriptEnabled);

  await expect(page.locator('[data-test="illustrative-banner"]')).toBeVisible();

  const byStatus = page.locator('[data-test="agreements-by-status"]');
  await expect(byStatus).toBeVisible();
  await expect(byStatus.locator('tbody tr').first()).toBeVisible();
  const statusCounts = byStatus.locator('[data-test="status-count"]');
  await expect(statusCounts.first()).toBeVisible();
  let total = 0;
  for (const cell of await statusCounts.all()) {
    total += await numberIn(cell);
  }
  expect(total, 'agreements across all statuses').toBeGreaterThanOrEqual(40);

  expect(await numberIn(page.locator('[data-test="overdue-commitments-count"]'))).toBeGreaterThanOrEqual(1);
  expect(await numberIn(page.locator('[data-test="reviews-due-count"]'))).toBeGreaterThanOrEqual(0);
  expect(await numberIn(page.locator('[data-test="expiring-count"]'))).toBeGreaterThanOrEqual(0);

  const rag = page.locator('[data-test="rag-by-partner"]');
  await expect(rag).toBeVisible();
  await expect(rag.locator('tbody tr').first()).toBeVisible();

  await expectClassificationBanners(page);
});
