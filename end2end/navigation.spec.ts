import { expect, test } from '@playwright/test';
import { open } from './helpers';

const SECTIONS = ['Dashboard', 'Partners', 'Routes', 'Agreements', 'Commitments', 'Sharing', 'Reviews', 'Search'];

test('the header links to every section', async ({ page, javaScriptEnabled }) => {
  await open(page, '/partners/LY', javaScriptEnabled);
  // The GOV.UK header, or the service navigation that follows it.
  const header = page.locator('header, [role="banner"], .govuk-service-navigation');
  for (const name of SECTIONS) {
    await expect(header.getByRole('link', { name, exact: true }).first(), `header link "${name}"`).toBeVisible();
  }
});

test('the header links go where they say', async ({ page, javaScriptEnabled }) => {
  await open(page, '/partners/LY', javaScriptEnabled);
  const header = page.locator('header, [role="banner"], .govuk-service-navigation');
  await expect(header.getByRole('link', { name: 'Partners', exact: true }).first()).toHaveAttribute('href', /^(\/|https?:\/\/[^/]+\/)partners$/);
  await expect(header.getByRole('link', { name: 'Routes', exact: true }).first()).toHaveAttribute('href', /^(\/|https?:\/\/[^/]+\/)routes$/);
  // "Reviews" may carry the user's own counts after it ("Reviews 2 3 (yours: …)").
  const reviews = header.getByRole('link', { name: /^Reviews\b/ }).first();
  await expect(reviews).toHaveAttribute('href', /^(\/|https?:\/\/[^/]+\/)reviews$/);
  await header.getByRole('link', { name: 'Dashboard', exact: true }).first().click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('[data-test="agreements-by-status"]')).toBeVisible();
});

test('the Reviews link opens the review queue', async ({ page, javaScriptEnabled }) => {
  await open(page, '/partners/LY', javaScriptEnabled);
  const navigation = page.getByRole('navigation', { name: 'Main' });
  await Promise.all([
    page.waitForURL(/\/reviews$/),
    navigation.getByRole('link', { name: /^Reviews\b/ }).click(),
  ]);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Review queue');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Reviews\b/ })).toHaveAttribute('aria-current', 'page');
});

test('/routes answers 200 with a heading', async ({ page, javaScriptEnabled }) => {
  await open(page, '/routes', javaScriptEnabled);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/\S/);
});
