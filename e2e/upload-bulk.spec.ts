/**
 * Bulk uploads finish without a click (issue 10 item 3). The e2e service lets one client send only 2
 * uploads at a time (IMAGE_SERVICE_UPLOADS_PER_CLIENT in e2e/fixtures/env.ts) while the browser sends 3,
 * and the test answers the first five with the service's 429 + Retry-After, so some uploads are refused
 * and must come back by themselves. URLs are minted in batches; a file the service will never take is
 * refused without a Retry button.
 */
import { expect, test } from '@playwright/test';
import { E2E } from './fixtures/env';
import { photo } from './fixtures/images';

test.use({ storageState: E2E.storage('uploader') });

test('40 files dropped at once all finish by themselves; URLs come in batches', async ({ page }) => {
  test.setTimeout(180_000);
  const files = await Promise.all(
    Array.from({ length: 40 }, async (_, i) => ({
      name: `bulk-${String(i).padStart(2, '0')}.jpg`,
      mimeType: 'image/jpeg',
      buffer: await photo(48, 32, [(i * 37) % 255, 90, 160]),
    })),
  );
  // Looks like a JPEG to the browser, but is not one: the service refuses it for good.
  files.push({ name: 'not-really.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('plain text, not an image') });

  const batchMints: number[] = [];
  const singleMints: string[] = [];
  let refusedWithWait = 0;
  page.on('request', (r) => {
    if (r.method() !== 'POST') return;
    const url = new URL(r.url());
    if (url.pathname === '/api/uploads/batch') batchMints.push((r.postDataJSON() as { files: unknown[] }).files.length);
    if (url.pathname === '/api/uploads') singleMints.push(r.url());
  });
  page.on('response', (r) => {
    if (r.url().startsWith(E2E.serviceUrl) && r.status() === 429 && r.headers()['retry-after']) refusedWithWait++;
  });
  // The service's own per-client limit (2, against the browser's 3) refuses only when three uploads
  // overlap there, which tiny files on loopback may never do: the first five uploads are answered
  // with the service's 429 + Retry-After here, so every run takes the retry path.
  let injected = 0;
  await page.route(`${E2E.serviceUrl}/**`, async (route) => {
    if (route.request().method() !== 'POST' || injected >= 5) return route.continue();
    injected++;
    await route.fulfill({
      status: 429,
      headers: {
        'access-control-allow-origin': '*',
        'access-control-expose-headers': 'Retry-After',
        'retry-after': '1',
      },
      contentType: 'application/json',
      body: JSON.stringify({
        success: false,
        errors: [{ code: 5453, message: 'ERROR 5453: Too many uploads in progress; try again shortly.' }],
        messages: [],
        result: null,
      }),
    });
  });

  await page.goto('/upload');
  await expect(page.getByRole('heading', { name: 'Upload images' })).toBeVisible();

  await page.getByLabel('Image files to upload').setInputFiles(files);
  const uploads = page.getByRole('list', { name: 'Uploads' });
  await expect(uploads.getByText('Done', { exact: true })).toHaveCount(40, { timeout: 150_000 });

  expect(injected).toBe(5);
  expect(refusedWithWait).toBeGreaterThanOrEqual(5); // refused with Retry-After, and they finished anyway
  expect(singleMints).toEqual([]);
  // One request asked for every file; more follow only where the per-user limit held some back.
  expect(batchMints[0]).toBe(41);

  const bogus = uploads.getByRole('listitem').filter({ hasText: 'not-really.jpg' });
  await expect(bogus).toHaveAttribute('data-status', 'refused');
  await expect(bogus.getByRole('button', { name: /Retry/ })).toHaveCount(0);
  await expect(bogus.getByRole('button', { name: /Remove/ })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('40 done · 1 refused');
  await expect(page.getByRole('button', { name: /Retry all failed/ })).toHaveCount(0);
});
