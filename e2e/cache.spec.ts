/**
 * A second visit to the gallery loads no image from the image service: the list API hands out the same
 * signed URLs within a time bucket, and the browser's cache answers (Cache-Control: private, max-age ≤ expiry).
 */
import { expect, test } from '@playwright/test';
import { E2E } from './fixtures/env';
import { expectTileImagesLoaded, photo, uploadByApi } from './fixtures/images';

test.use({ storageState: E2E.storage('uploader') });

async function deliveries(): Promise<number> {
  const res = await fetch(`${E2E.serviceUrl}/healthz`);
  const body = (await res.json()) as { result: { usage: { deliveries: number } } };
  return body.result.usage.deliveries;
}

test('a second visit makes no image requests to the image service', async ({ page, request }) => {
  await uploadByApi(request, 'cache-check-1.jpg', await photo(1600, 1200));
  await uploadByApi(request, 'cache-check-2.jpg', await photo(900, 1400));
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.goto('/');
  await expect(page.getByTestId('gallery-tile').nth(1)).toBeVisible();
  const count = await page.getByTestId('gallery-tile').count();
  expect(count).toBeGreaterThanOrEqual(2);
  const visible = page.getByTestId('gallery-tile').locator('img');
  await expectTileImagesLoaded(page, await visible.count());
  const firstSrcs = await visible.evaluateAll((els) => els.map((e) => (e as HTMLImageElement).currentSrc));
  const before = await deliveries();
  expect(before).toBeGreaterThan(0);

  // Leave and come back (a new page load, so the list is fetched again from the app).
  await page.goto('/upload');
  await page.goto('/');
  await expect(page.getByTestId('gallery-tile').nth(count - 1)).toBeVisible();
  await expectTileImagesLoaded(page, await visible.count());
  const secondSrcs = await visible.evaluateAll((els) => els.map((e) => (e as HTMLImageElement).currentSrc));
  expect(secondSrcs).toEqual(firstSrcs); // same bucket, same URLs
  expect(await deliveries()).toBe(before);
});
