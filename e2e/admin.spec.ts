/** An admin manages users from /admin/users; the last admin cannot be demoted; others get the 403 "Admins only" page. */
import { expect, test } from '@playwright/test';
import { E2E } from './fixtures/env';

test.describe('as admin', () => {
  test.use({ storageState: E2E.storage('admin') });

  test('add a user, change their role, remove them', async ({ page }) => {
    await page.goto('/admin/users');
    await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
    const add = page.getByRole('form', { name: 'Add a user with a password' });
    await add.getByLabel('Email').fill('temp@example.com');
    await add.getByLabel('Name (optional)').fill('Tess Temp');
    await add.getByLabel('Initial password').fill('temporary-pass');
    await add.getByRole('combobox', { name: 'Role', exact: true }).selectOption('viewer');
    await add.getByRole('button', { name: 'Add user' }).click();
    await expect(page.getByText('Added temp@example.com as viewer.')).toBeVisible();

    const role = page.getByRole('combobox', { name: 'Role of temp@example.com' });
    await expect(role).toHaveValue('viewer');
    await role.selectOption('uploader');
    await expect(page.getByText('Role changed.')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Role of temp@example.com' })).toHaveValue('uploader');

    await page.getByRole('button', { name: 'Remove temp@example.com' }).click();
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(page.getByText('User removed with 0 image(s).')).toBeVisible();
    await expect(page.getByRole('cell', { name: 'temp@example.com' })).toHaveCount(0);
  });

  test('the last admin cannot be demoted', async ({ page }) => {
    await page.goto('/admin/users');
    const mine = page.getByRole('combobox', { name: `Role of ${E2E.users.admin.email}` });
    await mine.selectOption('viewer');
    await expect(page.getByText('This is the last admin; make someone else an admin first.')).toBeVisible();
    await expect(mine).toHaveValue('admin');
  });
});

test.describe('as uploader', () => {
  test.use({ storageState: E2E.storage('uploader') });

  test('the users page is out of reach', async ({ page }) => {
    const res = await page.goto('/admin/users');
    expect(res?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'Admins only' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);
  });
});
