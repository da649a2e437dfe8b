import { expect, test } from '@playwright/test';
import { seriousViolations } from './helpers';
import { PAGES, resolve } from './pages';

// WCAG 2.2 AA: no serious or critical axe violations on any kind of page, on a phone
// (390 px, where tables scroll and the navigation folds) and on a laptop (1280 px), the
// sign-in page too.
for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport });
    for (const spec of PAGES) {
      test(`${spec.name} has no serious accessibility violations`, async ({ browser, baseURL, page, javaScriptEnabled }) => {
        test.slow(); // axe checks every node: allow for a busy 2-core machine
        const path = await resolve(page, spec);
        const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, path);
        expect(found, `${path}\n${report}`).toEqual([]);
      });
    }

    test.describe('signed out', () => {
      test.use({ storageState: { cookies: [], origins: [] } });
      test('the sign-in page has no serious accessibility violations', async ({ browser, baseURL, page, javaScriptEnabled }) => {
        const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, '/sign-in');
        expect(found, report).toEqual([]);
      });
    });
  });
}
