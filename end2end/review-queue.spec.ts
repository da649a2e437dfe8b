import { expect, test } from '@playwright/test';
import { stateFile } from './accounts';
import { numberIn, open, seriousViolations } from './helpers';

// The review queue (/reviews), with JavaScript on and off: a reviewer opens it, filters
// it to commitments, follows "Record an assessment"; axe finds nothing serious, and at
// 390 px nothing is wider than the screen.

test.use({ storageState: stateFile('reviewer') });

const groups = ['overdue', 'this_week', 'next_30_days', 'later'];

test('a reviewer opens the queue, filters it and follows Record an assessment', async ({ page, javaScriptEnabled }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page, '/reviews', javaScriptEnabled);
  await expect(page).toHaveTitle(/^Review queue – Accord$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Review queue');
  for (const group of groups) {
    await expect(page.locator(`[data-test="group-${group}"]`)).toBeVisible();
  }
  expect(await numberIn(page.locator('[data-test="result-count"]'))).toBeGreaterThan(0);
  // The navigation says where we are.
  await expect(page.getByRole('link', { name: /^Reviews/ })).toHaveAttribute('aria-current', 'page');

  const panel = page.locator('[data-test="filter-form"]');
  await panel.getByLabel('Kind of record', { exact: true }).selectOption({ label: 'Commitment' });
  await Promise.all([
    page.waitForURL(/[?&]kind=commitment/),
    panel.getByRole('button', { name: 'Apply filters' }).click(),
  ]);
  await expect(page.locator('[data-test="filter-tag"]')).toHaveCount(1);
  await expect(page.locator('[data-test="filter-tag"]').first()).toContainText('Kind: Commitment');
  const rows = page.locator('[data-test="queue-row"]');
  expect(await rows.count()).toBeGreaterThan(0);
  for (const kind of await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-kind')))) {
    expect(kind).toBe('commitment');
  }

  const assess = page.locator('[data-test="record-assessment"]').first();
  const href = await assess.getAttribute('href');
  expect(href).toMatch(/^\/commitments\/\d+\/assessments\/new$/);
  await Promise.all([page.waitForURL(new RegExp(`${href}$`)), assess.click()]);
  await expect(page).toHaveTitle(/^Record an assessment of commitment \d+ – Accord$/);
});

test('a group on its own shows every row a page at a time', async ({ page, javaScriptEnabled }) => {
  await open(page, '/reviews', javaScriptEnabled);
  const viewAll = page.locator('[data-test="view-all"]').first();
  if ((await viewAll.count()) === 0) {
    test.skip(true, 'no group has more than its first rows in this data');
  }
  await Promise.all([page.waitForURL(/[?&]group=/), viewAll.click()]);
  await expect(page.locator('section[data-test^="group-"]')).toHaveCount(1);
  await expect(page.locator('[data-test="queue-row"]')).toHaveCount(
    Math.min(50, await numberIn(page.locator('[data-test="result-count"]'))),
  );
});

test('the queue passes axe', async ({ browser, baseURL, page, javaScriptEnabled }) => {
  for (const path of ['/reviews', '/reviews?kind=commitment&group=overdue']) {
    const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, path);
    expect(found, report).toEqual([]);
  }
});

test('at 390 px the queue is no wider than the screen', async ({ page, javaScriptEnabled }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ['/reviews', '/reviews?group=overdue']) {
    await open(page, path, javaScriptEnabled);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${path} is ${width} px wide at 390 px`).toBeLessThanOrEqual(390);
  }
});
