import { expect, test, type Page } from '@playwright/test';
import { choose, open, seriousViolations, submit } from './helpers';

// Saves are confirmed and refusals are seen, with JavaScript on and off: a success
// banner on the page a save lands on (once), and a refused form titled "Error: …" with
// its error summary at the top, which takes the focus when JavaScript runs.

const banner = (page: Page) => page.locator('[data-test="success-banner"]');
const summary = (page: Page) => page.locator('[data-test="error-summary"]');

/** With JavaScript on, GOV.UK Frontend moves the focus to the error summary. */
async function expectSummaryFocused(page: Page, javaScriptEnabled: boolean) {
  if (!javaScriptEnabled) return;
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-test') ?? document.activeElement?.tagName))
    .toBe('error-summary');
}

test('an added agreement and a status change are each confirmed once', async ({ page, javaScriptEnabled }, testInfo) => {
  test.slow(); // full form posts on a busy 2-core machine
  const reference = `FB-${testInfo.project.name.toUpperCase()}-${Date.now()}`;
  await open(page, '/agreements/new', javaScriptEnabled);
  await expect(page.locator('.govuk-back-link')).toHaveAttribute('href', '/agreements');
  await page.getByLabel('Reference', { exact: true }).fill(reference);
  await page.getByLabel('Title', { exact: true }).fill(`Feedback test ${reference}`);
  await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Treaty' });
  await page.getByRole('radio', { name: 'No' }).first().check();
  await choose(page, 'Partner', 'Libya', javaScriptEnabled);
  await submit(page, page.getByRole('button', { name: 'Save agreement' }), javaScriptEnabled);

  await expect(page).toHaveURL(/\/agreements\/\d+$/);
  await expect(banner(page)).toHaveAttribute('role', 'alert');
  await expect(banner(page)).toHaveClass(/govuk-notification-banner--success/);
  await expect(banner(page)).toContainText(`Agreement ${reference} added`);
  await expect(page).toHaveTitle(new RegExp(`^${reference} – `));
  const agreementPath = new URL(page.url()).pathname;

  await open(page, agreementPath, javaScriptEnabled);
  await expect(banner(page)).toHaveCount(0);

  await expect(page.locator('[data-test="status-moves"]')).toHaveText(
    'From Proposed you can move to: Negotiating, Terminated.',
  );
  await page.getByLabel('New status', { exact: true }).selectOption({ label: 'Negotiating' });
  await page.getByLabel('Note', { exact: true }).fill('Moved by the feedback test');
  await submit(page, page.getByRole('button', { name: 'Change status' }), javaScriptEnabled);
  await expect(banner(page)).toContainText('Status changed to Negotiating');
});

test('a refused form is titled as an error and its summary comes first', async ({ page, javaScriptEnabled }) => {
  test.slow();
  await open(page, '/agreements/new', javaScriptEnabled);
  await submit(page, page.getByRole('button', { name: 'Save agreement' }), javaScriptEnabled);
  await expect(page).toHaveTitle(/^Error: Add an agreement – Accord$/);
  await expect(summary(page)).toBeVisible();
  await expect(summary(page).getByRole('link', { name: 'Enter a title' })).toHaveAttribute('href', '#title');
  await expectSummaryFocused(page, javaScriptEnabled);

  // The status form is at the foot of a long page: a refused change (no status
  // chosen) shows its summary straight after the heading. Nothing is written, so a
  // demo agreement will do (one in force: the other test's agreement never is).
  await open(page, '/agreements?status=in_force', javaScriptEnabled);
  const href = await page
    .locator('a[href]')
    .evaluateAll((links) =>
      links.map((a) => a.getAttribute('href') ?? '').find((h) => /^\/agreements\/\d+$/.test(h)),
    );
  expect(href, 'an agreement in force in the demo data').toBeTruthy();
  await open(page, href!, javaScriptEnabled);
  await submit(page, page.getByRole('button', { name: 'Change status' }), javaScriptEnabled);
  await expect(page).toHaveTitle(/^Error: /);
  await expect(summary(page)).toContainText('Select the new status');
  const order = await page.evaluate(() => {
    const heading = document.querySelector('h1')!;
    const found = document.querySelector('[data-test="error-summary"]')!;
    const form = document.querySelector('#status-form')!;
    const following = (a: Element, b: Element) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    return { afterHeading: following(heading, found), beforeForm: following(found, form) };
  });
  expect(order).toEqual({ afterHeading: true, beforeForm: true });
  await expectSummaryFocused(page, javaScriptEnabled);
});

test('an agreement page answering a refused status change has no serious accessibility violations', async (
  { browser, baseURL, page, request, javaScriptEnabled },
) => {
  test.slow(); // axe checks every node: allow for a busy 2-core machine
  const list = await (await request.get('/agreements?status=in_force')).text();
  const id = /href="\/agreements\/(\d+)"/.exec(list)?.[1];
  expect(id, 'an agreement in force in the demo data').toBeTruthy();
  const refuse = async (audited: Page) => {
    await audited.getByRole('button', { name: 'Change status' }).click();
    await expect(audited.locator('[data-test="error-summary"]')).toBeVisible();
  };
  const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, `/agreements/${id}`, refuse);
  expect(found, report).toEqual([]);
});
