/**
 * Albums and share links end to end: make an album, add images from the gallery's select mode and
 * from an image's page, share it, open the link signed out, revoke it, and see the same URL answer
 * 410 with a clear page. A password-protected link asks once. A viewer gets no Share control and 403.
 */
import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { E2E } from './fixtures/env';
import { expectImagesLoaded, photo, uploadByApi } from './fixtures/images';

test.use({ storageState: E2E.storage('uploader') });

const tile = (page: Page, id: string) => page.locator(`[data-testid="gallery-tile"][data-image-id="${id}"]`);

async function createAlbum(page: Page, title: string): Promise<string> {
  await page.goto('/albums');
  await page.getByPlaceholder('New album name').fill(title);
  await page.getByRole('button', { name: 'Create album' }).click();
  await expect(page).toHaveURL(/\/albums\/[^/]+$/);
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
}

async function createShare(page: Page, lifetime: string, password?: string): Promise<string> {
  await page.getByLabel('Expires after').selectOption({ label: lifetime });
  if (password) await page.getByLabel('Password (optional)').fill(password);
  await page.getByRole('button', { name: 'Create share link' }).click();
  return page.getByRole('textbox', { name: /New share link/ }).inputValue();
}

test('album → share link → open signed out → revoke → the same URL says it was revoked (410)', async ({
  page,
  request,
  browser,
}) => {
  const a = await uploadByApi(request, 'harbour.jpg', await photo(900, 600, [90, 150, 200]));
  const b = await uploadByApi(request, 'lighthouse.jpg', await photo(600, 900, [200, 140, 90]));
  const title = `Coast ${randomUUID().slice(0, 6)}`;
  const albumId = await createAlbum(page, title);
  await expect(page.getByText('No images in this album yet.')).toBeVisible();

  // One image from the gallery's select mode…
  await page.goto('/');
  await page.getByRole('button', { name: 'Select', exact: true }).click();
  await tile(page, a.id).click();
  await expect(tile(page, a.id)).toHaveAttribute('aria-checked', 'true');
  await page.getByLabel('Album').selectOption({ label: title });
  await page.getByRole('button', { name: 'Add to album' }).click();
  await expect(page.getByText(`1 image added to “${title}”.`)).toBeVisible();
  // …and one from its page.
  await page.goto(`/images/${b.id}`);
  await page.getByRole('checkbox', { name: title }).check();
  await expect
    .poll(
      async () => ((await (await request.get(`/api/albums/${albumId}`)).json()) as { imageCount: number }).imageCount,
    )
    .toBe(2);

  await page.goto(`/albums/${albumId}`);
  await expect(page.getByText('2 images')).toBeVisible();
  await expect(page.getByTestId('gallery-tile')).toHaveCount(2);
  const url = await createShare(page, '1 day');
  expect(new URL(url).pathname).toMatch(/^\/s\/[A-Za-z0-9_-]{43}$/);

  // A visitor who is not signed in sees the album in the grid and lightbox, with no way into the app.
  const visitor = await browser.newContext();
  const guest = await visitor.newPage();
  const first = await guest.goto(url);
  expect(first?.status()).toBe(200);
  await expect(guest.getByRole('heading', { name: title })).toBeVisible();
  await expect(guest.getByTestId('gallery-tile')).toHaveCount(2);
  await expectImagesLoaded(guest.getByTestId('gallery-tile').locator('img'));
  await guest.getByTestId('gallery-tile').first().click();
  const lightbox = guest.getByRole('dialog');
  await expect(lightbox).toBeVisible();
  await expect(lightbox.getByRole('link', { name: 'Details' })).toHaveCount(0);
  await expect(guest.getByText('Uma Uploader')).toHaveCount(0);

  // The owner sees the view and revokes; the very same URL now says so, with 410.
  await page.reload();
  const row = page.getByTestId('share-link');
  await expect(row).toContainText('1 view');
  await row.getByRole('button', { name: 'Revoke' }).click();
  await expect(row).toHaveAttribute('data-state', 'revoked');
  const again = await guest.goto(url);
  expect(again?.status()).toBe(410);
  await expect(guest.getByRole('heading', { name: 'This link was revoked' })).toBeVisible();
  await expect(guest.locator('body')).not.toContainText(/ERROR \d+/);
  await visitor.close();

  // "My links" lists it, revoked, with its view.
  await page.goto('/links');
  const listed = page.getByTestId('share-link').filter({ hasText: title });
  await expect(listed).toHaveAttribute('data-state', 'revoked');
  await expect(listed).toContainText('1 view');
});

