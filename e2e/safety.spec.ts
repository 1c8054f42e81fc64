/**
 * Safety nets and HEIC in a real Chromium: re-uploading a file already in the library warns before
 * sending it (Skip / Upload anyway); delete → trash → restore → delete forever, with a signed URL that
 * stops and starts working; an iPhone-style HEIC uploads and shows upright.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { E2E } from './fixtures/env';
import { photo, uploadByApi } from './fixtures/images';

test.use({ storageState: E2E.storage('uploader') });

const uploads = (page: Page) => page.getByRole('list', { name: 'Uploads' });

async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('a file already in the library is flagged before upload: Skip or Upload anyway', async ({ page }) => {
  const file = { name: `lighthouse-${Date.now()}.jpg`, mimeType: 'image/jpeg', buffer: await photo(640, 480) };
  await page.goto('/upload');
  await page.getByLabel('Image files to upload').setInputFiles([file]);
  await expect(uploads(page).getByText('Done')).toHaveCount(1, { timeout: 45_000 });
  await page.getByRole('button', { name: /Clear finished/ }).click();

  await page.getByLabel('Image files to upload').setInputFiles([file]);
  const warning = uploads(page).getByText('Already in your library:');
  await expect(warning).toBeVisible();
  await expect(uploads(page).getByRole('link', { name: file.name.replace(/\.jpg$/, '') })).toBeVisible();
  await shoot(page, 'duplicate-warning');
  // The URL minted for it ahead of the check is given back: its pending record goes at once.
  const released = page.waitForResponse(
    (r) => r.request().method() === 'DELETE' && new URL(r.url()).pathname.startsWith('/api/images/'),
  );
  await uploads(page).getByRole('button', { name: /^Skip/ }).click();
  await expect(uploads(page).getByRole('listitem')).toHaveCount(0);
  const release = await released;
  expect(release.status()).toBe(204);
  // The record is gone, not trashed: asking for it again finds nothing.
  expect((await page.request.get(new URL(release.url()).pathname)).status()).toBe(404);

  await page.getByLabel('Image files to upload').setInputFiles([file]);
  await expect(warning).toBeVisible();
  await uploads(page)
    .getByRole('button', { name: /^Upload anyway/ })
    .click();
  await expect(uploads(page).getByText('Done')).toHaveCount(1, { timeout: 45_000 });
});

test('delete moves to the trash; restore brings it back; delete forever removes it', async ({ page, request }) => {
  const title = `trash-me-${Date.now()}`;
  const { id } = await uploadByApi(request, `${title}.jpg`, await photo(800, 600));
  await page.goto('/');
  const tile = page.locator(`[data-testid="gallery-tile"][data-image-id="${id}"]`);
  await expect(tile).toBeVisible();
  const signed = (await tile.locator('img').getAttribute('src')) ?? '';
  expect((await request.get(signed)).status()).toBe(200);

  await page.goto(`/images/${id}`);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('button', { name: 'Move to trash' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(tile).toHaveCount(0);
  expect((await request.get(signed)).status()).toBe(404);

  await page.goto('/trash');
  const row = page.getByRole('listitem', { name: title });
  await expect(row).toBeVisible();
  await expect(row).toContainText('deleted forever on');
  await shoot(page, 'trash');
  await row.getByRole('button', { name: 'Restore' }).click();
  await expect(row).toHaveCount(0);
  expect((await request.get(signed)).status()).toBe(200);
  await page.goto('/');
  await expect(tile).toBeVisible();

  expect((await request.delete(`/api/images/${id}`)).status()).toBe(204);
  await page.goto('/trash');
  await row.getByRole('button', { name: 'Delete forever' }).click();
  await row.getByRole('button', { name: 'Delete forever' }).click();
  await expect(row).toHaveCount(0);
  expect((await request.post(`/api/trash/${id}/restore`)).status()).toBe(404);
  expect((await request.get(`/api/images/${id}`)).status()).toBe(404);
  expect((await request.get(signed)).status()).toBe(404);
});

test('an image an admin took down stays in its owner’s trash until an admin restores it', async ({
  page,
  request,
  playwright,
}) => {
  const title = `taken-down-${Date.now()}`;
  const { id } = await uploadByApi(request, `${title}.jpg`, await photo(640, 480));
  const admin = await playwright.request.newContext({ baseURL: E2E.appUrl, storageState: E2E.storage('admin') });
  expect((await admin.delete(`/api/images/${id}`)).status()).toBe(204);

  await page.goto('/trash');
  const row = page.getByRole('listitem', { name: title });
  await expect(row).toContainText('Removed by an admin');
  await expect(row.getByRole('button', { name: 'Restore' })).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'Delete forever' })).toBeVisible();
  await shoot(page, 'trash-taken-down');
  const refused = await request.post(`/api/trash/${id}/restore`);
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toBe(
    'An admin moved this image to the trash; only an admin can restore it.',
  );

  expect((await admin.post(`/api/trash/${id}/restore`)).status()).toBe(204);
  expect((await request.get(`/api/images/${id}`)).status()).toBe(200);
  await admin.dispose();
});

test('the trash says when it is empty', async ({ playwright }) => {
  const viewerless = await playwright.request.newContext({ baseURL: E2E.appUrl, storageState: E2E.storage('viewer') });
  expect((await viewerless.get('/api/trash')).status()).toBe(403);
  await viewerless.dispose();
});

test('an iPhone HEIC photo uploads, is converted, and shows upright', async ({ page }) => {
  // 96×48 pixels stored sideways with EXIF orientation 6 (see lib/image-service/heic.test.ts): upright is 48×96.
  const heic = readFileSync(path.join(import.meta.dirname, '..', 'test', 'fixtures', 'portrait-orientation6.heic'));
  await page.goto('/upload');
  await page
    .getByLabel('Image files to upload')
    .setInputFiles([{ name: `IMG_${Date.now()}.HEIC`, mimeType: 'image/heic', buffer: heic }]);
  await expect(uploads(page).getByText('Done')).toHaveCount(1, { timeout: 45_000 });
  const view = uploads(page).getByRole('link', { name: /View/ });
  const id = ((await view.getAttribute('href')) ?? '').split('/').pop() ?? '';
  await page.goto('/');
  const img = page.locator(`[data-testid="gallery-tile"][data-image-id="${id}"] img`);
  await expect(img).toBeVisible();
  await expect
    .poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth > 0 && (e as HTMLImageElement).complete))
    .toBe(true);
  const size = await img.evaluate((e) => ({
    w: (e as HTMLImageElement).naturalWidth,
    h: (e as HTMLImageElement).naturalHeight,
  }));
  expect(size.h).toBeGreaterThan(size.w);
});
