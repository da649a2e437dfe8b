import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { stateFile } from './accounts';
import { expectClassificationBanners, open, seriousViolations } from './helpers';

// Issue 12: a viewer (OFFICIAL) filters the agreements list, downloads the briefing pack
// of what the filter selects as DOCX and PDF, and opens its print view; JavaScript on
// and off.

test.use({ storageState: stateFile('viewer') });

const QUERY = 'status=in_force';

test('a viewer filters the agreements list and downloads its briefing as DOCX and PDF', async ({ page, javaScriptEnabled }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page, '/agreements', javaScriptEnabled);
  const panel = page.locator('[data-test="filter-form"]');
  await panel.getByLabel('Status', { exact: true }).selectOption({ label: 'In force' });
  await Promise.all([
    page.waitForURL(/[?&]status=in_force/),
    panel.getByRole('button', { name: 'Apply filters' }).click(),
  ]);

  const section = page.locator('[data-test="list-briefing"]');
  await expect(section.getByRole('heading', { name: 'Download briefing' })).toBeVisible();
  const docx = section.locator('[data-test="briefing-docx"]');
  await expect(docx).toHaveAttribute('href', `/agreements/briefing.docx?${QUERY}`);
  const [word] = await Promise.all([page.waitForEvent('download'), docx.click()]);
  expect(word.suggestedFilename()).toMatch(/^briefing-agreements-\d{4}-\d{2}-\d{2}\.docx$/);
  const wordBytes = await readFile((await word.path())!);
  expect(wordBytes.length).toBeGreaterThan(1000);
  expect(wordBytes.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip archive

  const pdf = section.locator('[data-test="briefing-pdf"]');
  await expect(pdf).toHaveAttribute('href', `/agreements/briefing.pdf?${QUERY}`);
  const response = await page.request.get(`/agreements/briefing.pdf?${QUERY}`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  const [file] = await Promise.all([page.waitForEvent('download'), pdf.click()]);
  expect(file.suggestedFilename()).toMatch(/^briefing-agreements-\d{4}-\d{2}-\d{2}\.pdf$/);
  const pdfBytes = await readFile((await file.path())!);
  expect(pdfBytes.length).toBeGreaterThan(1000);
  expect(pdfBytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
});

test('the list briefing print view holds the filtered agreements, marked top and bottom', async ({ page, javaScriptEnabled }) => {
  await open(page, `/agreements?${QUERY}`, javaScriptEnabled);
  await page.locator('[data-test="list-briefing"] [data-test="briefing-print"]').click();
  await expect(page).toHaveURL(`/agreements/briefing?${QUERY}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Briefing: agreements (Status: In force)');
  await expectClassificationBanners(page);
  await expect(page.locator('[data-test="briefing-marking"]')).not.toContainText('SECRET');
  await expect(page.locator('[data-test="briefing-filters"]')).toContainText('In force');
  const rows = page.locator('[data-test="briefing-agreements-table"] tbody tr');
  expect(await rows.count()).toBeGreaterThan(0);
  for (const status of await rows.locator('td:nth-child(3)').allTextContents()) {
    expect(status.trim()).toBe('In force');
  }
});

test('the list briefing print view passes axe', async ({ browser, baseURL, page, javaScriptEnabled }) => {
  for (const view of [`/agreements/briefing?${QUERY}`, '/commitments/briefing?rag=red']) {
    const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, view);
    expect(found, `${view}\n${report}`).toEqual([]);
  }
});
