import { expect, test, type Page } from '@playwright/test';
import { expectClassificationBanners, MARKING, open, seriousViolations, textOf } from './helpers';

// A word the illustrative data uses in agreements, commitments and sharing arrangements.
const WORD = 'vessel';

const GROUPS = [
  { test: 'search-group-agreements', heading: 'Agreements', href: /^\/agreements\/\d+$/ },
  { test: 'search-group-commitments', heading: 'Commitments', href: /^\/commitments\/\d+$/ },
  { test: 'search-group-sharing', heading: 'Sharing arrangements', href: /^\/sharing\/\d+$/ },
];

test('the header search box finds records grouped by kind, matches highlighted', async ({ page, javaScriptEnabled }) => {
  await open(page, '/partners', javaScriptEnabled);
  const box = page.locator('[data-test="header-search"]');
  await box.getByLabel('Search Accord', { exact: true }).fill(WORD);
  await box.getByRole('button', { name: 'Search', exact: true }).click();

  await expect(page).toHaveURL(new RegExp(`/search\\?q=${WORD}$`));
  if (javaScriptEnabled) {
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  }
  await expect(page.getByLabel('Search the registry', { exact: true })).toHaveValue(WORD);

  for (const group of GROUPS) {
    const section = page.locator(`[data-test="${group.test}"]`);
    const heading = section.getByRole('heading', { level: 2 });
    await expect(heading).toHaveText(new RegExp(`^\\s*${group.heading} \\(\\d+\\)\\s*$`));
    const results = section.locator('[data-test="search-result"]');
    await expect(results.first()).toBeVisible();
    const total = Number(/\((\d+)\)/.exec(await textOf(heading))![1]);
    expect(await results.count(), `${group.heading}: listed within the total`).toBeLessThanOrEqual(total);
    expect(await results.count()).toBeGreaterThan(0);
    // Every result leads to its record's page.
    for (const link of await results.getByRole('link').all()) {
      await expect(link).toHaveAttribute('href', group.href);
    }
    await expect(results.first().locator('[data-test="search-result-marking"]')).toHaveText(MARKING);
  }

  const mark = page.locator('[data-test="search-result"] mark').first();
  await expect(mark).toBeVisible();
  await expect(mark).toHaveText(new RegExp(WORD, 'i'));

  // The page is marked with the highest marking among the results it shows.
  await expectClassificationBanners(page);
  const markings = (await page.locator('[data-test="search-result-marking"]').allTextContents()).map((m) => m.trim());
  // The aggregate: the highest level of any hit, and every caveat any hit carries.
  const top = await textOf(page.locator('[data-test="classification-top"]'));
  const levels = ['TOP SECRET', 'SECRET', 'OFFICIAL'];
  const level = (m: string) => levels.find((l) => m.startsWith(l))!;
  const highest = levels.find((l) => markings.some((m) => level(m) === l))!;
  expect(level(top), `${top} among ${markings}`).toBe(highest);
  for (const caveat of ['SENSITIVE', 'UK EYES ONLY']) {
    if (markings.some((m) => m.includes(caveat))) expect(top).toContain(caveat);
  }

  // Through to a result: a commitment (its page is built; links of the other kinds are checked above).
  const commitment = page.locator('[data-test="search-group-commitments"] [data-test="search-result"]').first().getByRole('link');
  const title = (await textOf(commitment)).replace(/…$/, '');
  await commitment.click();
  await expect(page).toHaveURL(/\/commitments\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
});

/** Searches from the header search box, as a user would, and waits for the results. */
async function searchFromHeader(page: Page, javaScriptEnabled: boolean, text: string) {
  await open(page, '/', javaScriptEnabled);
  const box = page.locator('[data-test="header-search"]');
  await box.getByLabel('Search Accord', { exact: true }).fill(text);
  await box.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/\/search\?q=/);
  if (javaScriptEnabled) {
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  }
}

