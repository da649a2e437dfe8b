import { chromium, type Browser, type FullConfig } from '@playwright/test';
import { ACCOUNTS, PASSWORD, stateFile, type AccountName } from './accounts';

// Signs each test account in once for each worker slot, through the real sign-in form, and
// keeps each session's cookie for the specs (`test.use({ storageState: stateFile('viewer') })`).
export default async function globalSetup(config: FullConfig) {
  const use = config.projects[0].use;
  const browser = await chromium.launch(use.launchOptions);
  try {
    for (let slot = 0; slot < config.workers; slot++) {
      for (const name of Object.keys(ACCOUNTS) as AccountName[]) {
        await signIn(browser, use.baseURL, name, String(slot));
      }
    }
  } finally {
    await browser.close();
  }
}

async function signIn(browser: Browser, baseURL: string | undefined, name: AccountName, slot: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(ACCOUNTS[name].email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await context.storageState({ path: stateFile(name, slot) });
  await context.close();
}
