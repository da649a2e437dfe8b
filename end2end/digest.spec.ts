import { expect, test } from '@playwright/test';
import { stateFile } from './accounts';
import { open, seriousViolations } from './helpers';

// The "E-mail reminders" section of /account: the daily digest is on until the user
// switches it off, and the switch is a plain form post (banner, no JavaScript needed).
// Each project switches its own account's reminders, so the two runs cannot race.
test('a user switches e-mail reminders off and on again from the account page', async ({ browser, baseURL }, testInfo) => {
  const javaScriptEnabled = testInfo.project.name === 'js';
  const account = javaScriptEnabled ? 'viewer' : 'editor';
  const context = await browser.newContext({ baseURL, javaScriptEnabled, storageState: stateFile(account) });
  const page = await context.newPage();
  try {
    await open(page, '/account', javaScriptEnabled);
    await expect(page.getByRole('heading', { name: 'E-mail reminders' })).toBeVisible();
    const state = page.locator('[data-test="digest-state"]');
    await expect(state).toHaveText('On');

    await page.getByRole('button', { name: 'Switch off e-mail reminders' }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.locator('.govuk-notification-banner--success')).toContainText('E-mail reminders switched off');
    await expect(state).toHaveText('Off');

    const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, '/account');
    expect(found, report).toEqual([]);

    await open(page, '/account', javaScriptEnabled);
    await page.getByRole('button', { name: 'Switch on e-mail reminders' }).click();
    await expect(page.locator('.govuk-notification-banner--success')).toContainText('E-mail reminders switched on');
    await expect(state).toHaveText('On');
  } finally {
    await context.close();
  }
});
