import { test } from '@playwright/test';
import { expectClassificationBanners, open } from './helpers';

// Every page shows the highest marking of what it displays, at the top and the bottom.
for (const path of ['/', '/partners', '/partners?name=mor', '/partners/LY', '/routes']) {
  test(`${path} shows its classification at top and bottom`, async ({ page, javaScriptEnabled }) => {
    await open(page, path, javaScriptEnabled);
    await expectClassificationBanners(page);
  });
}
