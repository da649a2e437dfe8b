import { expect, test, type Page } from '@playwright/test';
import { choose, chosen, expectClassificationBanners, fillDate, open, seriousViolations, settle, submit } from './helpers';

const historyRows = (page: Page) => page.locator('[data-test="history-row"]');
const commitmentRows = (page: Page) => page.locator('[data-test="commitment-row"]');

test('an officer records an agreement, moves it into force and sees a late commitment as overdue', async (
  { page, javaScriptEnabled },
  testInfo,
) => {
  test.slow(); // several full form posts on a busy 2-core machine
  const crashes: string[] = [];
  page.on('pageerror', (error) => crashes.push(error.message));
  const reference = `E2E-${testInfo.project.name.toUpperCase()}-${Date.now()}`;
  const title = `Browser test agreement ${reference}`;

  // A missing title is refused, with the summary and everything typed kept.
  await open(page, '/agreements/new', javaScriptEnabled);
  await page.getByLabel('Reference', { exact: true }).fill(reference);
  await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Treaty' });
  await page.getByRole('radio', { name: 'Yes' }).check();
  await choose(page, 'Partner', 'Libya', javaScriptEnabled);
  await submit(page, page.getByRole('button', { name: 'Save agreement' }), javaScriptEnabled);

  const summary = page.locator('[data-test="error-summary"]');
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Enter a title' })).toHaveAttribute('href', '#title');
  await expect(page.locator('#title-error')).toContainText('Enter a title');
  await expect(page.getByLabel('Reference', { exact: true })).toHaveValue(reference);
  await expect(page.getByLabel('Kind', { exact: true })).toHaveValue('treaty');
  await expect(page.getByRole('radio', { name: 'Yes' })).toBeChecked();
  await expect(chosen(page, 'partners')).toHaveValue('LY');

  // Fixed, it is saved and we land on its page.
  await page.getByLabel('Title', { exact: true }).fill(title);
  await submit(page, page.getByRole('button', { name: 'Save agreement' }), javaScriptEnabled);
  await expect(page).toHaveURL(/\/agreements\/\d+$/);
  const agreementPath = new URL(page.url()).pathname;
  await expect(page.locator('[data-test="agreement-reference"]')).toHaveText(reference);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(historyRows(page)).toHaveCount(1);

  // Through its lifecycle with the status form, each move in the history.
  for (const [from, to] of [['Proposed', 'Negotiating'], ['Negotiating', 'Signed'], ['Signed', 'In force']]) {
    await page.getByLabel('New status', { exact: true }).selectOption({ label: to });
    await page.getByLabel('Note', { exact: true }).fill(`${to}: moved by the browser test`);
    await submit(page, page.getByRole('button', { name: 'Change status' }), javaScriptEnabled);
    await expect(page).toHaveURL(new RegExp(`${agreementPath}$`));
    await expect(historyRows(page).filter({ hasText: `${from} → ${to}` })).toHaveCount(1);
    await expect(page.locator('[data-test="status-tag"]').first()).toHaveText(to);
  }
  await expect(historyRows(page)).toHaveCount(4);

  // A commitment due in the past and still in progress is overdue.
  const commitment = `Readmit documented nationals (${reference})`;
  await page.getByRole('button', { name: 'Add a commitment' }).click();
  await expect(page).toHaveURL(new RegExp(`${agreementPath}/commitments/new$`));
  await expect(page.getByRole('heading', { name: 'Add a commitment' })).toBeVisible();
  await settle(page, javaScriptEnabled);
  await page.getByLabel('Committing party', { exact: true }).selectOption({ label: 'Libya' });
  await page.getByLabel('Commitment', { exact: true }).fill(commitment);
  await page.getByLabel('Category', { exact: true }).selectOption({ label: 'Returns and readmission' });
  // Earlier than any demo date, so it heads the register sorted by due date.
  await fillDate(page, 'Due date (optional)', '31', '1', '2001');
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'In progress' });
  await submit(page, page.getByRole('button', { name: 'Save commitment' }), javaScriptEnabled);
  await expect(page).toHaveURL(/\/commitments\/\d+$/);
  await expect(page.locator('[data-test="commitment-text"]')).toHaveText(commitment);
  await expect(page.locator('[data-test="commitment-overdue"]')).toHaveText('Yes');

  await open(page, agreementPath, javaScriptEnabled);
  const onAgreement = commitmentRows(page).filter({ hasText: commitment });
  await expect(onAgreement).toHaveCount(1);
  await expect(onAgreement.locator('[data-test="overdue-tag"]')).toHaveText('Overdue');

  await open(page, '/commitments?overdue=true', javaScriptEnabled);
  const inRegister = commitmentRows(page).filter({ hasText: commitment });
  await expect(inRegister).toHaveCount(1);
  await expect(inRegister.locator('[data-test="overdue-tag"]')).toHaveText('Overdue');
  await expect(inRegister).toContainText(reference);
  await expectClassificationBanners(page);

  expect(crashes, crashes.join('\n')).toEqual([]);
});

for (const path of ['/agreements', '/agreements/new', '/commitments', '/commitments?overdue=true']) {
  test(`${path} has no serious accessibility violations`, async ({ browser, baseURL, page, javaScriptEnabled }) => {
    test.slow(); // axe checks every node: allow for a busy 2-core machine
    const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, path);
    expect(found, report).toEqual([]);
  });
}

test('an agreement page has no serious accessibility violations', async ({ browser, baseURL, page, request, javaScriptEnabled }) => {
  test.slow();
  // The first agreement the list links to (the demo data holds plenty).
  const list = await (await request.get('/agreements')).text();
  const id = /href="\/agreements\/(\d+)"/.exec(list)?.[1];
  expect(id, 'an agreement linked from /agreements').toBeTruthy();
  const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, `/agreements/${id}`);
  expect(found, report).toEqual([]);
});

test('the agreement form showing its error summary has no serious accessibility violations', async (
  { browser, baseURL, page, javaScriptEnabled },
) => {
  test.slow();
  const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, '/agreements/new', async (audited) => {
    await audited.getByLabel('Reference', { exact: true }).fill('E2E-AXE-NOT-SAVED');
    await submit(audited, audited.getByRole('button', { name: 'Save agreement' }), javaScriptEnabled);
    await expect(audited.locator('[data-test="error-summary"]')).toBeVisible();
  });
  expect(found, report).toEqual([]);
});
