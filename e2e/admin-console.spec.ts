/** The admin console's variants, keys and usage pages: a variant with its preview, a key rotation, the what-if calculator. */
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { E2E } from './fixtures/env';
import { expectImagesLoaded, photo, uploadByApi } from './fixtures/images';

test.use({ storageState: E2E.storage('admin') });

test('create a variant and preview an image in it, with its size per format', async ({ page, request }) => {
  // A smooth picture, where WebP and AVIF beat the JPEG: for a noisy one the service serves the smaller
  // JPEG in their place, and the preview reports that instead (test/conformance/smaller-encoding.test.ts).
  const smooth = await sharp({
    create: { width: 900, height: 600, channels: 3, background: { r: 90, g: 140, b: 200 } },
  })
    .jpeg({ quality: 85 })
    .toBuffer();
  const { id } = await uploadByApi(request, 'variant-preview.jpg', smooth);
  await page.goto('/admin/variants');
  await expect(page.getByRole('heading', { name: 'Variants', level: 1 })).toBeVisible();
  // The app's own variants are listed, read-only.
  await expect(page.locator('[data-variant="thumbnail"]')).toContainText('Used by the app');

  await page.getByLabel('Image', { exact: true }).selectOption(id);
  await page.getByLabel('Name', { exact: true }).fill('e2ecard');
  await page.getByLabel('Fit', { exact: true }).selectOption('cover');
  await page.getByLabel('Width (px)').fill('320');
  await page.getByLabel('Height (px)').fill('200');
  await expect(page.getByText('(900 × 600) comes out 320 × 200 px.')).toBeVisible();
  await page.getByRole('button', { name: 'Create variant' }).click();
  await expect(page.getByText('Variant "e2ecard" created.')).toBeVisible();
  await expect(page.locator('[data-variant="e2ecard"]')).toBeVisible();

  await expect(page.getByLabel('Variant', { exact: true })).toHaveValue('e2ecard');
  await page.getByRole('button', { name: 'Show preview' }).click();
  const preview = page.getByTestId('variant-preview');
  await expect(preview).toBeVisible();
  await expectImagesLoaded(preview.locator('img'));
  await expect(preview.getByText('e2ecard: 320 × 200')).toBeVisible();
  for (const [format, type] of [
    ['AVIF', 'image/avif'],
    ['WebP', 'image/webp'],
    ['JPEG / original format', 'image/jpeg'],
  ] as const) {
    const row = preview.locator(`tr[data-format="${format}"]`);
    await expect(row).toContainText(type);
    await expect(row).toContainText(/\d+(\.\d)? (B|KB)/);
  }
});

test('rotate the signing key: the gallery still loads and old links work until the old key is deleted', async ({
  page,
  request,
}) => {
  const { id } = await uploadByApi(request, 'rotate.jpg', await photo(600, 400));
  const tile = page.locator(`[data-testid="gallery-tile"][data-image-id="${id}"] img`);
  await page.goto('/');
  await expectImagesLoaded(tile);
  const oldLink = (await tile.getAttribute('src')) ?? '';
  expect((await request.get(oldLink)).status()).toBe(200);

  await page.goto('/admin/keys');
  const signing = page.locator('tr', { hasText: 'signs new links' });
  const oldName = (await signing.getAttribute('data-key-name')) ?? '';
  await page.getByRole('button', { name: 'Rotate: create a new key' }).click();
  await expect(page.getByText(/^Created "k\d{14}"/)).toBeVisible();
  await expect(page.locator(`tr[data-key-name="${oldName}"]`)).not.toContainText('signs new links');

  await page.goto('/');
  await expectImagesLoaded(tile);
  const newLink = (await tile.getAttribute('src')) ?? '';
  expect(newLink).not.toBe(oldLink);
  expect((await request.get(oldLink)).status()).toBe(200);

  await page.goto('/admin/keys');
  await page.getByRole('button', { name: `Delete ${oldName}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('may stay valid until');
  const confirm = dialog.getByRole('button', { name: 'Delete key' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Break existing links signed with this key').check();
  await confirm.click();
  await expect(page.getByText(`Deleted "${oldName}": links signed with it no longer work.`)).toBeVisible();
  await expect(page.locator(`tr[data-key-name="${oldName}"]`)).toHaveCount(0);

  expect((await request.get(oldLink)).status()).toBe(403);
  expect((await request.get(newLink)).status()).toBe(200);
  await page.goto('/');
  await expectImagesLoaded(tile);
});

test('the usage page draws its charts and the calculator shows the issue’s numbers', async ({ page }) => {
  await page.goto('/admin/usage');
  await expect(page.getByRole('heading', { name: 'Usage and cost' })).toBeVisible();
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  await expect(page.getByTestId('bill-total')).toHaveText(/^\$\d+/);

  const fields: [string, string][] = [
    ['Uploaders', '100'],
    ['Images per uploader', '500'],
    ['Viewers', '2000'],
    ['Images each viewer sees a day', '50'],
    ['Days', '30'],
  ];
  for (const [label, value] of fields) await page.getByLabel(label, { exact: true }).fill(value);
  await expect(page.getByTestId('calc-stored')).toHaveText('50,000');
  await expect(page.getByTestId('calc-stored-cost')).toHaveText('$5');
  await expect(page.getByTestId('calc-deliveries')).toHaveText('3,000,000');
  await expect(page.getByTestId('calc-deliveries-cost')).toHaveText('$30');
});
