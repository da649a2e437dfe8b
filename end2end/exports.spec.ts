import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { stateFile } from './accounts';
import { numberIn, open } from './helpers';

// Issue 12: a viewer filters the commitments list and downloads it as CSV; the file
// holds exactly the filtered rows, under the marking, with JavaScript on and off.

test.use({ storageState: stateFile('viewer') });

/** The CSV's records, naively split (the test's filter values hold no commas or quotes). */
function lines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.length > 0);
}

test('a viewer downloads a filtered CSV of commitments holding the filtered rows', async ({ page, javaScriptEnabled }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page, '/commitments?status=in_progress&rag=amber', javaScriptEnabled);
  const count = await numberIn(page.locator('[data-test="result-count"]'));
  expect(count).toBeGreaterThan(0);

  const link = page.locator('[data-test="download-csv"]');
  await expect(link).toHaveText('Download CSV');
  await expect(link).toHaveAttribute('href', '/commitments.csv?status=in_progress&rag=amber');
  await expect(page.locator('[data-test="download-json"]')).toHaveText('Download JSON');

  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^accord-commitments-\d{4}-\d{2}-\d{2}\.csv$/);
  const path = await download.path();
  const bytes = await readFile(path!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const records = lines(bytes.toString('utf8'));
  expect(records[0]).toMatch(/^OFFICIAL/);
  expect(records[0]).not.toContain('SECRET');
  const header = records[1].split(',');
  const [status, rag] = [header.indexOf('status'), header.indexOf('rag')];
  expect(status).toBeGreaterThan(0);
  const rows = records.slice(2);
  expect(rows).toHaveLength(count);
  for (const row of rows) {
    // status and rag sit after the free-text columns: read them from the end.
    const cells = row.split(',');
    const fromEnd = (column: number) => cells[cells.length - (header.length - column)];
    expect(fromEnd(status)).toBe('in_progress');
    expect(fromEnd(rag)).toBe('amber');
  }
});
