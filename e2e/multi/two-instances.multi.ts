/**
 * Two app instances (A and B) on one PostgreSQL database and one embedded image service: whatever one
 * instance writes, the other sees at its next request. Each test has its own users; each instance is
 * visited in a browser context of its own, since cookies do not tell ports apart.
 */
import { type APIRequestContext, type Browser, expect, test } from '@playwright/test';
import pg from 'pg';
import { expectImagesLoaded, photo, uploadByApi } from '../fixtures/images';
import { addUserWithCli, multiRun, newUser, skipReason, type TestUser } from './run';

test.skip(skipReason() !== undefined, skipReason());

/** A browser context on `base` with `user` signed in through the sign-in form. */
async function signedIn(browser: Browser, base: string, user: TestUser) {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${base}/`);
  return { context, page };
}

const tile = (id: string) => `[data-testid="gallery-tile"][data-image-id="${id}"]`;

test('a user added through instance A signs in on instance B', async ({ browser }) => {
  const run = multiRun();
  const admin = newUser('admin', 'admin');
  await addUserWithCli(run, admin);
  const a = await signedIn(browser, run.a, admin);
  const added = newUser('uploader', 'added-on-a');
  await a.page.goto('/admin/users');
  await a.page.getByLabel('Email', { exact: true }).fill(added.email);
  await a.page.getByLabel('Name (optional)', { exact: true }).fill(added.name);
  await a.page.getByLabel('Initial password', { exact: true }).fill(added.password);
  await a.page.getByLabel('Role', { exact: true }).selectOption('uploader');
  await a.page.getByRole('button', { name: 'Add user' }).click();
  await expect(a.page.getByRole('cell', { name: added.email })).toBeVisible();

  const b = await signedIn(browser, run.b, added);
  await expect(b.page.getByRole('banner')).toContainText(added.name);
  expect((await b.context.request.get('/api/images')).status()).toBe(200);
  await Promise.all([a.context.close(), b.context.close()]);
});

test("an image uploaded through A is in B's gallery, with signed URLs that work", async ({ browser }) => {
  const run = multiRun();
  const uploader = newUser('uploader', 'uploader');
  const viewer = newUser('viewer', 'viewer');
  await Promise.all([addUserWithCli(run, uploader), addUserWithCli(run, viewer)]);
  const a = await signedIn(browser, run.a, uploader);
  const { id } = await uploadByApi(a.context.request, 'harbour-from-a.jpg', await photo(1000, 700));

  const b = await signedIn(browser, run.b, viewer);
  const onB = b.page.locator(tile(id));
  await expect(onB).toBeVisible();
  await expect(onB.locator('img')).toHaveAttribute('alt', 'harbour-from-a');
  await expectImagesLoaded(onB.locator('img'));
  const signed = (await onB.locator('img').getAttribute('src')) ?? '';
  expect(signed.startsWith(`${run.service}/`)).toBe(true);
  expect(signed).toContain('sig=');
  const image = await b.context.request.get(signed);
  expect(image.status()).toBe(200);
  expect(image.headers()['content-type']).toMatch(/^image\//);
  await Promise.all([a.context.close(), b.context.close()]);
});

test('an image deleted on B is gone on A, and so are its signed URLs', async ({ browser }) => {
  const run = multiRun();
  const uploader = newUser('uploader', 'deleter');
  await addUserWithCli(run, uploader);
  const a = await signedIn(browser, run.a, uploader);
  const keeper = await uploadByApi(a.context.request, 'stays.jpg', await photo(500, 500));
  const { id } = await uploadByApi(a.context.request, 'short-lived.jpg', await photo(800, 600));
  await a.page.goto('/');
  const signed = (await a.page.locator(tile(id)).locator('img').getAttribute('src')) ?? '';
  expect((await a.context.request.get(signed)).status()).toBe(200);

  const b = await signedIn(browser, run.b, uploader);
  await b.page.goto(`/images/${id}`);
  await expect(b.page.getByRole('heading', { name: 'short-lived' })).toBeVisible();
  await b.page.getByRole('button', { name: 'Delete', exact: true }).click();
  await b.page.getByRole('button', { name: 'Delete', exact: true }).last().click();
  await expect(b.page).toHaveURL(`${run.b}/`);

  expect((await a.context.request.get(`/api/images/${id}`)).status()).toBe(404);
  await a.page.goto('/');
  await expect(a.page.locator(tile(keeper.id))).toBeVisible();
  await expect(a.page.locator(tile(id))).toHaveCount(0);
  expect((await a.context.request.get(signed)).status()).toBe(404);
  await Promise.all([a.context.close(), b.context.close()]);
});

/** One sign-in attempt through Auth.js's endpoint, from `address` (the proxy's X-Forwarded-For): the outcome's code. */
async function attempt(request: APIRequestContext, csrfToken: string, user: TestUser, address: string) {
  const response = await request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email: user.email, password: 'wrong-password-123' },
    headers: { 'x-forwarded-for': address },
    maxRedirects: 0,
  });
  return new URL(response.headers().location ?? '', 'http://x').searchParams.get('code') ?? `HTTP ${response.status()}`;
}

async function csrf(request: APIRequestContext): Promise<string> {
  return ((await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string }).csrfToken;
}

/**
 * Eight wrong passwords sent at once for one account from one address. The limiter counts each
 * failure before checking the password, so exactly as many are heard as the limit lets through
 * (5 free failures per account and address), however the requests interleave.
 */
async function burst(targets: { request: APIRequestContext; token: string }[], user: TestUser, address: string) {
  const codes = await Promise.all(
    Array.from({ length: 8 }, (_, i) => {
      const t = targets[i % targets.length];
      if (!t) throw new Error('no target');
      return attempt(t.request, t.token, user, address);
    }),
  );
  return {
    heard: codes.filter((c) => c === 'credentials').length,
    refused: codes.filter((c) => c === 'rate_limited').length,
  };
}

test('the sign-in limit counts attempts made on both instances together', async ({ playwright }) => {
  const run = multiRun();
  const [alone, shared] = [newUser('viewer', 'limited-one'), newUser('viewer', 'limited-both')];
  await Promise.all([addUserWithCli(run, alone), addUserWithCli(run, shared)]);
  const onA = await playwright.request.newContext({ baseURL: run.a });
  const onB = await playwright.request.newContext({ baseURL: run.b });
  const a = { request: onA, token: await csrf(onA) };
  const b = { request: onB, token: await csrf(onB) };

  // On one instance: five failures are heard, then the limit answers.
  expect(await burst([a], alone, '198.51.100.7')).toEqual({ heard: 5, refused: 3 });
  // Alternating A, B, A, B…: the same five in total, not five on each (separate counts would hear all eight).
  expect(await burst([a, b], shared, '198.51.100.8')).toEqual({ heard: 5, refused: 3 });
  await Promise.all([onA.dispose(), onB.dispose()]);
});

test('a user disabled in the shared store loses their session on B at the next request', async ({ browser }) => {
  const run = multiRun();
  const user = newUser('uploader', 'disabled');
  await addUserWithCli(run, user);
  const b = await signedIn(browser, run.b, user);
  expect((await b.context.request.get('/api/images')).status()).toBe(200);

  // What disabling does, written by instance A's side: the shared row, no message to B.
  const client = new pg.Client({ connectionString: run.databaseUrl });
  await client.connect();
  const { rowCount } = await client.query('UPDATE users SET disabled_at = $1 WHERE email = $2', [
    Date.now(),
    user.email,
  ]);
  await client.end();
  expect(rowCount).toBe(1);

  expect((await b.context.request.get('/api/images')).status()).toBe(401);
  await b.page.reload();
  await expect(b.page).toHaveURL(`${run.b}/sign-in`);
  await b.context.close();
});
