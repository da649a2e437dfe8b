import { expect, test, type Page } from '@playwright/test';
import { choose, chosen, fillDate, open, seriousViolations, signIn, submit } from './helpers';

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

// Each kind of save is confirmed by the banner on the page it lands on. Each test signs
// the editor in afresh: the banner is a one-shot message in the session, and the JS and
// no-JS projects run at once (a shared session could show one project the other's).
test.describe('each kind of save is confirmed', () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'editor');
  });

  // Not Libya, whose page other specs read (it lists ten agreements before "View all").
  const PARTNER = 'Iceland';

  /** A reference no other run or project uses. */
  const unique = (prefix: string, project: string) =>
    `${prefix}-${project.toUpperCase()}-${Date.now()}-${Math.floor(Math.random() * 1000)}`;

  /** Adds an agreement with Iceland through the form and returns its address. */
  async function addAgreement(page: Page, reference: string, javaScriptEnabled: boolean) {
    await open(page, '/agreements/new', javaScriptEnabled);
    await page.getByLabel('Reference', { exact: true }).fill(reference);
    await page.getByLabel('Title', { exact: true }).fill(`Feedback test ${reference}`);
    await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Treaty' });
    await page.getByRole('radio', { name: 'No' }).first().check();
    await choose(page, 'Partner', PARTNER, javaScriptEnabled);
    await submit(page, page.getByRole('button', { name: 'Save agreement' }), javaScriptEnabled);
    await expect(page).toHaveURL(/\/agreements\/\d+$/);
    await expect(banner(page)).toContainText(`Agreement ${reference} added`);
    return new URL(page.url()).pathname;
  }

  /** The success banner as GOV.UK draws it, announced, saying `text`. */
  async function expectConfirmed(page: Page, text: string) {
    await expect(banner(page)).toHaveCount(1);
    await expect(banner(page)).toHaveAttribute('role', 'alert');
    await expect(banner(page)).toHaveClass(/govuk-notification-banner--success/);
    await expect(banner(page)).toContainText(text);
  }

  test('an edited agreement', async ({ page, javaScriptEnabled }, testInfo) => {
    test.slow(); // full form posts on a busy 2-core machine
    const reference = unique('FB-ED', testInfo.project.name);
    const agreement = await addAgreement(page, reference, javaScriptEnabled);

    await open(page, `${agreement}/edit`, javaScriptEnabled);
    const title = `Retitled by the feedback test ${reference}`;
    await page.getByLabel('Title', { exact: true }).fill(title);
    await submit(page, page.getByRole('button', { name: 'Save changes' }), javaScriptEnabled);

    expect(new URL(page.url()).pathname).toBe(agreement);
    await expectConfirmed(page, `Agreement ${reference} updated`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  });

  test('a commitment added to an agreement', async ({ page, javaScriptEnabled }, testInfo) => {
    test.slow();
    const reference = unique('FB-CM', testInfo.project.name);
    const agreement = await addAgreement(page, reference, javaScriptEnabled);

    await open(page, `${agreement}/commitments/new`, javaScriptEnabled);
    const text = `Exchange liaison officers (${reference})`;
    await page.getByLabel('Committing party', { exact: true }).selectOption({ label: PARTNER });
    await page.getByLabel('Commitment', { exact: true }).fill(text);
    await page.getByLabel('Category', { exact: true }).selectOption({ label: 'Returns and readmission' });
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'In progress' });
    await submit(page, page.getByRole('button', { name: 'Save commitment' }), javaScriptEnabled);

    await expect(page).toHaveURL(/\/commitments\/\d+$/);
    await expectConfirmed(page, 'Commitment added');
    await expect(page.locator('[data-test="commitment-text"]')).toHaveText(text);
  });

  test('an added sharing arrangement', async ({ page, javaScriptEnabled }, testInfo) => {
    test.slow();
    const reference = unique('FB-SH', testInfo.project.name);
    const label = (text: string) => page.getByLabel(text, { exact: true });
    await open(page, '/sharing/new', javaScriptEnabled);
    await label('Reference').fill(reference);
    await label('Title').fill(`Feedback test arrangement ${reference}`);
    await label('UK body').selectOption({ label: 'National Crime Agency' });
    await choose(page, 'Partner', PARTNER, javaScriptEnabled);
    await label('Partner body').fill('Coastguard operations room');
    await page.getByRole('checkbox', { name: 'Vessel sightings', exact: true }).check();
    await label('Direction').selectOption({ label: 'Partner to UK' });
    await label('Onward sharing').selectOption({ label: "Only with the originator's consent" });
    await label('OSJA assessment status').selectOption({ label: 'Completed' });
    await fillDate(page, 'OSJA assessment date', '1', '6', '2025');
    await label('Status').selectOption({ label: 'Active' });
    await submit(page, page.getByRole('button', { name: 'Save sharing arrangement' }), javaScriptEnabled);

    await expect(page).toHaveURL(/\/sharing\/\d+$/);
    await expectConfirmed(page, `Sharing arrangement ${reference} added`);
    await expect(page.locator('[data-test="sharing-reference"]')).toHaveText(reference);
  });

  test('an added route, its one leg chosen with the partner type-ahead', async ({ page, javaScriptEnabled }, testInfo) => {
    test.slow();
    // After the demo routes in the list (sorted by name), and known to routes.spec.ts's count.
    const name = `Zeta feedback test passage ${unique('R', testInfo.project.name)}`;
    await open(page, '/routes/new', javaScriptEnabled);
    await page.getByLabel('Name', { exact: true }).fill(name);
    await choose(page, 'Partner for leg row 1', PARTNER, javaScriptEnabled);
    await expect(chosen(page, 'leg_1_partner')).toHaveValue('IS');
    await page.getByLabel('Role for leg row 1', { exact: true }).selectOption({ label: 'Transit' });
    await submit(page, page.getByRole('button', { name: 'Save route' }), javaScriptEnabled);

    await expect(page).toHaveURL(/\/routes\/[a-z0-9-]+$/);
    await expectConfirmed(page, `Route ${name} added`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(page.locator('[data-test="route-legs-text"] li')).toHaveText([/^Iceland — transit\b/]);
  });
});
