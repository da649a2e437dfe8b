import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { ACCOUNTS, PASSWORD, type AccountName } from './accounts';

/** The markings of the UK Government Security Classifications, with an optional caveat. */
export const MARKING = /^(OFFICIAL|SECRET|TOP SECRET)(-[A-Z][A-Z-]*)?( [A-Z][A-Z ,/-]*)?$/;

/**
 * Opens `path` and, when JavaScript is on, waits until the WASM has hydrated the page,
 * so that interactions reach the hydrated page and not a half-initialised one.
 */
export async function open(page: Page, path: string, javaScriptEnabled: boolean) {
  const response = await page.goto(path);
  expect(response, `no response for ${path}`).not.toBeNull();
  expect(response!.status(), `status of ${path}`).toBe(200);
  if (javaScriptEnabled) {
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  }
  return response!;
}

/** The text of an element with runs of whitespace collapsed. */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** The leading whole number in an element's text ("1,234 partners" gives 1234). */
export async function numberIn(locator: Locator): Promise<number> {
  const text = await textOf(locator);
  const match = /^(\d[\d,]*)/.exec(text);
  expect(match, `expected a number, got "${text}"`).not.toBeNull();
  return Number(match![1].replace(/,/g, ''));
}

/**
 * The page shows its highest classification at the top and the bottom: the same
 * non-empty marking twice, the top one before the header, the bottom one after the footer.
 */
export async function expectClassificationBanners(page: Page) {
  const top = page.locator('[data-test="classification-top"]');
  const bottom = page.locator('[data-test="classification-bottom"]');
  await expect(top).toHaveCount(1);
  await expect(bottom).toHaveCount(1);
  await expect(top).toBeVisible();
  await expect(bottom).toBeVisible();

  const topText = await textOf(top);
  const bottomText = await textOf(bottom);
  expect(topText, 'top classification banner').toMatch(MARKING);
  expect(bottomText, 'bottom banner repeats the top one').toBe(topText);

  const order = await page.evaluate(() => {
    const follows = (a: Element, b: Element) =>
      (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0 && !a.contains(b) && !b.contains(a);
    const top = document.querySelector('[data-test="classification-top"]')!;
    const bottom = document.querySelector('[data-test="classification-bottom"]')!;
    const header = document.querySelector('header, [role="banner"]');
    const footers = document.querySelectorAll('footer, [role="contentinfo"]');
    const footer = footers.length ? footers[footers.length - 1] : null;
    return {
      hasHeader: header !== null,
      hasFooter: footer !== null,
      topBeforeHeader: header !== null && follows(top, header),
      bottomAfterFooter: footer !== null && follows(footer, bottom),
    };
  });
  expect(order, 'banner order: top, header, ..., footer, bottom').toEqual({
    hasHeader: true,
    hasFooter: true,
    topBeforeHeader: true,
    bottomAfterFooter: true,
  });
}

/** Serious or critical axe violations on `path`, after `prepare` (if any) has run. */
export async function seriousViolations(
  browser: Browser,
  baseURL: string | undefined,
  page: Page,
  javaScriptEnabled: boolean,
  path: string,
  prepare?: (audited: Page) => Promise<void>,
) {
  let audited: Page = page;
  let context: BrowserContext | undefined;
  if (javaScriptEnabled) {
    await open(page, path, true);
  } else {
    // axe runs as a script in the page, which a JavaScript-off page never runs. Audit the
    // same server-rendered page with the WASM bundle blocked, so it is never hydrated.
    // The same signed-in session as the page under test.
    const storageState = await page.context().storageState();
    context = await browser.newContext({ baseURL, javaScriptEnabled: true, storageState, viewport: page.viewportSize() });
    audited = await context.newPage();
    // Neither the WASM bundle nor GOV.UK Frontend's JavaScript runs.
    await audited.route(/\/pkg\/|\/govuk\/.*\.js$/, (route) => route.abort());
    const response = await audited.goto(path);
    expect(response?.status()).toBe(200);
  }
  try {
    await prepare?.(audited);
    if (context) {
      expect(await audited.locator('html').getAttribute('data-hydrated'), 'the page was not hydrated').toBeNull();
    }
    const results = await new AxeBuilder({ page: audited })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const report = serious
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n'))
      .join('\n');
    return { found: serious.map((v) => `${v.impact} ${v.id}`), report };
  } finally {
    await context?.close();
  }
}

/**
 * Chooses `option` in the select labelled `label`. With JavaScript on the select is
 * enhanced by accessible-autocomplete (the partner type-ahead): type, then pick the
 * suggestion. Without it, the plain select.
 */
export async function choose(page: Page, label: string, option: string, javaScriptEnabled: boolean) {
  const field = page.getByLabel(label, { exact: true });
  if (!javaScriptEnabled) {
    await field.selectOption({ label: option });
    return;
  }
  await expect(page.locator('html')).toHaveAttribute('data-autocomplete', 'ready');
  await field.fill(option);
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The select named `name` (the `index`th of that name), enhanced or not: its value is what the form posts. */
export function chosen(page: Page, name: string, index = 0): Locator {
  return page.locator(`select[name="${name}"]`).nth(index);
}

/** Fills the GOV.UK date input whose legend is `legend` with day, month and year. */
export async function fillDate(page: Page, legend: string, day: string, month: string, year: string) {
  const group = page.getByRole('group', { name: legend, exact: true });
  await group.getByLabel('Day', { exact: true }).fill(day);
  await group.getByLabel('Month', { exact: true }).fill(month);
  await group.getByLabel('Year', { exact: true }).fill(year);
}

/** Expects the GOV.UK date input whose legend is `legend` to show day, month and year. */
export async function expectDate(page: Page, legend: string, day: string, month: string, year: string) {
  const group = page.getByRole('group', { name: legend, exact: true });
  await expect(group.getByLabel('Day', { exact: true })).toHaveValue(day);
  await expect(group.getByLabel('Month', { exact: true })).toHaveValue(month);
  await expect(group.getByLabel('Year', { exact: true })).toHaveValue(year);
}

/** Waits for the page to be ready for input: hydrated when JavaScript is on. */
export async function settle(page: Page, javaScriptEnabled: boolean) {
  await page.waitForLoadState('load');
  if (javaScriptEnabled) {
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  }
}

/** Clicks a form's button (or presses Enter in a field, with `enter`) and waits for the
 * page the server answers with. */
export async function submit(page: Page, target: Locator, javaScriptEnabled: boolean, enter = false) {
  await Promise.all([
    page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() }),
    enter ? target.press('Enter') : target.click(),
  ]);
  await settle(page, javaScriptEnabled);
}

/**
 * Signs `account` in through the form, in a page that starts signed out (specs that
 * need their own session: a success banner is a one-shot message in it).
 */
export async function signIn(page: Page, account: AccountName) {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(ACCOUNTS[account].email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/sign-in/);
}
