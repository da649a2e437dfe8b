import { expect, test, type Page } from '@playwright/test';
import { open, seriousViolations, signIn, submit } from './helpers';

// An editor adds the top lines of a partner's briefing, with JavaScript on and off: an
// empty text is refused with an error summary, the fixed form saves with a success
// banner, and the partner page shows the text under "Briefing".

// Each test signs the editor in afresh: a success banner is a one-shot message in the
// session, and the JS and no-JS projects run at once.
test.use({ storageState: { cookies: [], origins: [] } });
test.beforeEach(async ({ page }) => {
  await signIn(page, 'editor');
});

const banner = (page: Page) => page.locator('[data-test="success-banner"]');
const summary = (page: Page) => page.locator('[data-test="error-summary"]');

/** A partner without demo briefing text for each project, so parallel runs do not collide. */
const partnerFor = (project: string) => (project === 'js' ? { alpha2: 'NE', name: 'Niger' } : { alpha2: 'ML', name: 'Mali' });

test('an editor adds top lines after fixing a refused form', async ({ page, javaScriptEnabled }, testInfo) => {
  test.slow(); // full form posts on a busy 2-core machine
  const { alpha2, name } = partnerFor(testInfo.project.name);
  await open(page, `/partners/${alpha2}`, javaScriptEnabled);
  await page.getByRole('link', { name: 'Add top lines' }).click();
  await expect(page).toHaveURL(new RegExp(`/partners/${alpha2}/briefing/top_lines/edit$`));
  await expect(page).toHaveTitle(`Add top lines for ${name} – Accord`);

  await submit(page, page.getByRole('button', { name: 'Save top lines' }), javaScriptEnabled);
  await expect(page).toHaveTitle(/^Error: Add top lines/);
  await expect(summary(page).getByRole('link', { name: 'Enter the text' })).toHaveAttribute('href', '#body');

  const text = `Top lines from the browser test (${testInfo.project.name}).`;
  await page.getByLabel('Top lines', { exact: true }).fill(`${text}\n\nA second paragraph.`);
  await submit(page, page.getByRole('button', { name: 'Save top lines' }), javaScriptEnabled);

  await expect(page).toHaveURL(new RegExp(`/partners/${alpha2}$`));
  await expect(banner(page)).toContainText(`Top lines for ${name} saved`);
  const section = page.locator('[data-test="briefing-section"][data-section="top_lines"]');
  await expect(section.getByRole('heading', { name: 'Top lines' })).toBeVisible();
  await expect(section.getByText(text)).toBeVisible();
  await expect(section.getByText('A second paragraph.')).toBeVisible();
  await expect(section.locator('[data-test="record-marking"]')).toHaveText('OFFICIAL');
  // The other sections are still offered.
  await expect(page.getByRole('link', { name: 'Add objectives' })).toBeVisible();
});

test('the briefing text form passes axe', async ({ browser, baseURL, page, javaScriptEnabled }) => {
  const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, '/partners/LY/briefing/top_lines/edit');
  expect(found, report).toEqual([]);
});
