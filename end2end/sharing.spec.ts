import { expect, test, type Page } from '@playwright/test';
import { choose, chosen, expectClassificationBanners, expectDate, fillDate, open, seriousViolations, settle, submit, textOf } from './helpers';

const sharingRows = (page: Page) => page.locator('[data-test="sharing-row"]');

test('an officer records a sharing arrangement, fixes a mistake and finds it in the filtered list', async (
  { page, javaScriptEnabled },
  testInfo,
) => {
  test.slow(); // several full form posts on a busy 2-core machine
  const crashes: string[] = [];
  page.on('pageerror', (error) => crashes.push(error.message));
  const reference = `E2E-SH-${testInfo.project.name.toUpperCase()}-${Date.now()}`;
  const title = `Browser test arrangement ${reference}`;
  const label = (text: string) => page.getByLabel(text, { exact: true });

  // The partner body is left out on purpose: refused, with everything typed kept.
  await open(page, '/sharing/new', javaScriptEnabled);
  await label('Reference').fill(reference);
  await label('Title').fill(title);
  await label('UK body').selectOption({ label: 'National Crime Agency' });
  await choose(page, 'Partner', 'Libya', javaScriptEnabled);
  await page.getByRole('checkbox', { name: 'Vessel sightings', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Smuggling-network intelligence', exact: true }).check();
  await label('Direction').selectOption({ label: 'Partner to UK' });
  await label('Legal basis (optional)').fill('Exchange of letters on maritime cooperation');
  await label('Onward sharing').selectOption({ label: "Only with the originator's consent" });
  await label('OSJA assessment status').selectOption({ label: 'Completed' });
  await fillDate(page, 'OSJA assessment date', '1', '6', '2025');
  await label('Status').selectOption({ label: 'Active' });
  await label('Classification').selectOption({ label: 'OFFICIAL' });
  await label('Handling caveat (optional)').selectOption({ label: 'SENSITIVE' });
  await submit(page, page.getByRole('button', { name: 'Save sharing arrangement' }), javaScriptEnabled);

  const summary = page.locator('[data-test="error-summary"]');
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Enter the partner body' })).toHaveAttribute('href', '#partner_body');
  await expect(page.locator('#partner_body-error')).toContainText('Enter the partner body');
  await expect(label('Reference')).toHaveValue(reference);
  await expect(label('UK body')).toHaveValue('4');
  await expect(chosen(page, 'partner')).toHaveValue('LY');
  await expect(page.getByRole('checkbox', { name: 'Vessel sightings', exact: true })).toBeChecked();
  await expectDate(page, 'OSJA assessment date', '1', '6', '2025');
  await expect(page.locator('[data-test="classification-top"]')).toHaveText('OFFICIAL-SENSITIVE');

  // Fixed, it is saved and we land on its page, every field shown.
  await label('Partner body').fill('Coastguard operations room');
  await submit(page, page.getByRole('button', { name: 'Save sharing arrangement' }), javaScriptEnabled);
  await expect(page).toHaveURL(/\/sharing\/\d+$/);
  await expect(page.locator('[data-test="sharing-reference"]')).toHaveText(reference);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('[data-test="sharing-uk-body"]')).toHaveText('National Crime Agency');
  await expect(page.locator('[data-test="sharing-partner"]')).toHaveText('Libya');
  await expect(page.locator('[data-test="sharing-partner-body"]')).toHaveText('Coastguard operations room');
  await expect(page.locator('[data-test="sharing-data-categories"]')).toHaveText(
    'Smuggling-network intelligence, Vessel sightings',
  );
  await expect(page.locator('[data-test="sharing-osja"]')).toHaveText('Completed (1 June 2025)');
  await expect(page.locator('[data-test="sharing-classification"]')).toHaveText('OFFICIAL-SENSITIVE');
  await expectClassificationBanners(page);
  const arrangementPath = new URL(page.url()).pathname;

  // The list's filter form (a GET) narrows to it, and the address can be shared.
  await open(page, '/sharing', javaScriptEnabled);
  await label('Partner').selectOption({ label: 'Libya' });
  await label('Data category').selectOption({ label: 'Vessel sightings' });
  await label('Status').selectOption({ label: 'Active' });
  await submit(page, page.getByRole('button', { name: 'Apply filters' }), javaScriptEnabled);
  await expect(page).toHaveURL(/[?&]partner=LY(&|$)/);
  await expect(page).toHaveURL(/[?&]data_category=vessel_sightings(&|$)/);
  const row = sharingRows(page).filter({ hasText: reference });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('link', { name: reference })).toHaveAttribute('href', arrangementPath);
  const count = Number(/^(\d+)/.exec(await textOf(page.locator('[data-test="result-count"]')))?.[1]);
  await expect(sharingRows(page)).toHaveCount(count);
  for (const text of await sharingRows(page).allTextContents()) {
    expect(text).toContain('Libya');
    expect(text).toContain('Vessel sightings');
  }
  await expectClassificationBanners(page);

  // Edited from its page: the change is saved and shown.
  await open(page, arrangementPath, javaScriptEnabled);
  await page.getByRole('button', { name: 'Edit sharing arrangement' }).click();
  await expect(page).toHaveURL(new RegExp(`${arrangementPath}/edit$`));
  await settle(page, javaScriptEnabled);
  await expect(label('Partner body')).toHaveValue('Coastguard operations room');
  await label('Status').selectOption({ label: 'Suspended' });
  await submit(page, page.getByRole('button', { name: 'Save changes' }), javaScriptEnabled);
  await expect(page).toHaveURL(new RegExp(`${arrangementPath}$`));
  await expect(page.locator('[data-test="sharing-status"]')).toHaveText('Suspended');

  expect(crashes, crashes.join('\n')).toEqual([]);
});

