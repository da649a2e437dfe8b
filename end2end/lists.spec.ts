import { expect, test, type Page } from '@playwright/test';
import { expectDate, fillDate, numberIn, open, seriousViolations, textOf } from './helpers';

// The one filter layout of the agreements, commitments and sharing lists: a panel
// beside the results on wide screens, behind "Show filters" on narrow ones, and the
// filters in use as tags that each take one filter off.

const lists = [
  { path: '/agreements', rows: 'agreement-row' },
  { path: '/commitments', rows: 'commitment-row' },
  { path: '/sharing', rows: 'sharing-row' },
];

const tags = (page: Page) => page.locator('[data-test="filter-tag"]');

/** Follows a link and waits for the page it leads to. */
async function follow(page: Page, name: string | RegExp, javaScriptEnabled: boolean) {
  await Promise.all([
    page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() }),
    page.getByRole('link', { name }).click(),
  ]);
  await page.waitForLoadState('load');
  if (javaScriptEnabled) {
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  }
}

test('filters applied show as tags, and removing a tag removes only that filter', async ({ page, javaScriptEnabled }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page, '/agreements?partner=LY&status=in_force', javaScriptEnabled);
  await expect(tags(page)).toHaveCount(2);
  await expect(tags(page).nth(0)).toContainText('Partner: Libya');
  await expect(tags(page).nth(1)).toContainText('Status: In force');
  const both = await numberIn(page.locator('[data-test="result-count"]'));

  await follow(page, /Status: In force/, javaScriptEnabled);
  expect(new URL(page.url()).search).toBe('?partner=LY');
  await expect(tags(page)).toHaveCount(1);
  await expect(tags(page).first()).toContainText('Partner: Libya');
  expect(await numberIn(page.locator('[data-test="result-count"]'))).toBeGreaterThanOrEqual(both);

  await follow(page, 'Clear filters', javaScriptEnabled);
  expect(new URL(page.url()).pathname).toBe('/agreements');
  expect(new URL(page.url()).search).toBe('');
  await expect(tags(page)).toHaveCount(0);
});

test('a filter chosen in the panel is applied and shown as a tag', async ({ page, javaScriptEnabled }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page, '/commitments', javaScriptEnabled);
  const panel = page.locator('[data-test="filter-form"]');
  await expect(panel).toBeVisible();
  await expect(page.locator('[data-test="show-filters"]')).toBeHidden();
  await panel.getByLabel('Overdue', { exact: true }).selectOption({ label: 'Overdue only' });
  await Promise.all([
    page.waitForURL(/[?&]overdue=true/),
    panel.getByRole('button', { name: 'Apply filters' }).click(),
  ]);
  await expect(tags(page)).toHaveCount(1);
  await expect(tags(page).first()).toContainText('Overdue: Overdue only');
  const count = await numberIn(page.locator('[data-test="result-count"]'));
  await expect(page.locator('[data-test="commitment-row"]')).toHaveCount(Math.min(count, 50));
  for (const text of await page.locator('[data-test="overdue-tag"]').allTextContents()) {
    expect(text.trim()).toBe('Overdue');
  }
});

