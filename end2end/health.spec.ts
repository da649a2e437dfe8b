import { expect, test } from '@playwright/test';
import { stateFile } from './accounts';

test('/healthz answers 200', async ({ request }) => {
  const response = await request.get('/healthz');
  expect(response.status()).toBe(200);
});

// Each worker signs in as its own session (accounts.ts), so one worker's page can never take
// the success banner another worker's change left waiting under a shared session.
test('each worker uses its own signed-in session', async ({ storageState }, testInfo) => {
  expect(storageState).toBe(stateFile('admin', String(testInfo.parallelIndex)));
});
