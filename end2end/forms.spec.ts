import { expect, test, type Page } from '@playwright/test';
import { choose, chosen, expectDate, fillDate, open, seriousViolations, submit } from './helpers';

test('an agreement with two partners and GOV.UK date inputs: add another, a wrong month, then saved', async (
  { page, javaScriptEnabled },
  testInfo,
) => {
  test.slow(); // several full form posts on a busy 2-core machine
  const crashes: string[] = [];
  page.on('pageerror', (error) => crashes.push(error.message));
  const reference = `E2E-FORM-${testInfo.project.name.toUpperCase()}-${Date.now()}`;

  await open(page, '/agreements/new', javaScriptEnabled);
  await expect(page.locator('input[type="date"]')).toHaveCount(0);
  await page.getByLabel('Reference', { exact: true }).fill(reference);
  await page.getByLabel('Title', { exact: true }).fill(`Form patterns ${reference}`);
  await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Treaty' });
  await page.getByRole('radio', { name: 'Yes' }).check();
  // The type-ahead with JavaScript, the plain select without: the same value posted.
  await choose(page, 'Partner', 'Libya', javaScriptEnabled);
  await expect(chosen(page, 'partners')).toHaveValue('LY');
  await fillDate(page, 'Date signed (optional)', '5', 'March', '2026');

  // "Add another partner" shows the form again with one more box and nothing lost.
  await expect(page.locator('[data-test="partner-box"]')).toHaveCount(1);
  await submit(page, page.getByRole('button', { name: 'Add another partner' }), javaScriptEnabled);
  await expect(page).toHaveURL(/\/agreements\/new$/);
  await expect(page.locator('[data-test="partner-box"]')).toHaveCount(2);
  await expect(page.locator('[data-test="error-summary"]')).toHaveCount(0);
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue(`Form patterns ${reference}`);
  await expect(chosen(page, 'partners', 0)).toHaveValue('LY');
  await expectDate(page, 'Date signed (optional)', '5', 'March', '2026');
  await choose(page, 'Another partner (optional)', 'France', javaScriptEnabled);
  await expect(chosen(page, 'partners', 1)).toHaveValue('FR');

  // A month that cannot be right: GOV.UK's message, only the month highlighted.
  await fillDate(page, 'Next review date (optional)', '1', '13', '2099');
  await submit(page, page.getByRole('button', { name: 'Save agreement' }), javaScriptEnabled);
  const summary = page.locator('[data-test="error-summary"]');
  await expect(summary.getByRole('link', { name: 'Next review date must be a real date' })).toHaveAttribute(
    'href',
    '#next_review_on-month',
  );
  await expect(page.locator('#next_review_on-month')).toHaveClass(/govuk-input--error/);
  await expect(page.locator('#next_review_on-day')).not.toHaveClass(/govuk-input--error/);
  await expect(chosen(page, 'partners', 1)).toHaveValue('FR');

  // Enter in a text field saves (the form's default button), not "Add another partner".
  await page.locator('#next_review_on-month').fill('jan');
  await submit(page, page.locator('#next_review_on-month'), javaScriptEnabled, true);
  await expect(page).toHaveURL(/\/agreements\/\d+$/);
  await expect(page.locator('[data-test="agreement-reference"]')).toHaveText(reference);
  await expect(page.locator('main')).toContainText('5 March 2026');
  await expect(page.locator('main')).toContainText('1 January 2099');
  await expect(page.locator('main')).toContainText('France');
  await expect(page.locator('main')).toContainText('Libya');

  expect(crashes, crashes.join('\n')).toEqual([]);
});

test('without JavaScript, Remove takes one partner box away and keeps the others', async ({ page, javaScriptEnabled }) => {
  test.skip(javaScriptEnabled, 'the no-JavaScript path');
  await open(page, '/agreements/new', false);
  await page.getByLabel('Partner', { exact: true }).selectOption({ label: 'Libya' });
  await submit(page, page.getByRole('button', { name: 'Add another partner' }), false);
  await page.getByLabel('Another partner (optional)', { exact: true }).selectOption({ label: 'Tunisia' });
  await submit(page, page.getByRole('button', { name: 'Remove partner 1' }), false);
  await expect(page.locator('[data-test="partner-box"]')).toHaveCount(1);
  await expect(chosen(page, 'partners')).toHaveValue('TN');
});

test('a commitment form with a date input has no serious accessibility violations', async ({
  browser,
  baseURL,
  page,
  request,
  javaScriptEnabled,
}) => {
  test.slow();
  const list = await (await request.get('/agreements')).text();
  const id = /href="\/agreements\/(\d+)"/.exec(list)?.[1];
  expect(id, 'an agreement linked from /agreements').toBeTruthy();
  const path = `/agreements/${id}/commitments/new`;
  const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, path);
  expect(found, report).toEqual([]);
});
