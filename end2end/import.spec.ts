import { expect, test, type Page } from '@playwright/test';
import { stateFile } from './accounts';
import { open, seriousViolations, signIn, submit } from './helpers';

// Spreadsheet import (issue 12), with JavaScript on and off: an editor uploads a file
// with an error, sees the row reported, uploads the corrected file, and sees the banner
// and the records in the list. A viewer cannot reach /import. axe and 390 px.

const HEADER = 'reference,title,kind,status,next_review_on,marking,partner_codes,legally_binding,signed_on,in_force_on,expires_on,lead_department,owner,summary,funding_gbp,funding_note,scope_tags,strands,supersedes,amends';

/** An agreements CSV as the template has it: BOM, marking row, header, then rows. */
function agreements(rows: [string, string][], owner: string) {
  const lines = rows.map(([reference, title]) => `${reference},${title},treaty,proposed,,OFFICIAL,TN,yes,,,,HO,${owner},,,,,,,`);
  return Buffer.from(`\ufeffOFFICIAL\r\n${HEADER}\r\n${lines.join('\r\n')}\r\n`, 'utf8');
}

/** Chooses "Agreements" and the file `csv` in the import form. */
async function chooseAgreements(page: Page, csv: Buffer) {
  await page.getByLabel('Agreements', { exact: true }).check();
  await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'agreements.csv', mimeType: 'text/csv', buffer: csv });
}

const summary = (page: Page) => page.locator('[data-test="error-summary"]');

test.describe('an editor', () => {
  // Signed in afresh for each test: the success banner is a one-shot message in the session.
  test.use({ storageState: { cookies: [], origins: [] } });
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'editor');
  });

  test('imports agreements after correcting a refused file', async ({ page, javaScriptEnabled }, testInfo) => {
    test.slow(); // full form posts on a busy 2-core machine
    // Each run (project, retry) imports its own references.
    const tag = `${testInfo.project.name === 'js' ? 'JS' : 'NOJS'}${Date.now().toString(36).toUpperCase()}`;
    const owner = `E2E import ${tag}`;
    await open(page, '/agreements', javaScriptEnabled);
    await page.getByRole('link', { name: 'Import from a spreadsheet' }).click();
    await expect(page).toHaveURL(/\/import$/);
    await expect(page.getByRole('link', { name: 'Download the agreements template (CSV)' })).toHaveAttribute('href', '/import/template/agreements.csv');

    await chooseAgreements(page, agreements([[`E2E-${tag}-1`, 'First'], [`E2E-${tag}-2`, '']], owner));
    await submit(page, page.getByRole('button', { name: 'Import' }), javaScriptEnabled);
    await expect(page).toHaveTitle(/^Error: Import from a spreadsheet/);
    await expect(summary(page).getByRole('link', { name: 'Row 4: Enter a title' })).toHaveAttribute('href', '#row-4');
    await expect(page.locator('[data-test="import-report"]')).toContainText('Enter a title');

    await chooseAgreements(page, agreements([[`E2E-${tag}-1`, 'First'], [`E2E-${tag}-2`, 'Second']], owner));
    await submit(page, page.getByRole('button', { name: 'Import' }), javaScriptEnabled);
    await expect(page).toHaveURL(/\/agreements$/);
    await expect(page.locator('[data-test="success-banner"]')).toContainText('Imported 2 agreements');

    await open(page, `/agreements?owner=${encodeURIComponent(owner)}`, javaScriptEnabled);
    await expect(page.getByText(`E2E-${tag}-1`)).toBeVisible();
    await expect(page.getByText(`E2E-${tag}-2`)).toBeVisible();
  });

  test('shows progress while the file is checked and written', async ({ page, javaScriptEnabled }) => {
    test.skip(!javaScriptEnabled, 'the progress notice needs JavaScript; without it the browser shows its own');
    await open(page, '/import', javaScriptEnabled);
    const progress = page.locator('[data-test="import-progress"]');
    await expect(progress).toHaveAttribute('role', 'status');
    await expect(progress).toBeEmpty();
    // Playwright waits for a pending navigation before it reads the page, so this
    // listener (added after the page's own) keeps the page in place once the form is
    // sent, and the notice the page showed can be read. The import itself is the test above.
    await page.evaluate(() => {
      document.getElementById('import-form')!.addEventListener('submit', (event) => event.preventDefault());
    });
    await chooseAgreements(page, agreements([['E2E-PROGRESS-1', 'Progress']], 'E2E import progress'));
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(progress).toContainText('Checking and importing the file');
    await expect(progress.locator('progress')).toBeVisible();
    await expect(page).toHaveURL(/\/import$/);
  });

  test('the import page passes axe', async ({ browser, baseURL, page, javaScriptEnabled }) => {
    const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, '/import');
    expect(found, report).toEqual([]);
  });

  test('the import page is no wider than a phone', async ({ page, javaScriptEnabled }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, '/import', javaScriptEnabled);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });
});

test.describe('a viewer', () => {
  test.use({ storageState: stateFile('viewer') });

  test('cannot reach the import', async ({ page, javaScriptEnabled }) => {
    await open(page, '/agreements', javaScriptEnabled);
    await expect(page.getByRole('link', { name: 'Import from a spreadsheet' })).toHaveCount(0);
    const refused = await page.goto('/import');
    expect(refused?.status()).toBe(403);
  });
});
