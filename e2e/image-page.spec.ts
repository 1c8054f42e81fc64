/** The image page: edit the title, make the image public and private again, create a share link, download the original. */
import { expect, test } from '@playwright/test';
import { E2E } from './fixtures/env';
import { photo, uploadByApi } from './fixtures/images';

test.use({ storageState: E2E.storage('uploader'), permissions: ['clipboard-read', 'clipboard-write'] });

test('owner actions on the image page', async ({ page, request }) => {
  const { id } = await uploadByApi(request, 'old-title.jpg', await photo(1000, 750));
  await page.goto(`/images/${id}`);
  await expect(page.getByRole('heading', { name: 'old-title' })).toBeVisible();

  await page.getByRole('button', { name: 'Edit title' }).click();
  await page.getByLabel('Title').fill('Morning <b>harbour</b>');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'Morning <b>harbour</b>' })).toBeVisible(); // text, never markup
  expect((await (await request.get(`/api/images/${id}`)).json()).title).toBe('Morning <b>harbour</b>');

  // Public: the permanent URL works without a signature; private again: it is refused.
  const privateBox = page.getByLabel('Private: only signed links work');
  await privateBox.uncheck();
  const publicLink = page.getByRole('textbox', { name: 'Public link' });
  await expect(publicLink).toBeVisible();
  const permanent = await publicLink.inputValue();
  expect(new URL(permanent).searchParams.has('sig')).toBe(false);
  expect((await request.get(permanent)).status()).toBe(200);
  await privateBox.check();
  await expect(page.getByRole('textbox', { name: 'Public link' })).toHaveCount(0);
  await expect.poll(async () => (await request.get(permanent)).status()).toBe(403);

  // A share link (e2e/share-links.spec.ts follows one through its whole life).
  await page.getByLabel('Expires after').selectOption({ label: '1 day' });
  await page.getByRole('button', { name: 'Create share link' }).click();
  const shared = await page.getByRole('textbox', { name: /New share link/ }).inputValue();
  expect(new URL(shared).pathname).toMatch(/^\/s\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId('share-link')).toHaveCount(1);
  expect((await request.get(shared)).status()).toBe(200);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download original' }).click();
  expect((await download).suggestedFilename()).toBe('old-title.jpg');
});

test('a viewer sees the details but none of the owner actions', async ({ browser, request }) => {
  const { id } = await uploadByApi(request, 'viewer-sees.jpg', await photo(600, 600));
  const context = await browser.newContext({ storageState: E2E.storage('viewer') });
  const page = await context.newPage();
  await page.goto(`/images/${id}`);
  await expect(page.getByRole('heading', { name: 'viewer-sees' })).toBeVisible();
  await expect(page.getByText('Uma Uploader')).toBeVisible();
  // Share links to someone else's image are the owner's (or an admin's) to hand out.
  for (const name of ['Edit title', 'Delete', 'Create share link'])
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Download original' })).toHaveCount(0);
  await expect(page.getByLabel('Private: only signed links work')).toHaveCount(0);
  await expect(page.getByTestId('share-panel')).toHaveCount(0);
  const ask = { data: { target: { kind: 'image', id }, expiresInSeconds: 3600 } };
  expect((await page.request.post('/api/shares', ask)).status()).toBe(403);
  expect((await request.post('/api/shares', ask)).status()).toBe(201); // the owner may
  await context.close();
});
