import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { stateFile } from './accounts';
import { expectClassificationBanners, open, seriousViolations } from './helpers';

// Issue 12: a viewer (OFFICIAL) downloads a partner's briefing pack as DOCX and PDF from
// the partner page, and reads its print view; JavaScript on and off.

test.use({ storageState: stateFile('viewer') });

const PARTNER = '/partners/LY';

test('a viewer downloads a partner briefing as DOCX and PDF', async ({ page, javaScriptEnabled }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page, PARTNER, javaScriptEnabled);
  const section = page.locator('[data-test="briefing-download"]');
  await expect(section.getByRole('heading', { name: 'Download briefing' })).toBeVisible();

  const docx = section.locator('[data-test="briefing-docx"]');
  await expect(docx).toHaveAttribute('href', `${PARTNER}/briefing.docx`);
  const [word] = await Promise.all([page.waitForEvent('download'), docx.click()]);
  expect(word.suggestedFilename()).toMatch(/^briefing-ly-\d{4}-\d{2}-\d{2}\.docx$/);
  const wordBytes = await readFile((await word.path())!);
  expect(wordBytes.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip archive

  const pdf = section.locator('[data-test="briefing-pdf"]');
  await expect(pdf).toHaveAttribute('href', `${PARTNER}/briefing.pdf`);
  const [file] = await Promise.all([page.waitForEvent('download'), pdf.click()]);
  expect(file.suggestedFilename()).toMatch(/^briefing-ly-\d{4}-\d{2}-\d{2}\.pdf$/);
  const pdfBytes = await readFile((await file.path())!);
  expect(pdfBytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
});

test('the print view shows the pack within clearance, marked top and bottom', async ({ page, javaScriptEnabled }) => {
  await open(page, PARTNER, javaScriptEnabled);
  await page.locator('[data-test="briefing-print"]').click();
  await expect(page).toHaveURL(`${PARTNER}/briefing`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Briefing: Libya');
  await expectClassificationBanners(page);
  await expect(page.locator('[data-test="briefing-marking"]')).not.toContainText('SECRET');
  await expect(page.locator('[data-test="briefing-summary-table"]')).toBeVisible();
  // Printed, the page chrome goes and the marking stays.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.govuk-header')).toBeHidden();
  await expect(page.locator('[data-test="classification-top"]')).toBeVisible();
  await expect(page.locator('[data-test="classification-bottom"]')).toBeVisible();
});

test('the print view passes axe', async ({ browser, baseURL, page, javaScriptEnabled }) => {
  for (const view of [`${PARTNER}/briefing`, '/routes/central-mediterranean/briefing']) {
    const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, view);
    expect(found, `${view}\n${report}`).toEqual([]);
  }
});
