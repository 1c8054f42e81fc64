/** A viewer browses what uploaders uploaded but cannot upload, in the UI or through the API. */
import { expect, test } from '@playwright/test';
import { E2E } from './fixtures/env';
import { photo, uploadByApi } from './fixtures/images';

test.use({ storageState: E2E.storage('viewer') });

test('a viewer sees the images, no upload control, and gets 403 from POST /api/uploads', async ({
  page,
  playwright,
}) => {
  const uploader = await playwright.request.newContext({ baseURL: E2E.appUrl, storageState: E2E.storage('uploader') });
  const { id } = await uploadByApi(uploader, 'for-the-viewer.jpg', await photo(900, 600));
  await uploader.dispose();

  await page.goto('/');
  await expect(page.locator(`[data-testid="gallery-tile"][data-image-id="${id}"]`)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Upload', exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Upload images', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^upload/i })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(['Gallery', 'Albums']);

  await page.goto('/upload');
  await expect(page).not.toHaveURL(/\/upload$/);

  const res = await page.request.post('/api/uploads', { data: { filename: 'x.jpg', size: 1000, type: 'image/jpeg' } });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.code).toBe('forbidden');
});
