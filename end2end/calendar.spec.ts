import { expect, request, test, type Page } from '@playwright/test';
import { stateFile } from './accounts';
import { expectClassificationBanners, open, seriousViolations, textOf } from './helpers';

// The review calendar (issue 11): a month grid rendered on the server with a list that
// screen readers and phones use, previous/next months as links, events linking to their
// records; and the personal calendar feed made on /account. JavaScript on and off.
test.use({ storageState: stateFile('reviewer') });

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };

/**
 * Opens the calendar and goes forward month by month until `kind` shows in its list:
 * the addresses of that month's grid and list, as its view links give them.
 */
async function monthWith(page: Page, kind: string, javaScriptEnabled: boolean): Promise<string[]> {
  await open(page, '/calendar', javaScriptEnabled);
  for (let step = 0; step < 12; step += 1) {
    const events = page.locator('[data-test="calendar-event"]').filter({ hasText: kind });
    if ((await events.count()) > 0) {
      const href = (test: string) => page.locator(`[data-test="${test}"]`).getAttribute('href');
      return [(await href('calendar-view-month'))!, (await href('calendar-view-list'))!];
    }
    await page.locator('[data-test="calendar-next"]').click();
    await expect(page.locator('[data-test="calendar-list"]')).toBeVisible();
  }
  throw new Error(`no "${kind}" in twelve months of the calendar`);
}

test('the calendar shows a demo agreement’s review date, linked to the agreement', async ({ page, javaScriptEnabled }) => {
  await page.setViewportSize(LAPTOP);
  await monthWith(page, 'Review due', javaScriptEnabled);
  await expectClassificationBanners(page);
  await expect(page.locator('[data-test="calendar-grid"]')).toBeVisible();
  const event = page
    .locator('[data-test="calendar-event"]')
    .filter({ hasText: 'Review due' })
    .filter({ has: page.locator('a[href^="/agreements/"]') })
    .first();
  // The day heading above the event: "Tuesday 1 December 2026".
  const heading = await textOf(
    event.locator('xpath=ancestor::ul[1]/preceding-sibling::h3[1]'),
  );
  const date = heading.replace(/^\w+day /, '').replace(/ Today$/, '');
  const reference = await textOf(event.locator('[data-test="calendar-event-link"]'));
  await event.locator('[data-test="calendar-event-link"]').click();
  await expect(page).toHaveURL(/\/agreements\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('body')).toContainText(reference);
  await expect(page.locator('[data-test="agreement-next-review"]')).toHaveText(date);
});

test('previous and next months are links, and a crowded day links to its list', async ({ page, javaScriptEnabled }) => {
  await page.setViewportSize(LAPTOP);
  await open(page, '/calendar', javaScriptEnabled);
  const month = page.locator('[data-test="calendar-month"]');
  const thisMonth = await textOf(month);
  await page.locator('[data-test="calendar-next"]').click();
  await expect(page).toHaveURL(/month=\d{4}-\d{2}$/);
  await expect(month).not.toHaveText(thisMonth);
  await page.locator('[data-test="calendar-prev"]').click();
  await expect(month).toHaveText(thisMonth);
  await expect(page.locator('[data-test="calendar-this-month"]')).toHaveCount(0);
  await page.locator('[data-test="calendar-view-list"]').click();
  await expect(page).toHaveURL(/month=\d{4}-\d{2}&view=list$/);
  await expect(page.locator('[data-test="calendar-grid"]')).toHaveCount(0);
  await expect(page.locator('[data-test="calendar-list"]')).toBeVisible();
  // Every "and N more" leads to the day's own page, which lists them all.
  await open(page, '/calendar', javaScriptEnabled);
  for (const more of await page.locator('[data-test="calendar-more"]').all()) {
    await expect(more).toHaveAttribute('href', /^\/calendar\?day=\d{4}-\d{2}-\d{2}$/);
  }
  const day = page.locator('[data-test="calendar-list-day"]').first();
  const heading = (await textOf(day)).replace(/ Today$/, '');
  const href = `/calendar?day=${(await day.getAttribute('id'))!.replace('day-', '')}`;
  await open(page, href, javaScriptEnabled);
  await expect(page.locator('[data-test="calendar-day"]')).toContainText(heading);
  await expect(page.locator('[data-test="calendar-event"]').first()).toBeVisible();
  await expectClassificationBanners(page);
  await page.locator('[data-test="calendar-day-back"]').click();
  await expect(page).toHaveURL(/view=list#day-\d{4}-\d{2}-\d{2}$/);
});

test('the grid gives way to the list at 390 px, with nothing wider than the screen', async ({ page, javaScriptEnabled }) => {
  await page.setViewportSize(PHONE);
  for (const view of await monthWith(page, 'Review due', javaScriptEnabled)) {
    await open(page, view, javaScriptEnabled);
    await expect(page.locator('[data-test="calendar-grid"]')).toBeHidden();
    await expect(page.locator('[data-test="calendar-event"]').first()).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${view} is ${width} px wide at 390 px`).toBeLessThanOrEqual(PHONE.width);
  }
});

for (const viewport of [PHONE, LAPTOP]) {
  test(`the month and the list have no serious accessibility violations at ${viewport.width} px`, async ({ browser, baseURL, page, javaScriptEnabled }) => {
    test.slow();
    await page.setViewportSize(viewport);
    for (const view of await monthWith(page, 'Review due', javaScriptEnabled)) {
      const { found, report } = await seriousViolations(browser, baseURL, page, javaScriptEnabled, view);
      expect(found, `${view}\n${report}`).toEqual([]);
    }
  });
}

test('the account page makes a calendar feed address, shown once, that calendars can read', async ({ browser, baseURL, javaScriptEnabled }) => {
  // Each project renews its own account's feed, so the two runs never retire each other's.
  const context = await browser.newContext({
    baseURL,
    javaScriptEnabled,
    storageState: stateFile(javaScriptEnabled ? 'viewer' : 'editor'),
  });
  const page = await context.newPage();
  try {
    await open(page, '/account', javaScriptEnabled);
    const section = page.locator('[data-test="calendar-feed"]');
    await expect(section.getByRole('heading', { name: 'Calendar feed' })).toBeVisible();
    const make = section.locator('[data-test="calendar-feed-create"], [data-test="calendar-feed-renew"]');
    await make.click();
    const address = page.locator('[data-test="calendar-feed-url"]');
    await expect(address).toBeVisible();
    const url = await address.inputValue();
    expect(url).toMatch(/\/calendar\.ics\?token=[A-Za-z0-9_-]{43}$/);

    // A calendar application has no session: a request context of its own, no cookies.
    const calendarApp = await request.newContext();
    const feed = await calendarApp.get(url);
    expect(feed.status()).toBe(200);
    expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');

    // Shown once: the account page no longer holds it; renewing retires it.
    await open(page, '/account', javaScriptEnabled);
    await expect(page.locator('[data-test="calendar-feed-url"]')).toHaveCount(0);
    await page.locator('[data-test="calendar-feed-renew"]').click();
    await expect(page.locator('[data-test="calendar-feed-url"]')).toBeVisible();
    expect((await calendarApp.get(url)).status()).toBe(404);
    await calendarApp.dispose();
  } finally {
    await context.close();
  }
});
