import { expect, type Page } from '@playwright/test';

/**
 * Every kind of page a signed-in administrator reaches: each list, a record of each kind,
 * a partner and its briefing, search results, the review queue and its roll-ups, the
 * import page and each form (the assessment, review and briefing-text forms too).
 * Records are found from their list pages (the first row), never by a hard-coded id, so
 * the demo data may change.
 */
export type PageSpec = { name: string; path: string | ((page: Page) => Promise<string>) };

/** The address of the first link in `list`'s rows whose href matches `pattern`. */
export function firstRecord(list: string, pattern: RegExp, suffix = '') {
  return async (page: Page) => {
    const response = await page.goto(list);
    expect(response?.status(), `status of ${list}`).toBe(200);
    const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    const href = hrefs.find((h) => pattern.test(h));
    expect(href, `a record link on ${list} matching ${pattern}`).toBeDefined();
    return href! + suffix;
  };
}

const agreement = /^\/agreements\/\d+$/;
const commitment = /^\/commitments\/\d+$/;
const sharing = /^\/sharing\/\d+$/;
// Not /routes/new, the form.
export const route = /^\/routes\/(?!new$)[a-z0-9-]+$/;

export const PAGES: PageSpec[] = [
  { name: 'dashboard', path: '/' },
  { name: 'agreements', path: '/agreements' },
  { name: 'commitments', path: '/commitments' },
  { name: 'sharing arrangements', path: '/sharing' },
  { name: 'partners', path: '/partners' },
  { name: 'routes', path: '/routes' },
  { name: 'an agreement', path: firstRecord('/agreements', agreement) },
  { name: 'a commitment', path: firstRecord('/commitments', commitment) },
  { name: 'a sharing arrangement', path: firstRecord('/sharing', sharing) },
  { name: 'a route', path: firstRecord('/routes', route) },
  { name: 'a partner', path: '/partners/LY' },
  { name: 'search results', path: '/search?q=Libya' },
  { name: 'new agreement form', path: '/agreements/new' },
  { name: 'edit agreement form', path: firstRecord('/agreements', agreement, '/edit') },
  { name: 'new commitment form', path: firstRecord('/agreements', agreement, '/commitments/new') },
  { name: 'edit commitment form', path: firstRecord('/commitments', commitment, '/edit') },
  { name: 'new sharing arrangement form', path: '/sharing/new' },
  { name: 'edit sharing arrangement form', path: firstRecord('/sharing', sharing, '/edit') },
  { name: 'new route form', path: '/routes/new' },
  { name: 'edit route form', path: firstRecord('/routes', route, '/edit') },
  { name: 'account', path: '/account' },
  { name: 'change password form', path: '/account/password' },
  { name: 'users', path: '/admin/users' },
  { name: 'a user', path: firstRecord('/admin/users', /^\/admin\/users\/\d+$/) },
  { name: 'audit log', path: '/admin/audit' },
  { name: 'review queue', path: '/reviews' },
  { name: 'review roll-ups', path: '/reviews/rollups' },
  { name: 'import', path: '/import' },
  { name: 'new assessment form', path: firstRecord('/commitments', commitment, '/assessments/new') },
  { name: 'mark agreement reviewed form', path: firstRecord('/agreements', agreement, '/reviews/new') },
  { name: 'mark sharing arrangement reviewed form', path: firstRecord('/sharing', sharing, '/reviews/new') },
  { name: 'partner briefing text form', path: '/partners/LY/briefing/top_lines/edit' },
  { name: 'route briefing text form', path: firstRecord('/routes', route, '/briefing/lines_to_take/edit') },
  { name: 'partner briefing', path: '/partners/LY/briefing' },
];

/** The address `spec` names, looked up with `page` when it is found from a list. */
export async function resolve(page: Page, spec: PageSpec): Promise<string> {
  return typeof spec.path === 'string' ? spec.path : spec.path(page);
}