test('searching "Libya" from the header lists the partner LY first', async ({ page, javaScriptEnabled }) => {
  await searchFromHeader(page, javaScriptEnabled, 'Libya');
  const direct = page.locator('[data-test="search-group-direct"]');
  await expect(direct.getByRole('heading', { level: 2 })).toHaveText(/^\s*Direct matches \(\d+\)\s*$/);
  const first = page.locator('[data-test="search-result"]').first();
  await expect(first.getByRole('link')).toHaveAttribute('href', '/partners/LY');
  await expect(first.locator('[data-test="search-direct-kind"]')).toHaveText(/Partner LY/);
  // Agreements Libya is party to, each naming its partners.
  const agreements = page.locator('[data-test="search-group-agreements"] [data-test="search-result"]');
  await expect(agreements.first()).toBeVisible();
  for (const partners of await agreements.locator('[data-test="search-result-partners"]').all()) {
    await expect(partners).toContainText('Libya');
  }
  await first.getByRole('link').click();
  await expect(page).toHaveURL(/\/partners\/LY$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Libya');
});

test('searching "Central Mediterranean" lists the route first', async ({ page, javaScriptEnabled }) => {
  await searchFromHeader(page, javaScriptEnabled, 'Central Mediterranean');
  const first = page.locator('[data-test="search-result"]').first();
  await expect(first.getByRole('link')).toHaveAttribute('href', '/routes/central-mediterranean');
  await expect(first.locator('[data-test="search-direct-kind"]')).toHaveText(/^\s*Route/);
  await expect(first.locator('[data-test="search-result-partners"]')).toContainText('Libya');
  await expect(first.locator('[data-test="search-result-marking"]')).toHaveText(MARKING);
  await first.getByRole('link').click();
  await expect(page).toHaveURL(/\/routes\/central-mediterranean$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Central Mediterranean');
});

test('a result shows its status tag, partners and marking', async ({ page, javaScriptEnabled }) => {
  await open(page, '/search?q=Libya', javaScriptEnabled);
  const result = page.locator('[data-test="search-group-agreements"] [data-test="search-result"]').first();
  const status = result.locator('[data-test="search-result-status"]');
  await expect(status).toBeVisible();
  await expect(status).toHaveClass(/govuk-tag govuk-tag--/);
  await expect(status).toHaveText(/^\s*(Proposed|Negotiating|Signed|In force|Suspended|Expired|Terminated|Superseded)\s*$/);
  await expect(result.locator('[data-test="search-result-partners"]')).toHaveText(/^Partners?: .*Libya/);
  await expect(result.locator('[data-test="search-result-marking"]')).toHaveText(MARKING);
});

test('the results page form searches again, and says when nothing matches', async ({ page, javaScriptEnabled }) => {
  await open(page, `/search?q=${WORD}`, javaScriptEnabled);
  const input = page.getByLabel('Search the registry', { exact: true });
  await input.fill('zzqx nothing');
  await page.getByRole('main').getByRole('button', { name: 'Search', exact: true }).click();

  await expect(page).toHaveURL(/\/search\?q=zzqx(\+|%20)nothing$/);
  await expect(page.locator('[data-test="search-no-results"]')).toHaveText('No results for “zzqx nothing”');
  await expect(page.locator('[data-test="search-result"]')).toHaveCount(0);
  await expectClassificationBanners(page);
});

test('an empty search shows the form and a hint', async ({ page, javaScriptEnabled }) => {
  await open(page, '/search', javaScriptEnabled);
  await expect(page.getByLabel('Search the registry', { exact: true })).toHaveValue('');
  await expect(page.locator('[data-test="search-hint"]')).toBeVisible();
  await expect(page.locator('[data-test="search-result"]')).toHaveCount(0);
});

test('a part-word finds whole words (the last word is a prefix)', async ({ page, javaScriptEnabled }) => {
  await open(page, '/search?q=smugg', javaScriptEnabled);
  const agreements = page.locator('[data-test="search-group-agreements"]');
  await expect(agreements.locator('[data-test="search-result"]').first()).toBeVisible();
  await expect(agreements.locator('mark').first()).toHaveText(/^smuggl/i);
});

// Direct matches, statuses and partners hydrate too ("Central Mediterranean": a route first).
for (const q of [WORD, 'Central Mediterranean']) {
  test(`the results for "${q}" hydrate without errors`, async ({ page, javaScriptEnabled }) => {
    test.skip(!javaScriptEnabled, 'hydration needs JavaScript');
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') {
        errors.push(`console error: ${message.text()}`);
      }
    });
    await open(page, `/search?q=${encodeURIComponent(q)}`, true);
    await expect(page.locator('[data-test="search-result"] [data-test="search-result-marking"]').first()).toBeVisible();
    expect(errors, errors.join('\n')).toEqual([]);
  });
}

for (const q of [WORD, 'Libya']) {
  test(`/search?q=${q} has no serious accessibility violations`, async ({ browser, baseURL, page, javaScriptEnabled }) => {
    test.slow(); // axe checks every node: allow for a busy 2-core machine
    const path = `/search?q=${q}`;
    const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, path);
    expect(found, report).toEqual([]);
  });
}
