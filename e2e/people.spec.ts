/**
 * People and everyday uploads: the lightbox's address (Back closes it, reload reopens it), zoom and
 * download; the profile page (display name, password change, sign out everywhere) and how people are
 * named; the phone header, dark mode, pasted screenshots and tiny images.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { E2E } from './fixtures/env';
import { photo, uploadByApi } from './fixtures/images';

test.use({ storageState: E2E.storage('uploader') });

interface Account {
  email: string;
  password: string;
}

/** A new account of its own (no display name), made with the real CLI, so no other test shares it. */
function newAccount(role: 'uploader' | 'viewer'): Account {
  const account = { email: `p-${randomUUID().slice(0, 8)}@example.com`, password: 'first-password-1' };
  execFileSync(
    'npm',
    ['run', '--silent', 'users', '--', 'add', account.email, '--password', account.password, '--role', role],
    {
      env: { ...process.env, ...E2E.serverEnv },
      stdio: 'pipe',
    },
  );
  return account;
}

async function signedIn(browser: Browser, account: Account): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/$/);
  return { context, page };
}

const tile = (page: Page, id: string) => page.locator(`[data-testid="gallery-tile"][data-image-id="${id}"]`);

test.describe('the lightbox', () => {
  const tag = `harbour${randomUUID().slice(0, 6)}`;
  let first = '';
  let second = '';

  test.beforeAll(async ({ playwright }) => {
    const uploader = await playwright.request.newContext({
      baseURL: E2E.appUrl,
      storageState: E2E.storage('uploader'),
    });
    first = (await uploadByApi(uploader, `${tag}-a.jpg`, await photo(2400, 1600))).id;
    second = (await uploadByApi(uploader, `${tag}-b.jpg`, await photo(1600, 1200))).id;
    await uploader.dispose();
  });

  test('has an address: Back closes it, next replaces it, a reload opens it', async ({ page }) => {
    await page.goto(`/?q=${tag}`);
    await expect(page.getByTestId('gallery-tile')).toHaveCount(2);
    await tile(page, second).click(); // newest first: the second upload is the first tile
    const dialog = page.getByRole('dialog');
    await expect(dialog).toHaveAccessibleName(`${tag}-b`);
    await expect(page).toHaveURL(new RegExp(`[?&]image=${second}`));

    await page.goBack();
    await expect(dialog).toBeHidden();
    await expect(page).not.toHaveURL(/image=/);
    await expect(page).toHaveURL(new RegExp(`q=${tag}`)); // still the gallery, filters kept
    await expect(tile(page, second)).toBeFocused();

    await tile(page, second).click();
    // The lightbox opens in a transition: a key pressed before it is there would go to the tile.
    await expect(dialog).toHaveAccessibleName(`${tag}-b`);
    await page.keyboard.press('ArrowRight');
    await expect(dialog).toHaveAccessibleName(`${tag}-a`);
    await expect(page).toHaveURL(new RegExp(`[?&]image=${first}`));
    await page.goBack(); // the step replaced the entry: one Back closes
    await expect(dialog).toBeHidden();
    await expect(page).not.toHaveURL(/image=/);

    await page.goto(`/?q=${tag}&image=${first}`);
    await expect(dialog).toHaveAccessibleName(`${tag}-a`);
    await page.reload();
    await expect(dialog).toHaveAccessibleName(`${tag}-a`);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(new RegExp(`/\\?q=${tag}$`));
  });

  test('opens an image that is not on the first page, and says so for one that does not exist', async ({ page }) => {
    await page.goto(`/?q=no-such-title-${tag}&image=${first}`);
    await expect(page.getByRole('dialog')).toHaveAccessibleName(`${tag}-a`);
    await page.keyboard.press('Escape');
    await expect(page).not.toHaveURL(/image=/);

    await page.goto(`/?image=${randomUUID()}`);
    await expect(page.getByRole('alert').filter({ hasText: 'Could not open that image' })).toBeVisible();
  });

  test('zooms to full size and back, by click, buttons and keys', async ({ page }) => {
    await page.goto(`/?q=${tag}&image=${first}`);
    const dialog = page.getByRole('dialog');
    await expect(dialog.locator('img')).toHaveJSProperty('complete', true);
    await dialog.getByRole('button', { name: `Zoom in: ${tag}-a` }).click();
    const zoom = page.getByTestId('lightbox-zoom');
    await expect(zoom).toBeFocused();
    // 1:1 of the largest rendition (1920 wide) is larger than the 1280×720 window: it scrolls.
    await expect(zoom.locator('img')).toHaveJSProperty('width', 1920);
    expect(await zoom.evaluate((el) => el.scrollWidth > el.clientWidth && el.scrollLeft > 0)).toBe(true);
    const left = await zoom.evaluate((el) => el.scrollLeft);
    await page.keyboard.press('ArrowRight'); // pans instead of moving to the next image
    await expect.poll(() => zoom.evaluate((el) => el.scrollLeft)).toBeGreaterThan(left);
    await expect(dialog).toHaveAccessibleName(`${tag}-a`);
    await page.keyboard.press('-');
    await expect(zoom).toBeHidden();
    await dialog.getByRole('button', { name: 'Zoom in to full size' }).click();
    await expect(zoom).toBeVisible();
    await dialog.getByRole('button', { name: 'Zoom out to fit' }).click();
    await expect(zoom).toBeHidden();
  });

  test('downloads: the original for its owner, the largest variant for a viewer, nothing signed out', async ({
    page,
    browser,
    playwright,
  }) => {
    await page.goto(`/?q=${tag}&image=${first}`);
    const download = page.waitForEvent('download');
    await page.getByRole('dialog').getByRole('link', { name: 'Download' }).click();
    expect((await download).suggestedFilename()).toBe(`${tag}-a.jpg`);

    const viewer = await browser.newContext({ storageState: E2E.storage('viewer') });
    const viewerPage = await viewer.newPage();
    await viewerPage.goto(`/?image=${first}`);
    const viewerDownload = viewerPage.waitForEvent('download');
    await viewerPage.getByRole('dialog').getByRole('link', { name: 'Download' }).click();
    const saved = await viewerDownload;
    expect(saved.suggestedFilename()).toBe(`${tag}-a.jpg`);
    const res = await viewerPage.request.get(`/api/images/${first}/download`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('image/jpeg');
    expect(res.headers()['content-disposition']).toContain('attachment');
    await viewer.close();

    const anonymous = await playwright.request.newContext({
      baseURL: E2E.appUrl,
      storageState: { cookies: [], origins: [] },
    });
    expect((await anonymous.get(`/api/images/${first}/download`)).status()).toBe(401);
    await anonymous.dispose();
  });
});

test.describe('the profile', () => {
  // Several sign-ins (Argon2) and a CLI run each: slow on a busy machine.
  test.slow();
  test('a display name replaces "a member" in the gallery', async ({ browser }) => {
    const account = newAccount('uploader');
    const { context, page } = await signedIn(browser, account);
    const title = `named-later-${randomUUID().slice(0, 6)}`;
    const { id } = await uploadByApi(context.request, `${title}.jpg`, await photo(500, 400));

    const viewer = await browser.newContext({ storageState: E2E.storage('viewer') });
    const viewerPage = await viewer.newPage();
    await viewerPage.goto(`/?q=${title}`);
    await expect(tile(viewerPage, id)).toContainText('a member');
    await expect(tile(viewerPage, id)).not.toContainText(account.email.split('@')[0] ?? '');
    const admin = await browser.newContext({ storageState: E2E.storage('admin') });
    const adminPage = await admin.newPage();
    await adminPage.goto(`/?q=${title}`);
    await expect(tile(adminPage, id)).toContainText(account.email.split('@')[0] ?? '');

    await page.goto('/profile');
    await page.getByRole('textbox', { name: 'Display name' }).fill('Nia Newname');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Nia Newname' })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('Nia Newname');

    await viewerPage.reload();
    await expect(tile(viewerPage, id)).toContainText('Nia Newname');
    await viewerPage.goto(`/?image=${id}`);
    await expect(viewerPage.getByRole('dialog')).toContainText('by Nia Newname');
    await Promise.all([context.close(), viewer.close(), admin.close()]);
  });

  test('changing the password ends other sessions but not this one', async ({ browser }) => {
    const account = newAccount('viewer');
    const here = await signedIn(browser, account);
    const elsewhere = await signedIn(browser, account);

    await here.page.goto('/profile');
    await here.page.getByLabel('Current password').fill('not-my-password');
    await here.page.getByLabel('New password', { exact: true }).fill('second-password-2');
    await here.page.getByLabel('Confirm new password').fill('second-password-2');
    await here.page.getByRole('button', { name: 'Change password' }).click();
    await expect(
      here.page.getByRole('alert').filter({ hasText: 'The current password is not correct.' }),
    ).toBeVisible();

    await here.page.getByLabel('Current password').fill(account.password);
    await here.page.getByLabel('New password', { exact: true }).fill('second-password-2');
    await here.page.getByLabel('Confirm new password').fill('second-password-2');
    await here.page.getByRole('button', { name: 'Change password' }).click();
    await expect(here.page.getByRole('status').filter({ hasText: 'Password changed' })).toBeVisible();

    await here.page.goto('/');
    await expect(here.page).toHaveURL(/\/$/);
    expect((await here.page.request.get('/api/images')).status()).toBe(200);
    await elsewhere.page.goto('/');
    await expect(elsewhere.page).toHaveURL(/\/sign-in$/);
    expect((await elsewhere.page.request.get('/api/images')).status()).toBe(401);

    const again = await signedIn(browser, { ...account, password: 'second-password-2' });
    await Promise.all([here.context.close(), elsewhere.context.close(), again.context.close()]);
  });

  test('sign out everywhere ends every session, this one too', async ({ browser }) => {
    const account = newAccount('viewer');
    const here = await signedIn(browser, account);
    const elsewhere = await signedIn(browser, account);
    await here.page.goto('/profile');
    await here.page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(here.page).toHaveURL(/\/sign-in$/);
    await elsewhere.page.goto('/');
    await expect(elsewhere.page).toHaveURL(/\/sign-in$/);
    await Promise.all([here.context.close(), elsewhere.context.close()]);
  });
});

test('a viewer has no "My images" filter', async ({ browser }) => {
  const viewer = await browser.newContext({ storageState: E2E.storage('viewer') });
  const page = await viewer.newPage();
  await page.goto('/?filter=mine');
  await expect(page.getByLabel('Search titles')).toBeVisible();
  await expect(page.getByRole('radio', { name: 'My images' })).toHaveCount(0);
  await expect(page.getByText('That page needs a role')).toHaveCount(0);
  await viewer.close();
});

test('on a phone the header is one row, with the navigation behind a menu', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/');
  const box = await page.getByRole('banner').boundingBox();
  expect(box?.height ?? 999).toBeLessThanOrEqual(64);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeHidden();
  await page.getByRole('button', { name: 'Menu' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Upload' }).click();
  await expect(page).toHaveURL(/\/upload$/);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeHidden();
  await page.keyboard.press('Escape');
});

test('follows the system dark mode', async ({ browser }) => {
  const context = await browser.newContext({ storageState: E2E.storage('admin'), colorScheme: 'dark' });
  const page = await context.newPage();
  for (const path of ['/', '/profile', '/admin/users']) {
    await page.goto(path);
    const [r, g, b] = await page.evaluate(() =>
      (getComputedStyle(document.body).backgroundColor.match(/\d+/g) ?? []).map(Number),
    );
    expect((r ?? 255) + (g ?? 255) + (b ?? 255), path).toBeLessThan(100);
    const text = await page.evaluate(() => getComputedStyle(document.body).color);
    expect(text, path).not.toBe('rgb(28, 35, 48)');
  }
  await context.close();
});

test('a pasted screenshot is titled with the local date and time', async ({ browser }) => {
  const context = await browser.newContext({ storageState: E2E.storage('uploader'), timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  // The page's clock is pinned to the middle of the current minute (a time near the server's, so signed
  // URL lifetimes still make sense); the title uses the clock of the person pasting, in Tokyo.
  const pinned = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 30_000);
  await page.clock.setFixedTime(pinned);
  const title = `Screenshot ${tokyoMinute(pinned)}`;
  await page.goto('/upload');
  // A new context loads the page's scripts cold: paste only once the uploader listens for it.
  await expect(page.locator('[data-paste-ready]')).toBeVisible();
  const png = (await photo(320, 200)).toString('base64');
  await page.evaluate((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'image.jpg', { type: 'image/jpeg' }));
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, png);
  await expect(page.getByRole('status').filter({ hasText: /^1 done$/ })).toBeVisible();
  await page.goto(`/?filter=mine&q=${title}`);
  await expect(page.getByTestId('gallery-tile').first()).toContainText(title);
  await context.close();
});

/** `YYYY-MM-DD HH:mm` on a Tokyo wall clock. */
function tokyoMinute(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Tokyo',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

test('a tiny image is shown at its own size, not blown up', async ({ page, request }) => {
  const { id } = await uploadByApi(request, `icon-${randomUUID().slice(0, 6)}.jpg`, await photo(32, 32));
  await page.goto('/?filter=mine');
  const img = tile(page, id).locator('img');
  await expect(img).toHaveJSProperty('complete', true);
  const inTile = await img.boundingBox();
  expect(inTile?.width).toBe(32);
  expect(inTile?.height).toBe(32);
  await tile(page, id).click();
  const big = page.getByRole('dialog').locator('img');
  await expect(big).toHaveJSProperty('complete', true);
  expect((await big.boundingBox())?.width).toBeLessThanOrEqual(32);
});
