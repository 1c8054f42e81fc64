/** Sign in and out, as a person would; pages and APIs refuse signed-out visitors. */
import { expect, test } from '@playwright/test';
import { E2E } from './fixtures/env';
import { signIn } from './fixtures/users';

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(E2E.users.uploader.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Email or password is incorrect.')).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue(E2E.users.uploader.email);
  await expect(page).toHaveURL(/\/sign-in/);
});

test('sign in, then sign out', async ({ page }) => {
  await signIn(page, 'uploader');
  await expect(page.getByRole('banner')).toContainText(E2E.users.uploader.name);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/upload');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('signed-out requests to the API get 401', async ({ request }) => {
  expect((await request.get('/api/images')).status()).toBe(401);
  expect(
    (await request.post('/api/uploads', { data: { filename: 'a.jpg', size: 10, type: 'image/jpeg' } })).status(),
  ).toBe(401);
});

test('a refused OAuth sign-in comes back with a message in words', async ({ page }) => {
  await page.goto('/sign-in?error=GitHubEmailNotVerified');
  await expect(
    page.getByText('Your GitHub account has no verified primary email. Verify it on GitHub, then try again.'),
  ).toBeVisible();
  await page.goto('/sign-in?error=<script>alert(1)</script>');
  await expect(page.getByText('Sign-in did not complete. Try again.')).toBeVisible();
});
