import { expect, test } from '@playwright/test';

test('without JavaScript the page is served whole and never hydrated', async ({ page, javaScriptEnabled }) => {
  test.skip(javaScriptEnabled, 'only with JavaScript off');
  await page.goto('/partners');
  await expect(page.locator('[data-test="partner-row"]').first()).toBeVisible();
  expect(await page.locator('html').getAttribute('data-hydrated')).toBeNull();
});

test('the partner list hydrates cleanly and filters as you type', async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, 'hydration needs JavaScript');
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') {
      errors.push(`console error: ${message.text()}`);
    }
  });

  await page.goto('/partners');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');

  const rows = page.locator('[data-test="partner-row"]').filter({ visible: true });
  await expect(rows.filter({ hasText: 'Albania' })).toHaveCount(1);
  const before = await rows.count();

  // Type without submitting: only the hydrated page can narrow the list.
  await page.getByLabel('Name', { exact: true }).pressSequentially('mor', { delay: 50 });

  await expect(rows.filter({ hasText: 'Albania' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'Morocco' })).toHaveCount(1);
  await expect
    .poll(async () => (await rows.allTextContents()).filter((text) => !/mor/i.test(text)))
    .toEqual([]);
  expect(await rows.count()).toBeLessThan(before);

  expect(errors, errors.join('\n')).toEqual([]);
});
