import { expect, test, type Page } from '@playwright/test';
import { fillDate, open, seriousViolations, signIn, submit } from './helpers';

// A reviewer records an assessment of a commitment, with JavaScript on and off: a
// deliberate error is refused with an error summary and the values kept, the fixed
// form saves with a success banner, and the commitment's timeline grows.

// Each test signs the reviewer in afresh: a success banner is a one-shot message in the
// session, and the JS and no-JS projects run at once, so a shared session could show
// one project's banner to the other.
test.use({ storageState: { cookies: [], origins: [] } });
test.beforeEach(async ({ page }) => {
  await signIn(page, 'reviewer');
});

const banner = (page: Page) => page.locator('[data-test="success-banner"]');
const summary = (page: Page) => page.locator('[data-test="error-summary"]');
const entries = (page: Page) => page.locator('[data-test="assessment"]');

/** A different in-progress commitment for each project, so parallel runs do not collide. */
async function commitmentPath(page: Page, project: string): Promise<string> {
  await page.goto('/commitments?status=in_progress');
  const links = page.locator('a[href^="/commitments/"]').filter({ hasNotText: /^\s*$/ });
  const hrefs = (await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '')))
    .filter((href) => /^\/commitments\/\d+$/.test(href));
  expect(hrefs.length, 'in-progress commitments to assess').toBeGreaterThan(3);
  return hrefs[project === 'js' ? 1 : 2];
}

test('a reviewer records an assessment after fixing a refused form', async ({ page, javaScriptEnabled }, testInfo) => {
  test.slow(); // full form posts on a busy 2-core machine
  const path = await commitmentPath(page, testInfo.project.name);
  await open(page, path, javaScriptEnabled);
  const before = await entries(page).count();

  await page.getByRole('button', { name: 'Record an assessment' }).click();
  await expect(page).toHaveURL(new RegExp(`${path}/assessments/new$`));
  await expect(page).toHaveTitle(/^Record an assessment of commitment \d+ – Accord$/);
  const note = `Assessed by the browser test (${testInfo.project.name})`;
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Met' });
  await page.getByLabel('RAG', { exact: true }).selectOption({ label: 'Select red, amber or green' });
  await page.getByLabel('Progress note', { exact: true }).fill(note);
  await submit(page, page.getByRole('button', { name: 'Record assessment' }), javaScriptEnabled);

  await expect(page).toHaveTitle(/^Error: Record an assessment/);
  await expect(summary(page)).toBeVisible();
  await expect(summary(page).getByRole('link', { name: 'Select red, amber or green' })).toHaveAttribute('href', '#rag');
  await expect(page.getByLabel('Progress note', { exact: true })).toHaveValue(note);

  await page.getByLabel('RAG', { exact: true }).selectOption({ label: 'Green' });
  await fillDate(page, 'Next review date (optional)', '1', '6', '2099');
  await submit(page, page.getByRole('button', { name: 'Record assessment' }), javaScriptEnabled);

  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await expect(banner(page)).toContainText('Assessment recorded');
  await expect(entries(page)).toHaveCount(before + 1);
  await expect(entries(page).first()).toContainText(note);
  await expect(entries(page).first()).toContainText('Next review: 1 June 2099');
  await expect(page.locator('[data-test="commitment-status"]')).toHaveText('Met');
});

test('the assessment form passes axe', async ({ browser, baseURL, page, javaScriptEnabled }, testInfo) => {
  const path = await commitmentPath(page, testInfo.project.name);
  const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, `${path}/assessments/new`);
  expect(found, report).toEqual([]);
});

test('a reviewer marks an agreement as reviewed, and the form passes axe', async ({ browser, baseURL, page, javaScriptEnabled }, testInfo) => {
  test.slow();
  await page.goto('/agreements');
  const hrefs = (await page.locator('a[href^="/agreements/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '')))
    .filter((href) => /^\/agreements\/\d+$/.test(href));
  expect(hrefs.length, 'agreements to review').toBeGreaterThan(3);
  const path = hrefs[testInfo.project.name === 'js' ? 1 : 2];
  const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, `${path}/reviews/new`);
  expect(found, report).toEqual([]);

  await open(page, path, javaScriptEnabled);
  await page.getByRole('button', { name: 'Mark as reviewed' }).click();
  await expect(page).toHaveURL(new RegExp(`${path}/reviews/new$`));
  const note = `Reviewed by the browser test (${testInfo.project.name})`;
  await page.getByLabel('Note (optional)', { exact: true }).fill(note);
  await submit(page, page.getByRole('button', { name: 'Mark as reviewed' }), javaScriptEnabled);
  await expect(page).toHaveTitle(/^Error: Mark .* as reviewed/);
  await expect(summary(page).getByRole('link', { name: 'Enter the next review date' })).toBeVisible();

  await fillDate(page, 'Next review date', '30', '6', '2099');
  await submit(page, page.getByRole('button', { name: 'Mark as reviewed' }), javaScriptEnabled);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await expect(banner(page)).toContainText(/Agreement .+ marked as reviewed/);
  await expect(page.locator('[data-test="record-review"]').first()).toContainText(note);
});
