import { expect, test } from '@playwright/test';
import { seriousViolations } from './helpers';

// WCAG 2.2 AA: no serious or critical axe violations on the main pages.
for (const path of ['/', '/partners', '/partners/LY']) {
  test(`${path} has no serious accessibility violations`, async ({ browser, baseURL, page, javaScriptEnabled }) => {
    test.slow(); // axe checks every node: allow for a busy 2-core machine
    const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, path);
    expect(found, report).toEqual([]);
  });
}
