import { defineConfig } from '@playwright/test';
import { stateFile } from './accounts';

// Accord's browser tests run against a server started with --demo data: scripts/test
// starts one on a free port and names it in BASE_URL (by hand: `scripts/run --demo`, then
// `npm run e2e`). Every spec runs twice, hydrated ('js') and with JavaScript off ('no-js'),
// because every page must work without JavaScript.
const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  testDir: '.',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  retries: 0,
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  // Signs the test accounts in once; specs run as the administrator unless they say otherwise.
  globalSetup: './global-setup.ts',
  use: {
    baseURL,
    storageState: stateFile('admin'),
    browserName: 'chromium',
    // Debian's Chromium: Playwright's own browser downloads are not available here.
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true } },
    { name: 'no-js', use: { javaScriptEnabled: false } },
  ],
});
