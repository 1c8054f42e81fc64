/** Deleting an image (after confirming) moves it to the trash: gone from the gallery, its signed URLs stop working. */
import { expect, test } from '@playwright/test';
import { E2E } from './fixtures/env';
import { photo, uploadByApi } from './fixtures/images';

test.use({ storageState: E2E.storage('uploader') });

test('delete an image from its page', async ({ page, request }) => {
  const keeper = await uploadByApi(request, 'stays.jpg', await photo(500, 500));
  const { id } = await uploadByApi(request, 'to-be-deleted.jpg', await photo(1000, 700));
  await page.goto('/');
  const tile = page.locator(`[data-testid="gallery-tile"][data-image-id="${id}"]`);
  await expect(tile).toBeVisible();
  const signed = (await tile.locator('img').getAttribute('src')) ?? '';
  expect((await request.get(signed)).status()).toBe(200);

  await page.goto(`/images/${id}`);
  await expect(page.getByRole('heading', { name: 'to-be-deleted' })).toBeVisible();
  const question = page.getByText('Move this image to the trash? You can restore it from the trash for 30 days.');
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(question).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(question).toHaveCount(0);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('button', { name: 'Move to trash' }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator(`[data-testid="gallery-tile"][data-image-id="${id}"]`)).toHaveCount(0);
  await expect(page.locator(`[data-testid="gallery-tile"][data-image-id="${keeper.id}"]`)).toBeVisible();
  const gone = await request.get(signed);
  expect(gone.status()).toBe(404);
  expect((await request.get(`/api/images/${id}`)).status()).toBe(404);
});

test('a viewer cannot delete someone else’s image', async ({ playwright, request }) => {
  const { id } = await uploadByApi(request, 'not-yours.jpg', await photo(600, 400));
  const viewer = await playwright.request.newContext({ baseURL: E2E.appUrl, storageState: E2E.storage('viewer') });
  expect((await viewer.delete(`/api/images/${id}`)).status()).toBe(403);
  expect((await viewer.patch(`/api/images/${id}`, { data: { title: 'mine now' } })).status()).toBe(403);
  expect((await viewer.get(`/api/images/${id}/original`)).status()).toBe(403);
  await viewer.dispose();
  expect((await request.get(`/api/images/${id}`)).status()).toBe(200);
});
