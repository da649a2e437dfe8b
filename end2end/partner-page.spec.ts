import { expect, test } from '@playwright/test';
import { expectClassificationBanners, numberIn, open } from './helpers';

test('a partner page shows its ISO 3166 codes, region and agreements', async ({ page, javaScriptEnabled }) => {
  await open(page, '/partners?region=Africa&sub_region=Northern+Africa', javaScriptEnabled);
  await page
    .locator('[data-test="partner-row"]')
    .getByRole('link', { name: 'Libya', exact: true })
    .click();

  await expect(page).toHaveURL(/\/partners\/LY$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Libya');
  await expect(page.locator('[data-test="partner-alpha3"]')).toHaveText('LBY');
  await expect(page.locator('[data-test="partner-numeric"]')).toHaveText('434');
  await expect(page.locator('[data-test="partner-region"]')).toHaveText('Africa');
  await expect(page.locator('[data-test="partner-sub-region"]')).toHaveText('Northern Africa');

  const agreements = page.locator('[data-test="partner-agreements-count"]');
  await expect(agreements).toHaveText(/\d/);
  expect(await numberIn(agreements)).toBeGreaterThanOrEqual(1);

  await expectClassificationBanners(page);
});
