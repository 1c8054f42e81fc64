/** Browsing: filter mine/all (uploaders only), search by title, and the lightbox with keyboard navigation. */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { E2E } from './fixtures/env';
import { photo, uploadByApi } from './fixtures/images';

test.use({ storageState: E2E.storage('viewer') });

/**
 * This file's own word: other specs upload "lighthouse" photos too, and Playwright runs `beforeAll` again
 * in a new worker after a failure, so a fixed title would match more than these two images.
 */
const word = `lh${randomUUID().slice(0, 8)}`;

test.beforeAll(async ({ playwright }) => {
  const uploader = await playwright.request.newContext({ baseURL: E2E.appUrl, storageState: E2E.storage('uploader') });
  await uploadByApi(uploader, `${word}-north.jpg`, await photo(1200, 800, [200, 200, 120]));
  await uploadByApi(uploader, `${word}-south.jpg`, await photo(800, 1200, [120, 200, 200]));
  await uploader.dispose();
});

test('search by title, and mine/all', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Search titles').fill(word);
  const tiles = page.getByTestId('gallery-tile');
  await expect(tiles).toHaveCount(2);
  await expect(tiles.filter({ hasText: `${word}-north` })).toHaveCount(1);
  await page.getByLabel('Search titles').fill('no-such-title-xyz');
  await expect(page.getByText(/No images match/)).toBeVisible();
  await page.getByLabel('Search titles').fill(word);
  await expect(tiles).toHaveCount(2);
  // A viewer cannot upload, so has no "My images" to filter by.
  await expect(page.getByRole('radio', { name: 'My images' })).toHaveCount(0);
});

test('an uploader filters to their own images', async ({ browser }) => {
  const context = await browser.newContext({ storageState: E2E.storage('uploader') });
  const page = await context.newPage();
  await page.goto(`/?q=${word}`);
  const tiles = page.getByTestId('gallery-tile');
  await expect(tiles).toHaveCount(2);
  await page.getByRole('radio', { name: 'My images' }).check();
  await expect(page).toHaveURL(/filter=mine/);
  await expect(tiles).toHaveCount(2);
  await page.getByLabel('Search titles').fill('no-such-title-xyz');
  await expect(page.getByText(/No images/).first()).toBeVisible();
  await page.getByRole('radio', { name: 'All images' }).check();
  await expect(page).not.toHaveURL(/filter=mine/);
  await context.close();
});

test('the lightbox opens on a tile and moves with the arrow keys; Escape closes it', async ({ page }) => {
  await page.goto(`/?q=${word}`);
  await page.getByLabel('Search titles').fill(word);
  const tiles = page.getByTestId('gallery-tile');
  await expect(tiles).toHaveCount(2);
  const firstTitle = (await tiles.first().locator('img').getAttribute('alt')) ?? '';
  expect(firstTitle).toMatch(new RegExp(`^${word}-(north|south)$`));
  await tiles.first().click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAccessibleName(firstTitle);
  await expect(dialog.locator('img')).toHaveJSProperty('complete', true);
  await page.keyboard.press('ArrowRight');
  await expect(dialog).not.toHaveAccessibleName(firstTitle);
  await expect(dialog).toHaveAccessibleName(new RegExp(`${word}-(north|south)`));
  await page.keyboard.press('ArrowLeft');
  await expect(dialog).toHaveAccessibleName(firstTitle);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(tiles.first()).toBeFocused();
});