test('the sharing pages hydrate without errors', async ({ page, request, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, 'hydration needs JavaScript');
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // Failed loads are checked below by address (the browser also asks for a favicon).
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console error: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') {
      errors.push(`${response.status()} for ${response.url()}`);
    }
  });
  const list = await (await request.get('/sharing')).text();
  const id = /href="\/sharing\/(\d+)"/.exec(list)?.[1];
  expect(id, 'an arrangement linked from /sharing').toBeTruthy();
  for (const path of ['/sharing', '/sharing?partner=LY&sort=next_review&dir=desc', `/sharing/${id}`, `/sharing/${id}/edit`, '/sharing/new']) {
    await open(page, path, true);
    await expectClassificationBanners(page);
  }
  expect(errors, errors.join('\n')).toEqual([]);
});

for (const path of ['/sharing', '/sharing?osja=review_required', '/sharing/new']) {
  test(`${path} has no serious accessibility violations`, async ({ browser, baseURL, page, javaScriptEnabled }) => {
    test.slow(); // axe checks every node: allow for a busy 2-core machine
    const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, path);
    expect(found, report).toEqual([]);
  });
}

test('a sharing arrangement page has no serious accessibility violations', async (
  { browser, baseURL, page, request, javaScriptEnabled },
) => {
  test.slow();
  // The first arrangement the list links to (the demo data holds plenty).
  const list = await (await request.get('/sharing')).text();
  const id = /href="\/sharing\/(\d+)"/.exec(list)?.[1];
  expect(id, 'an arrangement linked from /sharing').toBeTruthy();
  const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, `/sharing/${id}`);
  expect(found, report).toEqual([]);
});

test('the sharing form showing its error summary has no serious accessibility violations', async (
  { browser, baseURL, page, javaScriptEnabled },
) => {
  test.slow();
  const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, '/sharing/new', async (audited) => {
    await audited.getByLabel('Reference', { exact: true }).fill('E2E-SH-AXE-NOT-SAVED');
    await submit(audited, audited.getByRole('button', { name: 'Save sharing arrangement' }), javaScriptEnabled);
    await expect(audited.locator('[data-test="error-summary"]')).toBeVisible();
  });
  expect(found, report).toEqual([]);
});
