import { expect, test, type Page } from '@playwright/test';
import { expectClassificationBanners, numberIn, open, textOf } from './helpers';

const rowsOf = (page: Page) => page.locator('[data-test="partner-row"]');

test('a filter in the address narrows the list', async ({ page, javaScriptEnabled }) => {
  await open(page, '/partners?name=mor', javaScriptEnabled);
  const rows = rowsOf(page);
  await expect(rows.filter({ hasText: 'Morocco' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'France' })).toHaveCount(0);
  const texts = await rows.allTextContents();
  expect(texts.length).toBeGreaterThan(0);
  expect(texts.filter((text) => !/mor/i.test(text))).toEqual([]);
  await expectClassificationBanners(page);
});

test('the name filter form submits to a shareable address', async ({ page, javaScriptEnabled }) => {
  await open(page, '/partners', javaScriptEnabled);
  await page.getByLabel('Name', { exact: true }).fill('lib');
  await page.getByRole('button', { name: 'Apply filters' }).click();

  await expect(page).toHaveURL(/[?&]name=lib(&|$)/);
  const rows = rowsOf(page);
  await expect(rows.filter({ hasText: 'Libya' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'France' })).toHaveCount(0);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('lib');
});

test('the region filter keeps only that region, and the count agrees', async ({ page, javaScriptEnabled }) => {
  await open(page, '/partners', javaScriptEnabled);
  await page.getByLabel('Region', { exact: true }).selectOption({ label: 'Africa' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/[?&]region=[^&]+/);

  const rows = rowsOf(page);
  const regions = rows.locator('[data-test="partner-region"]');
  await expect
    .poll(async () => {
      const texts = (await regions.allTextContents()).map((text) => text.trim());
      return texts.length > 0 && texts.every((text) => text === 'Africa');
    }, { message: 'every row is in Africa' })
    .toBe(true);
  expect(await regions.count()).toBe(await rows.count());
  await expect(rows.filter({ hasText: 'Libya' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'France' })).toHaveCount(0);

  const count = page.locator('[data-test="partner-count"]');
  await expect(count).toHaveText(/^\s*\d+ partners?\s*$/);
  // 50 a page (GOV.UK pagination below).
  expect(Math.min(await numberIn(count), 50), `"${await textOf(count)}" matches the rows listed`).toBe(await rows.count());
});

test('the unfiltered count matches the rows listed', async ({ page, javaScriptEnabled }) => {
  await open(page, '/partners', javaScriptEnabled);
  const rows = rowsOf(page);
  const count = page.locator('[data-test="partner-count"]');
  await expect(count).toHaveText(/^\s*\d+ partners?\s*$/);
  const listed = await rows.count();
  expect(listed).toBe(50);
  const total = await numberIn(count);
  expect(total).toBeGreaterThan(200);
  // The pages hold every partner: the last one holds the rest.
  const last = Math.ceil(total / 50);
  await open(page, `/partners?page=${last}`, javaScriptEnabled);
  await expect(page.locator('[data-test="pagination"]')).toBeVisible();
  expect(await rowsOf(page).count()).toBe(total - 50 * (last - 1));
});
