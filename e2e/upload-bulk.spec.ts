/**
 * Bulk uploads finish without a click (issue 10 item 3). The e2e service lets one client send only 2
 * uploads at a time (IMAGE_SERVICE_UPLOADS_PER_CLIENT in e2e/fixtures/env.ts) while the browser sends 3,
 * so some uploads are refused with 429 + Retry-After and must come back by themselves. URLs are minted
 * in batches; a file the service will never take is refused without a Retry button.
 */
import { expect, test } from '@playwright/test';
import { E2E } from './fixtures/env';
import { photo } from './fixtures/images';

test.use({ storageState: E2E.storage('uploader') });

test('40 files dropped at once all finish by themselves; URLs come in batches', async ({ page, context }) => {
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

  await page.goto('/upload');
  await expect(page.getByRole('heading', { name: 'Upload images' })).toBeVisible();
  // Latency keeps the browser's three uploads in flight together, so the service's limit of two bites.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });

  await page.getByLabel('Image files to upload').setInputFiles(files);
  const uploads = page.getByRole('list', { name: 'Uploads' });
  await expect(uploads.getByText('Done', { exact: true })).toHaveCount(40, { timeout: 150_000 });

  expect(refusedWithWait).toBeGreaterThan(0); // the service did refuse some, and they finished anyway
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
