/**
 * /admin/images: an admin bulk-deletes three selected images (their signed URLs then answer 404),
 * changes visibility and owner of several, and edits a title and metadata; uploaders and viewers get
 * the "Admins only" page with HTTP 403 and 403 from the admin images API.
 */
import { expect, type Page, test } from '@playwright/test';
import { E2E } from './fixtures/env';
import { photo, uploadByApi } from './fixtures/images';

const row = (page: Page, id: string) => page.locator(`tr[data-image-id="${id}"]`);

test.describe('as admin', () => {
  test.use({ storageState: E2E.storage('admin') });

  test('bulk delete of three selected images (shift-click range); their URLs stop working', async ({
    page,
    playwright,
  }) => {
    const uploader = await playwright.request.newContext({
      baseURL: E2E.appUrl,
      storageState: E2E.storage('uploader'),
    });
    const tag = `del${Date.now()}`;
    const ids: string[] = [];
    for (let i = 1; i <= 4; i++) ids.push((await uploadByApi(uploader, `${tag}-${i}.jpg`, await photo(320, 240))).id);

    await page.goto(`/admin/images?q=${tag}&sort=date&dir=asc`);
    await expect(page.getByRole('heading', { name: 'Images' })).toBeVisible();
    await expect(page.locator('tbody tr')).toHaveCount(4);
    const urls: string[] = [];
    for (const id of ids.slice(0, 3)) {
      const src = (await row(page, id).locator('img').getAttribute('src')) ?? '';
      expect((await uploader.get(src)).status()).toBe(200);
      urls.push(src);
    }

    await page.getByRole('checkbox', { name: `Select ${tag}-1` }).click();
    await page.getByRole('checkbox', { name: `Select ${tag}-3` }).click({ modifiers: ['Shift'] });
    await expect(page.getByText('3 selected')).toBeVisible();
    await expect(page.getByRole('checkbox', { name: `Select ${tag}-2` })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: `Select ${tag}-4` })).not.toBeChecked();

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 3 images?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByText('3 of 3 images deleted.')).toBeVisible();
    await expect(page.locator('tbody tr')).toHaveCount(1);
    await expect(row(page, ids[3] ?? '')).toBeVisible();

    for (const url of urls) expect((await uploader.get(url)).status()).toBe(404);
    for (const id of ids.slice(0, 3)) expect((await uploader.get(`/api/images/${id}`)).status()).toBe(404);
    expect((await uploader.get(`/api/images/${ids[3]}`)).status()).toBe(200);
    await uploader.dispose();
  });

  test('make several public, then give them to another owner', async ({ page, playwright }) => {
    const uploader = await playwright.request.newContext({
      baseURL: E2E.appUrl,
      storageState: E2E.storage('uploader'),
    });
    const tag = `vis${Date.now()}`;
    const ids: string[] = [];
    for (let i = 1; i <= 2; i++) ids.push((await uploadByApi(uploader, `${tag}-${i}.jpg`, await photo(200, 200))).id);

    await page.goto(`/admin/images?q=${tag}`);
    await expect(page.locator('tbody tr')).toHaveCount(2);
    await page.getByRole('checkbox', { name: 'Select all rows on this page' }).check();
    await page.getByRole('button', { name: 'Make public' }).click();
    await page
      .getByRole('dialog', { name: 'Make 2 images public?' })
      .getByRole('button', { name: 'Make public' })
      .click();
    await expect(page.getByText('2 of 2 images made public.')).toBeVisible();
    for (const id of ids) await expect(row(page, id).getByText('Public', { exact: true })).toBeVisible();
    for (const id of ids)
      expect(((await (await uploader.get(`/api/images/${id}`)).json()) as { private: boolean }).private).toBe(false);

    await page.getByRole('checkbox', { name: 'Select all rows on this page' }).check();
    await page.getByRole('button', { name: 'Change owner' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change the owner of 2 images?' });
    await expect(dialog.getByRole('button', { name: 'Change owner' })).toBeDisabled();
    await dialog.getByLabel('New owner').selectOption({ label: `${E2E.users.admin.name} (${E2E.users.admin.email})` });
    await dialog.getByRole('button', { name: 'Change owner' }).click();
    await expect(page.getByText('2 of 2 images given a new owner.')).toBeVisible();
    for (const id of ids) await expect(row(page, id).getByText(E2E.users.admin.name)).toBeVisible();
    // The uploader no longer owns them: they may not change them any more.
    expect((await uploader.patch(`/api/images/${ids[0]}`, { data: { title: 'mine?' } })).status()).toBe(403);
    await uploader.dispose();
  });

  test('edit a title and metadata', async ({ page, playwright }) => {
    const uploader = await playwright.request.newContext({
      baseURL: E2E.appUrl,
      storageState: E2E.storage('uploader'),
    });
    const tag = `edit${Date.now()}`;
    const { id } = await uploadByApi(uploader, `${tag}-1.jpg`, await photo(200, 150));
    await uploader.dispose();

    await page.goto(`/admin/images?q=${tag}`);
    await row(page, id)
      .getByRole('button', { name: `Edit ${tag}-1` })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Edit image' });
    await expect(dialog.getByRole('term').getByText('owner', { exact: true })).toBeVisible(); // kept by Pixvault, not editable
    await dialog.getByLabel('Title').fill(`${tag} renamed`);
    await dialog.getByRole('button', { name: 'Add a key' }).click();
    await dialog.getByLabel('Metadata key 1', { exact: true }).fill('owner');
    await dialog.getByLabel('Metadata value 1', { exact: true }).fill('someone else');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('“owner” is kept by Pixvault.');
    await dialog.getByLabel('Metadata key 1', { exact: true }).fill('camera');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText(`Saved “${tag} renamed”.`)).toBeVisible();
    await expect(row(page, id).getByRole('link', { name: `${tag} renamed` })).toBeVisible();

    await row(page, id)
      .getByRole('button', { name: `Edit ${tag} renamed` })
      .click();
    await expect(dialog.getByLabel('Metadata key 1', { exact: true })).toHaveValue('camera');
    await expect(dialog.getByLabel('Metadata value 1', { exact: true })).toHaveValue('someone else');
  });
});

for (const role of ['uploader', 'viewer'] as const) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: E2E.storage(role) });

    test('the admin pages are "Admins only" with 403, and the admin images API answers 403', async ({
      page,
      request,
    }) => {
      for (const path of ['/admin', '/admin/images']) {
        const res = await page.goto(path);
        expect(res?.status()).toBe(403);
        await expect(page.getByRole('heading', { name: 'Admins only' })).toBeVisible();
        // The page itself (the site header keeps its links) says nothing about uploading.
        await expect(page.getByRole('main')).not.toContainText(/upload/i);
      }
      const list = await request.get('/api/admin/images');
      expect(list.status()).toBe(403);
      expect(((await list.json()) as { error: { code: string } }).error.code).toBe('forbidden');
      const bulk = await request.post('/api/admin/images/bulk', {
        data: { action: 'delete', selection: { kind: 'ids', ids: ['anything'] } },
      });
      expect(bulk.status()).toBe(403);
      expect((await request.patch('/api/admin/images/anything', { data: { title: 'x' } })).status()).toBe(403);
    });
  });
}
