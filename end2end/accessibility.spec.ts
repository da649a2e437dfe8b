import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { open } from './helpers';

// WCAG 2.2 AA: no serious or critical axe violations on the main pages.
for (const path of ['/', '/partners', '/partners/LY']) {
  test(`${path} has no serious accessibility violations`, async ({ browser, baseURL, page, javaScriptEnabled }) => {
    test.slow(); // axe checks every node: allow for a busy 2-core machine
    let audited: Page = page;
    let context: BrowserContext | undefined;
    if (javaScriptEnabled) {
      await open(page, path, true);
    } else {
      // axe runs as a script in the page, which a JavaScript-off page never runs. Audit the
      // same server-rendered page with the WASM bundle blocked, so it is never hydrated.
      context = await browser.newContext({ baseURL, javaScriptEnabled: true });
      audited = await context.newPage();
      await audited.route(/\/pkg\//, (route) => route.abort());
      const response = await audited.goto(path);
      expect(response?.status()).toBe(200);
    }
    let results;
    try {
      if (context) {
        expect(await audited.locator('html').getAttribute('data-hydrated'), 'the page was not hydrated').toBeNull();
      }
      results = await new AxeBuilder({ page: audited })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
    } finally {
      await context?.close();
    }
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const report = serious
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n'))
      .join('\n');
    expect(serious.map((v) => `${v.impact} ${v.id}`), report).toEqual([]);
  });
}
