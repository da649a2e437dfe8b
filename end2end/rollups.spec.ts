import { expect, test } from '@playwright/test';
import { stateFile } from './accounts';
import { expectClassificationBanners, numberIn, open, seriousViolations } from './helpers';

// Roll-ups and reciprocity (issue 11), JavaScript on and off: a figure leads to the list
// it counts, the pages pass axe, and at 390 px the wide table scrolls in its own
// labelled region while the page stays within the screen.
test.use({ storageState: stateFile('reviewer') });

const PHONE = { width: 390, height: 844 };

test('a roll-up cell leads to a list of that many commitments', async ({ page, javaScriptEnabled }) => {
  await open(page, '/reviews/rollups', javaScriptEnabled);
  await page.getByRole('link', { name: 'By partner' }).click();
  await expect(page).toHaveURL(/\/reviews\/rollups\/partner$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Commitments by partner');
  await expectClassificationBanners(page);

  const table = page.locator('[data-test="rollup-table"]');
  const cell = table.locator('a:has([data-test="met"])').first();
  const figure = await numberIn(cell.locator('[data-test="met"]'));
  expect(figure).toBeGreaterThan(0);
  await cell.click();
  await expect(page).toHaveURL(/\/commitments\?partner=[A-Z]{2}&status=met/);
  expect(await numberIn(page.locator('[data-test="result-count"]'))).toBe(figure);
});

test('reciprocity counts each side and leads to its list', async ({ page, javaScriptEnabled }) => {
  await open(page, '/partners/LY', javaScriptEnabled);
  await page.locator('[data-test="partner-reciprocity"]').click();
  await expect(page).toHaveURL(/\/partners\/LY\/reciprocity$/);
  const open_ = page.locator('[data-test="delivery-open"] td[data-party="LY"] a');
  const figure = await numberIn(open_.locator('[data-test="count"]'));
  await open_.click();
  await expect(page).toHaveURL(/party=LY/);
  expect(await numberIn(page.locator('[data-test="result-count"]'))).toBe(figure);
});

for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport });
    for (const path of ['/reviews/rollups', '/reviews/rollups/partner', '/reviews/rollups/strand', '/partners/LY/reciprocity']) {
      test(`${path} passes axe`, async ({ browser, baseURL, page, javaScriptEnabled }) => {
        const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, path);
        expect(found, `${path}\n${report}`).toEqual([]);
      });
    }
  });
}

test.describe('at 390 px', () => {
  test.use({ viewport: PHONE });
  test('the roll-up table scrolls in its own region, not the page', async ({ page, javaScriptEnabled }) => {
    await open(page, '/reviews/rollups/partner', javaScriptEnabled);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `the page is ${width} px wide`).toBeLessThanOrEqual(PHONE.width);
    const region = page.getByRole('region', { name: 'Commitments by partner' });
    await expect(region).toHaveAttribute('tabindex', '0');
    const scrolls = await region.evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(scrolls, 'the table is wider than its region').toBe(true);
  });
});
