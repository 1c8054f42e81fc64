/** Gallery images arrive through signed URLs; a past expiry or a changed signature is refused by the image service. */
import { expect, test } from '@playwright/test';
import { E2E } from './fixtures/env';
import { photo, uploadByApi } from './fixtures/images';

test.use({ storageState: E2E.storage('uploader') });

test('a signed URL with a past exp or a changed sig gets 403', async ({ page, request }) => {
  const { id } = await uploadByApi(request, 'signed.jpg', await photo(800, 600));
  await page.goto('/');
  const img = page.locator(`[data-testid="gallery-tile"][data-image-id="${id}"] img`);
  await expect(img).toBeVisible();
  const src = await img.getAttribute('src');
  expect(src).toContain(E2E.serviceUrl);
  const url = new URL(src ?? '');
  expect(url.searchParams.get('sig')).toMatch(/^[0-9a-f]{64}$/);

  expect((await request.get(url.toString())).status()).toBe(200);
  expect((await request.get(`${url.origin}${url.pathname}`)).status()).toBe(403);

  const past = new URL(url);
  past.searchParams.set('exp', String(Math.floor(Date.now() / 1000) - 60));
  const expired = await request.get(past.toString());
  expect(expired.status()).toBe(403);
  expect(await expired.text()).toContain('ERROR 9425');

  const tampered = new URL(url);
  const sig = url.searchParams.get('sig') ?? '';
  tampered.searchParams.set('sig', `${sig[0] === 'a' ? 'b' : 'a'}${sig.slice(1)}`);
  expect((await request.get(tampered.toString())).status()).toBe(403);

  const otherVariant = new URL(url);
  // The tile's variant (a rung of the ladder) swapped for another: the signature covers the path.
  otherVariant.pathname = otherVariant.pathname.replace(/\/[^/]+$/, '/desktop');
  expect(otherVariant.pathname).not.toBe(url.pathname);
  expect((await request.get(otherVariant.toString())).status()).toBe(403);
});
