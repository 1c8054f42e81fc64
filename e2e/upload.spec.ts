/**
 * An uploader uploads three files from the browser: each goes straight to the image service with a
 * visible progress bar, and all three then appear in the gallery, placeholder first, then the image.
 */
import { expect, test } from '@playwright/test';
import { E2E } from './fixtures/env';
import { expectImagesLoaded, photo, uploadByApi } from './fixtures/images';

test.use({ storageState: E2E.storage('uploader') });

test('upload three files with progress, then see them in the gallery', async ({ page, context }) => {
  const files = [
    { name: 'harbour-at-dawn.jpg', mimeType: 'image/jpeg', buffer: await photo(2400, 1600, [40, 90, 160]) },
    { name: 'red-door.jpg', mimeType: 'image/jpeg', buffer: await photo(1200, 1800, [180, 50, 40]) },
    { name: 'wide-field.jpg', mimeType: 'image/jpeg', buffer: await photo(3000, 1000, [60, 160, 70]) },
  ];
  const appOrigin = new URL(E2E.appUrl).origin;
  const toService: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().startsWith(E2E.serviceUrl)) toService.push(r.url());
  });
  const appUploads: string[] = [];
  page.on('request', (r) => {
    if (
      r.method() === 'POST' &&
      r.url().startsWith(appOrigin) &&
      r.postDataBuffer()?.length &&
      (r.postDataBuffer()?.length ?? 0) > 100_000
    )
      appUploads.push(r.url());
  });

  await page.goto('/upload');
  await expect(page.getByRole('heading', { name: 'Upload images' })).toBeVisible();
  // Slow the upload link so progress is observable, as on a real connection.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 20,
    downloadThroughput: -1,
    uploadThroughput: 1_500_000,
  });

  await page.getByLabel('Image files to upload').setInputFiles(files);
  const progress = page.getByRole('progressbar', { name: /Uploading/ });
  await expect(progress.first()).toBeVisible();
  await expect.poll(async () => Number(await progress.first().getAttribute('value'))).toBeGreaterThan(0);

  const uploads = page.getByRole('list', { name: 'Uploads' });
  await expect(uploads.getByText('Done')).toHaveCount(3, { timeout: 45_000 });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });

  // The bytes went to three one-time URLs of the image service, never through the app server (a URL
  // may be asked twice: the e2e service takes 2 uploads per client at once and answers a third 429).
  const oneTime = toService.filter((u) => /\/[A-Za-z0-9_-]{10,}\/[0-9a-f-]{36}$/.test(u));
  expect(new Set(oneTime).size).toBe(3);
  expect(appUploads).toEqual([]);

  await page.getByRole('link', { name: 'View in gallery' }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole('radio', { name: 'My images' }).check();
  const tiles = page.getByTestId('gallery-tile');
  for (const title of ['harbour-at-dawn', 'red-door', 'wide-field'])
    await expect(tiles.filter({ hasText: title })).toHaveCount(1);
  const mine = tiles.filter({ hasText: /harbour-at-dawn|red-door|wide-field/ }).locator('img');
  await expect(mine).toHaveCount(3);
  await expectImagesLoaded(mine);
});

test('placeholders hold each image’s shape until its pixels arrive', async ({ page, request }) => {
  const { id } = await uploadByApi(request, 'tall-placeholder.jpg', await photo(600, 900, [200, 120, 60]));
  // Hold image responses back so the placeholder state can be seen.
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  await page.route(`${E2E.serviceUrl}/**`, async (route) => {
    await gate;
    await route.continue();
  });
  // Not "load": the first tiles come with the HTML now, and their held-back pixels would delay it.
  await page.goto('/?q=tall-placeholder', { waitUntil: 'domcontentloaded' });
  const tile = page.locator(`[data-testid="gallery-tile"][data-image-id="${id}"]`);
  await expect(tile).toBeVisible();
  const box = await tile.locator('img').boundingBox();
  expect(box?.height).toBeGreaterThan(20); // the space is reserved before any pixel arrives
  // The ThumbHash picture is drawn once the page has hydrated (the HTML carries only its average colour).
  await expect
    .poll(() =>
      tile.evaluate((el) => {
        const nodes = [el, ...el.querySelectorAll('*')];
        return nodes.some((n) => getComputedStyle(n).backgroundImage.includes('data:image'));
      }),
    )
    .toBe(true);
  const loadedBefore = await tile.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth);
  expect(loadedBefore).toBe(0);
  release();
  await expect
    .poll(() => tile.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth))
    .toBeGreaterThan(0);
  const after = await tile.locator('img').boundingBox();
  expect(Math.abs((after?.height ?? 0) - (box?.height ?? 0))).toBeLessThan(1); // no layout shift
});

test('an upload whose tab closed right after the bytes arrived still shows up', async ({ page, request }) => {
  const bytes = await photo(700, 500);
  const mint = await request.post('/api/uploads', {
    data: { filename: 'closed-tab.jpg', size: bytes.length, type: 'image/jpeg' },
  });
  expect(mint.status()).toBe(201);
  const ticket = (await mint.json()) as { id: string; uploadURL: string };
  const sent = await request.post(ticket.uploadURL, {
    multipart: { file: { name: 'closed-tab.jpg', mimeType: 'image/jpeg', buffer: bytes } },
  });
  expect(sent.status()).toBe(200);
  // No completion call from the browser: the image service's webhook tells the app.
  await expect
    // The completion renders a placeholder, queued behind the background renders of earlier uploads.
    .poll(async () => (await request.get(`/api/images/${ticket.id}`)).status(), { timeout: 45_000 })
    .toBe(200);
  await page.goto('/');
  await expect(page.locator(`[data-testid="gallery-tile"][data-image-id="${ticket.id}"]`)).toBeVisible();
});

test('files the browser can tell are wrong are refused before anything is sent', async ({ page }) => {
  const minted: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/uploads')) minted.push(r.url());
  });
  await page.goto('/upload');
  await page.getByLabel('Image files to upload').setInputFiles([
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') },
    { name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(11 * 1024 * 1024, 1) },
  ]);
  await expect(
    page.getByText('notes.txt: only JPEG, PNG, GIF, WebP, AVIF, HEIC and SVG images can be uploaded.'),
  ).toBeVisible();
  await expect(page.getByText('huge.jpg is 11.0 MB; the limit is 10 MB.')).toBeVisible();
  expect(minted).toEqual([]);
});

test('a cancelled upload can be retried and then completes', async ({ page, context }) => {
  await page.goto('/upload');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 20,
    downloadThroughput: -1,
    uploadThroughput: 200_000,
  });
  await page
    .getByLabel('Image files to upload')
    .setInputFiles([{ name: 'slow-boat.jpg', mimeType: 'image/jpeg', buffer: await photo(1600, 1200) }]);
  await expect(page.getByRole('progressbar', { name: /Uploading slow-boat.jpg/ })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel slow-boat.jpg' }).click();
  await expect(page.getByRole('list', { name: 'Uploads' }).getByText('Cancelled', { exact: true })).toBeVisible();
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await page.getByRole('button', { name: 'Retry slow-boat.jpg' }).click();
  await expect(page.getByRole('list', { name: 'Uploads' }).getByText('Done')).toBeVisible({ timeout: 30_000 });
});
