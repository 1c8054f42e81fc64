/**
 * An admin manages people from /admin/users and reads what happened in /admin/audit: an invite is
 * accepted in another browser and its account signs in; disabling a user and resetting a password end
 * the sessions they have open; the audit log shows all of it, filters it and exports it as CSV.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { E2E } from './fixtures/env';
import { photo, uploadByApi } from './fixtures/images';

test.use({ storageState: E2E.storage('admin') });

const unique = (name: string) => `${name}-${randomBytes(4).toString('hex')}@example.com`;

const opened: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(opened.splice(0).map((context) => context.close()));
});

/** A browser of its own (no admin cookies), signed in as `email` when a password is given. */
async function otherBrowser(browser: Browser, account?: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  opened.push(context);
  const page = await context.newPage();
  if (account) await signInAs(page, account.email, account.password);
  return page;
}

async function signInAs(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Adds an account with a password through the page's own form. */
async function addUser(page: Page, email: string, password: string, role = 'viewer'): Promise<void> {
  await page.goto('/admin/users');
  const form = page.getByRole('form', { name: 'Add a user with a password' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Initial password').fill(password);
  await form.getByRole('combobox', { name: 'Role', exact: true }).selectOption(role);
  await form.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByText(`Added ${email} as ${role}.`)).toBeVisible();
}

async function createInvite(page: Page, email: string, role: string): Promise<string> {
  await page.goto('/admin/users');
  const form = page.getByRole('form', { name: 'Invite someone' });
  await form.getByLabel('Email').fill(email);
  await form.getByRole('combobox', { name: 'Role', exact: true }).selectOption(role);
  await form.getByRole('button', { name: 'Create invite link' }).click();
  const link = page.getByLabel(`Invite link for ${email} (${role})`);
  // The page adds its own origin once it runs in the browser.
  await expect(link).toHaveValue(/^http:\/\/.+\/invite\/[A-Za-z0-9_-]{43}$/);
  return link.inputValue();
}

test('an invite is accepted in a new browser, signs in, and works only once', async ({ page, browser }) => {
  const email = unique('invitee');
  const link = await createInvite(page, email, 'uploader');
  await expect(
    page.getByRole('table', { name: 'Pending invites' }).getByRole('cell', { name: email, exact: true }),
  ).toBeVisible();

  const invitee = await otherBrowser(browser);
  await invitee.goto(link);
  await expect(invitee.getByRole('heading', { name: 'Join Pixvault' })).toBeVisible();
  await expect(invitee.getByLabel('Email')).toHaveValue(email);
  await invitee.getByLabel('Name (optional)').fill('Ivy Invitee');
  await invitee.getByLabel('Password', { exact: true }).fill('ivy-password-1');
  await invitee.getByLabel('Confirm password').fill('ivy-password-1');
  await invitee.getByRole('button', { name: 'Create account and sign in' }).click();
  await expect(invitee).toHaveURL(/\/$/);
  await expect(invitee.getByRole('banner')).toContainText('Ivy Invitee');
  await expect(invitee.getByRole('banner')).toContainText('uploader');

  // Used: the link now says so, to anyone.
  const stranger = await otherBrowser(browser);
  await stranger.goto(link);
  await expect(stranger.getByRole('heading', { name: 'This invite was already used' })).toBeVisible();
  // And the account signs in on its own.
  await signInAs(stranger, email, 'ivy-password-1');
  await expect(stranger).toHaveURL(/\/$/);

  await page.reload();
  const users = page.getByRole('table', { name: 'Users' });
  await expect(users.locator(`tr[data-email="${email}"]`)).toContainText('uploader');
  await expect(
    page.getByRole('table', { name: 'Pending invites' }).getByRole('cell', { name: email, exact: true }),
  ).toHaveCount(0);
});

test('a revoked invite shows a clear page', async ({ page, browser }) => {
  const email = unique('revoked');
  const link = await createInvite(page, email, 'viewer');
  await page.getByRole('button', { name: `Revoke the invite for ${email}` }).click();
  await expect(page.getByText(`The invite for ${email} was revoked; its link no longer works.`)).toBeVisible();
  const invitee = await otherBrowser(browser);
  await invitee.goto(link);
  await expect(invitee.getByRole('heading', { name: 'This invite was revoked' })).toBeVisible();
  await expect(invitee.getByRole('button', { name: 'Create account and sign in' })).toHaveCount(0);
});

test('disabling a user signs out their open session at its next navigation', async ({ page, browser }) => {
  const email = unique('disabled');
  await addUser(page, email, 'disabled-password-1');
  const user = await otherBrowser(browser, { email, password: 'disabled-password-1' });
  await expect(user).toHaveURL(/\/$/);

  await page.getByRole('button', { name: `Disable ${email}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disable', exact: true }).click();
  await expect(page.getByText(`${email} is disabled and was signed out.`)).toBeVisible();
  await expect(page.locator(`tr[data-email="${email}"]`)).toHaveAttribute('data-state', 'disabled');

  await user.goto('/');
  await expect(user).toHaveURL(/\/sign-in$/);
  await signInAs(user, email, 'disabled-password-1');
  await expect(user.getByText('This account is disabled. Ask an admin to enable it.')).toBeVisible();

  await page.getByRole('button', { name: `Enable ${email}` }).click();
  await expect(page.getByText(`${email} is enabled again.`)).toBeVisible();
  await signInAs(user, email, 'disabled-password-1');
  await expect(user).toHaveURL(/\/$/);
});

test('resetting a password ends their sessions; only the new password works', async ({ page, browser }) => {
  const email = unique('reset');
  await addUser(page, email, 'old-password-1', 'uploader');
  const user = await otherBrowser(browser, { email, password: 'old-password-1' });
  await expect(user).toHaveURL(/\/$/);

  await page.getByRole('button', { name: `Reset password of ${email}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('New password').fill('new-password-1');
  await dialog.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByText(`Password of ${email} reset; they were signed out everywhere.`)).toBeVisible();

  await user.goto('/');
  await expect(user).toHaveURL(/\/sign-in$/);
  await signInAs(user, email, 'old-password-1');
  await expect(user.getByText('Email or password is incorrect.')).toBeVisible();
  await signInAs(user, email, 'new-password-1');
  await expect(user).toHaveURL(/\/$/);
});

test('removing a user can give their images to someone else instead of deleting them', async ({ page, browser }) => {
  const email = unique('leaver');
  const heir = unique('heir');
  await addUser(page, heir, 'heir-password-1', 'uploader');
  await addUser(page, email, 'leaver-password-1', 'uploader');
  const leaver = await otherBrowser(browser, { email, password: 'leaver-password-1' });
  await expect(leaver).toHaveURL(/\/$/);
  const image = await uploadByApi(leaver.request, 'kept.jpg', await photo(320, 240));

  await page.reload();
  const imagesOf = (who: string) => page.locator(`tr[data-email="${who}"] td[data-label="Images"]`);
  await expect(imagesOf(email)).toHaveText('1');
  await expect(imagesOf(heir)).toHaveText('0');
  await page.getByRole('button', { name: `Remove ${email}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('radio', { name: 'Give them to another user' })).toBeChecked();
  await dialog.getByLabel('New owner').selectOption({ label: heir });
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page.getByText('User removed; 1 image(s) transferred.')).toBeVisible();
  await expect(page.locator(`tr[data-email="${email}"]`)).toHaveCount(0);
  await expect(imagesOf(heir)).toHaveText('1');

  const detail = await page.request.get(`/api/images/${image.id}`);
  expect(detail.status()).toBe(200);
  // No display name: admins see the part of the email before the @ (lib/people/display-name.ts).
  expect(((await detail.json()) as { owner: { name: string } }).owner.name).toBe(heir.split('@')[0]);
});

test('the audit log shows what was done, filters it and exports it as CSV', async ({ page }) => {
  const email = unique('audited');
  await addUser(page, email, 'audited-password-1');
  await page.getByRole('button', { name: `Disable ${email}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disable', exact: true }).click();
  await expect(page.getByText(`${email} is disabled and was signed out.`)).toBeVisible();

  await page.goto('/admin/audit');
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  const log = page.getByRole('table', { name: 'Audit log' });
  await expect(log.locator('tr[data-action="user.disabled"]').filter({ hasText: email })).toHaveCount(1);
  await expect(log.locator('tr[data-action="user.created"]').filter({ hasText: email })).toHaveCount(1);

  // Only what was done to (or by) this user, and only disabling.
  await page.getByLabel('User', { exact: true }).selectOption({ label: email });
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]user=/);
  await expect(log.locator('tbody tr')).toHaveCount(2);
  await page.getByLabel('Action', { exact: true }).selectOption('user.disabled');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]action=user\.disabled/);
  await expect(log.locator('tbody tr')).toHaveCount(1);
  await expect(log.locator('tbody tr')).toHaveAttribute('data-action', 'user.disabled');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^pixvault-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile(await download.path())).toString('utf8').replace(/^\uFEFF/, '');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe('"time","actor_email","actor_id","action","target","target_label","ip","detail"');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`"${E2E.users.admin.email}"`);
  expect(lines[1]).toContain('"user.disabled"');
  expect(lines[1]).toContain(`"${email}"`);

  // A day with nothing in it: the empty state, with a way back.
  await page.goto('/admin/audit?from=2001-01-01&to=2001-01-02');
  await expect(page.getByRole('heading', { name: 'No entry matches these filters' })).toBeVisible();
});