test('a password-protected link asks once and refuses a wrong password', async ({ page, request, browser }) => {
  const { id } = await uploadByApi(request, 'secret-garden.jpg', await photo(800, 600));
  await page.goto(`/images/${id}`);
  const url = await createShare(page, '1 hour', 'tulips 42');

  const visitor = await browser.newContext();
  const guest = await visitor.newPage();
  await guest.goto(url);
  await expect(guest.getByRole('heading', { name: 'This link is protected' })).toBeVisible();
  await guest.getByLabel('Password').fill('roses');
  await guest.getByRole('button', { name: 'Open' }).click();
  await expect(guest.getByText('That password is not right.')).toBeVisible();
  await guest.getByLabel('Password').fill('tulips 42');
  await guest.getByRole('button', { name: 'Open' }).click();
  await expect(guest.getByRole('heading', { name: 'secret-garden' })).toBeVisible();
  await expectImagesLoaded(guest.getByRole('img', { name: 'secret-garden' }));
  // Unlocked for this browser: a reload does not ask again.
  await guest.reload();
  await expect(guest.getByRole('heading', { name: 'secret-garden' })).toBeVisible();
  await visitor.close();
});

test('an open share page fetches fresh URLs before they expire, and says so once the link is revoked', async ({
  request,
  browser,
}) => {
  const { id } = await uploadByApi(request, 'open-page.jpg', await photo(700, 500));
  const created = await request.post('/api/shares', {
    data: { target: { kind: 'image', id }, expiresInSeconds: 86_400 },
  });
  expect(created.status()).toBe(201);
  const link = (await created.json()) as { id: string; url: string };

  const visitor = await browser.newContext();
  const guest = await visitor.newPage();
  // The page's clock can be moved ahead: its refresh timer runs on it (the server keeps real time).
  await guest.clock.install();
  await guest.goto(link.url);
  const image = guest.getByRole('img', { name: 'open-page' });
  await expectImagesLoaded(image);

  // Ten minutes on, the URLs (10-15 minutes) are due for renewal: the page fetches new ones, no new view.
  const refreshed = guest.waitForResponse((res) => res.url().endsWith('/content') && res.status() === 200);
  await guest.clock.fastForward('10:00');
  await refreshed;
  const shares = async () =>
    ((await (await request.get(`/api/shares?imageId=${id}`)).json()) as { id: string; views: number }[]).find(
      (s) => s.id === link.id,
    );
  expect((await shares())?.views).toBe(1);

  expect((await request.delete(`/api/shares/${link.id}`)).status()).toBe(204);
  await guest.clock.fastForward('15:00');
  await expect(guest.getByRole('alert').filter({ hasText: 'This link was revoked' })).toBeVisible();
  await expect(image).toHaveCount(0);
  await visitor.close();
});

test('a viewer sees albums but has no Share control and gets 403 from the API', async ({ page, request, browser }) => {
  const { id } = await uploadByApi(request, 'viewer-album.jpg', await photo(700, 500));
  const albumId = await createAlbum(page, `Viewer can see ${randomUUID().slice(0, 6)}`);
  expect((await request.post(`/api/albums/${albumId}/images`, { data: { imageIds: [id] } })).status()).toBe(200);
  const own = await request.post('/api/shares', {
    data: { target: { kind: 'album', id: albumId }, expiresInSeconds: 3600 },
  });
  expect(own.status()).toBe(201);
  const linkId = ((await own.json()) as { id: string }).id;

  const context = await browser.newContext({ storageState: E2E.storage('viewer') });
  const viewer = await context.newPage();
  await viewer.goto(`/albums/${albumId}`);
  await expect(viewer.getByTestId('gallery-tile')).toHaveCount(1);
  await expect(viewer.getByTestId('share-panel')).toHaveCount(0);
  for (const name of ['Create share link', 'Rename', 'Select', 'Delete album'])
    await expect(viewer.getByRole('button', { name, exact: true })).toHaveCount(0);
  await viewer.goto(`/images/${id}`);
  await expect(viewer.getByRole('heading', { name: 'viewer-album' })).toBeVisible();
  await expect(viewer.getByTestId('share-panel')).toHaveCount(0);

  const api = viewer.request;
  const share = { data: { target: { kind: 'album', id: albumId }, expiresInSeconds: 3600 } };
  expect((await api.post('/api/shares', share)).status()).toBe(403);
  expect((await api.delete(`/api/shares/${linkId}`)).status()).toBe(403);
  expect((await api.get('/api/shares')).status()).toBe(403);
  expect((await api.post('/api/albums', { data: { title: 'Mine' } })).status()).toBe(403);
  expect((await api.patch(`/api/albums/${albumId}`, { data: { title: 'Taken' } })).status()).toBe(403);
  await viewer.goto('/links');
  await expect(viewer).not.toHaveURL(/\/links$/);
  await context.close();
});
