import { chromium, type FullConfig } from '@playwright/test';
import { ACCOUNTS, PASSWORD, stateFile, type AccountName } from './accounts';

// Signs each test account in once, through the real sign-in form, and keeps its
// session cookie for the specs (`test.use({ storageState: stateFile('viewer') })`).
export default async function globalSetup(config: FullConfig) {
  const use = config.projects[0].use;
  const browser = await chromium.launch(use.launchOptions);
  try {
    for (const name of Object.keys(ACCOUNTS) as AccountName[]) {
      const context = await browser.newContext({ baseURL: use.baseURL });
      const page = await context.newPage();
      await page.goto('/sign-in');
      await page.getByLabel('Email address').fill(ACCOUNTS[name].email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
      await context.storageState({ path: stateFile(name) });
      await context.close();
    }
  } finally {
    await browser.close();
  }
}
