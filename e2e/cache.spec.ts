/**
 * A second visit to the gallery loads no image from the image service: the list API hands out the same
 * signed URLs within a time bucket, and the browser's cache answers (Cache-Control: private, max-age ≤ expiry).
 */
import { expect, type Page, test } from '@playwright/test';
import { E2E } from './fixtures/env';
import { expectImagesLoaded, photo, uploadByApi } from './fixtures/images';

test.use({ storageState: E2E.storage('uploader') });

async function deliveries(): Promise<number> {
  const res = await fetch(`${E2E.serviceUrl}/healthz`);
  const body = (await res.json()) as { result: { usage: { deliveries: number } } };
  return body.result.usage.deliveries;
}

/** Opens the gallery, waits until every tile's image has pixels, and returns the URLs they came from. */
async function visitGallery(page: Page, newest: string): Promise<string[]> {
  await page.goto('/');
  await expect(page.locator(`[data-testid="gallery-tile"][data-image-id="${newest}"]`)).toBeVisible();
  const imgs = page.getByTestId('gallery-tile').locator('img');
  await expectImagesLoaded(imgs);
  return imgs.evaluateAll((els) => els.map((e) => (e as HTMLImageElement).currentSrc));
}

/**
 * True when every URL changed only by a later expiry: the server's clock crossed a bucket boundary
 * between the two visits (every 15 minutes), so new URLs are correct and the cache cannot answer.
 */
function bucketRolledOver(first: string[], second: string[]): boolean {
  if (first.length === 0 || first.length !== second.length) return false;
  return first.every((a, i) => {
    const before = new URL(a);
    const after = new URL(second[i] ?? '');
    const exp = (u: URL) => Number(u.searchParams.get('exp'));
    return before.origin === after.origin && before.pathname === after.pathname && exp(after) > exp(before);
  });
}

test('a second visit makes no image requests to the image service', async ({ page, request }) => {
  await uploadByApi(request, 'cache-check-1.jpg', await photo(1600, 1200));
  const { id: newest } = await uploadByApi(request, 'cache-check-2.jpg', await photo(900, 1400));
  await page.setViewportSize({ width: 1280, height: 900 });

  let firstSrcs = await visitGallery(page, newest);
  expect(firstSrcs.length).toBeGreaterThanOrEqual(2);
  let before = await deliveries();
  expect(before).toBeGreaterThan(0);
  // Leave and come back (a new page load, so the list is fetched again from the app). Should the
  // 15-minute bucket roll over between the two visits, the pair is repeated once: the next boundary is
  // then minutes away, far beyond one visit.
  await page.goto('/upload');
  let secondSrcs = await visitGallery(page, newest);
  if (bucketRolledOver(firstSrcs, secondSrcs)) {
    firstSrcs = secondSrcs;
    before = await deliveries();
    await page.goto('/upload');
    secondSrcs = await visitGallery(page, newest);
  }
  expect(secondSrcs).toEqual(firstSrcs); // same bucket, same URLs
  expect(await deliveries()).toBe(before);
});
