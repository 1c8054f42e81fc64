/** First run: the admin is created through /setup; then the other users through the CLI. Sessions are saved for the other specs. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E } from './fixtures/env';
import { addUserWithCli, signIn } from './fixtures/users';

test.describe.configure({ mode: 'serial' });

test('first-run setup creates the admin, then /setup is gone', async ({ page }) => {
  mkdirSync(path.dirname(E2E.storage('admin')), { recursive: true });
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Welcome to Pixvault' })).toBeVisible();
  const admin = E2E.users.admin;
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Name (optional)').fill(admin.name);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByLabel('Confirm password').fill('something-else');
  await page.getByRole('button', { name: 'Create admin account' }).click();
  await expect(page.getByText('The passwords do not match.')).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue(admin.email);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByLabel('Confirm password').fill(admin.password);
  await page.getByRole('button', { name: 'Create admin account' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('banner')).toContainText(admin.name);
  await expect(page.getByRole('banner')).toContainText('admin');
  await page.context().storageState({ path: E2E.storage('admin') });

  const again = await page.goto('/setup');
  expect(again?.status()).toBe(404);
});

test('uploader and viewer are added with the CLI and can sign in', async ({ browser }) => {
  addUserWithCli('uploader');
  addUserWithCli('viewer');
  for (const role of ['uploader', 'viewer'] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, role);
    await expect(page.getByRole('banner')).toContainText(role);
    await context.storageState({ path: E2E.storage(role) });
    await context.close();
  }
});
