import { expect, test } from '@playwright/test';
import { open } from './helpers';
import { firstRecord, PAGES, resolve, route } from './pages';

// Every page works on a phone (issue 10): at 390 × 844 nothing is wider than the
// viewport, the navigation folds behind GOV.UK's Menu button, and the route diagram
// becomes a list of legs. Run with JavaScript on and off, like every spec.
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

test.describe('at 390 px', () => {
  test.use({ viewport: PHONE });

  for (const spec of PAGES) {
    test(`${spec.name} is no wider than the screen`, async ({ page, javaScriptEnabled }) => {
      const path = await resolve(page, spec);
      await open(page, path, javaScriptEnabled);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${path} is ${width} px wide at 390 px`).toBeLessThanOrEqual(PHONE.width);
    });
  }

  test.describe('signed out', () => {
    test.use({ storageState: { cookies: [], origins: [] } });
    test('the sign-in page is no wider than the screen', async ({ page, javaScriptEnabled }) => {
      await open(page, '/sign-in', javaScriptEnabled);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    });

    test('a refused sign-in, with its error summary, is no wider than the screen', async ({ page, javaScriptEnabled }) => {
      await open(page, '/sign-in', javaScriptEnabled);
      await page.getByLabel('Email address').fill('nobody-with-a-rather-long-address@e2e.test');
      await page.getByLabel('Password', { exact: true }).fill('not the right password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.locator('[data-test="error-summary"]')).toBeVisible();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `the refused sign-in page is ${width} px wide at 390 px`).toBeLessThanOrEqual(PHONE.width);
    });
  });

  test('the navigation folds behind a Menu button that opens and closes it', async ({ page, javaScriptEnabled }) => {
    await open(page, '/agreements', javaScriptEnabled);
    const navigation = page.getByRole('navigation', { name: 'Main' });
    const agreements = navigation.getByRole('link', { name: 'Agreements', exact: true });
    const menu = navigation.getByRole('button', { name: 'Menu' });
    if (!javaScriptEnabled) {
      // Without JavaScript there is no button: the links are all there, within the screen.
      await expect(menu).toBeHidden();
      for (const link of await navigation.getByRole('link').all()) {
        await expect(link).toBeInViewport();
      }
      return;
    }
    await expect(menu).toBeVisible();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(agreements).toBeHidden();
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(agreements).toBeVisible();
    await expect(agreements).toHaveAttribute('aria-current', 'page');
    await navigation.getByRole('link', { name: 'Sharing', exact: true }).click();
    await expect(page).toHaveURL(/\/sharing$/);
    // A new page starts with the menu closed again.
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Menu' })).toHaveAttribute('aria-expanded', 'false');
    await menu.click();
    await menu.click();
    await expect(agreements).toBeHidden();
  });

  test('the illustrative-data notice is a slim strip', async ({ page, javaScriptEnabled }) => {
    await open(page, '/', javaScriptEnabled);
    const notice = page.locator('[data-test="illustrative-banner"]');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('Illustrative data');
    const box = await notice.boundingBox();
    expect(box!.height, 'the notice is no more than a few lines high').toBeLessThanOrEqual(100);
  });

  test('a route shows its legs as a list instead of the diagram', async ({ page, javaScriptEnabled }) => {
    await open(page, await firstRecord('/routes', route)(page), javaScriptEnabled);
    await expect(page.locator('[data-test="route-diagram"]')).toBeHidden();
    const legs = page.locator('[data-test="route-leg"]');
    expect(await legs.count()).toBeGreaterThan(1);
    await expect(legs.first()).toBeVisible();
    await expect(legs.first()).toHaveText(/^\S.* — (source|transit|departure|destination)\b/);
    // Readable: the list's text is at least 16 px, where the drawing's was 4.
    const size = await legs.first().evaluate((li) => parseFloat(getComputedStyle(li).fontSize));
    expect(size).toBeGreaterThanOrEqual(16);
    expect((await legs.first().boundingBox())!.width).toBeGreaterThan(200);
  });
});

test.describe('at 1280 px', () => {
  test.use({ viewport: DESKTOP });

  test('a route shows its diagram, with the legs read out once', async ({ page, javaScriptEnabled }) => {
    await open(page, await firstRecord('/routes', route)(page), javaScriptEnabled);
    await expect(page.getByRole('img', { name: /^Legs of the .* route/ })).toBeVisible();
    // The list is visually hidden but still read by screen readers (one list, once).
    const list = page.locator('[data-test="route-legs-text"]');
    await expect(list).toHaveCount(1);
    expect(await page.getByRole('listitem').filter({ has: page.locator('.accord-route-leg__name') }).count()).toBeGreaterThan(1);
    const box = await list.boundingBox();
    expect(box!.width * box!.height, 'the list takes no room on a wide screen').toBeLessThanOrEqual(1);
  });

  test('the navigation shows every link and no Menu button', async ({ page, javaScriptEnabled }) => {
    await open(page, '/', javaScriptEnabled);
    const navigation = page.getByRole('navigation', { name: 'Main' });
    await expect(navigation.getByRole('button', { name: 'Menu' })).toBeHidden();
    await expect(navigation.getByRole('link', { name: 'Commitments', exact: true })).toBeVisible();
  });
});

test('GOV.UK Frontend runs only with JavaScript on', async ({ page, javaScriptEnabled }) => {
  await open(page, '/', javaScriptEnabled);
  const classes = (await page.locator('body').getAttribute('class')) ?? '';
  expect(classes.includes('govuk-frontend-supported')).toBe(javaScriptEnabled);
  if (javaScriptEnabled) {
    // initAll marks every component it started.
    await expect(page.locator('[data-module="govuk-service-navigation"]')).toHaveAttribute('data-govuk-service-navigation-init', '');
  }
});