test('"Due before" is a date input: applied as a tag, and shown again when the filter is re-opened', async ({ page, javaScriptEnabled }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page, '/commitments', javaScriptEnabled);
  const count = page.locator('[data-test="result-count"]');
  const all = await numberIn(count);
  const panel = page.locator('[data-test="filter-form"]');
  await expect(panel.getByRole('group', { name: 'Due before', exact: true })).toBeVisible();
  await fillDate(page, 'Due before', '31', '12', '2026');
  await panel.getByLabel('Withdrawn', { exact: true }).selectOption({ label: 'Leave out withdrawn' });
  await Promise.all([
    page.waitForURL(/[?&]due_before-day=31&due_before-month=12&due_before-year=2026(&|$)/),
    panel.getByRole('button', { name: 'Apply filters' }).click(),
  ]);
  await expect(tags(page)).toHaveCount(2);
  await expect(tags(page).filter({ hasText: 'Due before' })).toHaveText('Remove this filter: Due before: 31 December 2026');
  const due = await numberIn(count);
  expect(due, 'no more due before the date than in the whole register').toBeLessThanOrEqual(all);
  await expectDate(page, 'Due before', '31', '12', '2026');

  // Taking the other filter off keeps this one, written as one date: the fields show it again.
  await follow(page, /Remove this filter: Withdrawn:/, javaScriptEnabled);
  expect(new URL(page.url()).search).toBe('?due_before=2026-12-31');
  await expect(tags(page)).toHaveCount(1);
  await expect(tags(page).first()).toContainText('Due before: 31 December 2026');
  expect(await numberIn(count)).toBeGreaterThanOrEqual(due);
  await expectDate(page, 'Due before', '31', '12', '2026');

  // Taken off, the fields are empty and the whole register is back.
  await follow(page, /Remove this filter: Due before:/, javaScriptEnabled);
  expect(new URL(page.url()).search).toBe('');
  await expect(tags(page)).toHaveCount(0);
  await expectDate(page, 'Due before', '', '', '');
  expect(await numberIn(count)).toBe(all);
});

for (const { path, rows } of lists) {
  test(`${path}: the results start near the top beside the filters on a wide screen`, async ({ page, javaScriptEnabled }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await open(page, path, javaScriptEnabled);
    await expect(page.locator('[data-test="filter-layout"]')).toHaveCount(1);
    const count = await page.locator('[data-test="result-count"]').boundingBox();
    const form = await page.locator('[data-test="filter-form"]').boundingBox();
    expect(count, 'the count is shown').not.toBeNull();
    expect(form, 'the filter panel is shown').not.toBeNull();
    expect(count!.y, 'results start near the top').toBeLessThan(600);
    expect(form!.x + form!.width, 'the panel is beside the results').toBeLessThanOrEqual(count!.x);
    await expect(page.locator(`[data-test="${rows}"]`).first()).toBeVisible();
  });

  test(`${path}: at 390 px the filters collapse behind "Show filters"`, async ({ page, javaScriptEnabled }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, `${path}?status=${path === '/sharing' ? 'active' : path === '/agreements' ? 'in_force' : 'in_progress'}`, javaScriptEnabled);
    const toggle = page.locator('[data-test="show-filters"]');
    const form = page.locator('[data-test="filter-form"]');
    await expect(toggle).toBeVisible();
    await expect(toggle).toHaveText(/Show filters/);
    await expect(form).toBeHidden();
    // The filters in use are still shown, above the results.
    await expect(tags(page)).toHaveCount(1);
    await expect(page.locator(`[data-test="${rows}"]`).first()).toBeVisible();

    await toggle.click();
    await expect(form).toBeVisible();
    await expect(toggle).toHaveText(/Hide filters/);
    await toggle.click();
    await expect(form).toBeHidden();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
}

// At 390 px the header's own targets are the narrow-screen work's (end2end/narrow.spec.ts).
test('the filter layout has no serious accessibility problems', async ({ browser, baseURL, page, javaScriptEnabled }) => {
  for (const width of [1280]) {
    await page.setViewportSize({ width, height: 900 });
    const { found, report } = await seriousViolations(
      browser, baseURL, page, javaScriptEnabled, '/agreements?partner=LY&status=in_force',
      async (audited) => audited.setViewportSize({ width, height: 900 }),
    );
    expect(found, report).toEqual([]);
  }
});

test('a dashboard figure leads to its list with the same count', async ({ page, javaScriptEnabled }) => {
  await open(page, '/', javaScriptEnabled);
  const figure = await numberIn(page.locator('[data-test="overdue-commitments-count"]'));
  await Promise.all([
    page.waitForURL(/\/commitments\?overdue=true$/),
    page.locator('[data-test="overdue-commitments-count-link"]').click(),
  ]);
  expect(await numberIn(page.locator('[data-test="result-count"]'))).toBe(figure);
  expect(await textOf(tags(page).first())).toContain('Overdue');
});
