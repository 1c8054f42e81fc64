/**
 * Two app instances (A and B) on one PostgreSQL database and one embedded image service: whatever one
 * instance writes, the other sees at its next request. Each test has its own users; each instance is
 * visited in a browser context of its own, since cookies do not tell ports apart.
 */
import { expect, test } from '@playwright/test';
import { expectImagesLoaded, photo, uploadByApi } from '../fixtures/images';
import { countedFailures, pairKey, signedIn, tile, withDatabase, wrongPassword } from './helpers';
import { addUserWithCli, multiRun, newUser, skipReason } from './run';

test.skip(skipReason() !== undefined, skipReason());

test('a user added through instance A signs in on instance B', async ({ browser }) => {
  const run = multiRun();
  const admin = newUser('admin', 'admin');
  await addUserWithCli(run, admin);
  const a = await signedIn(browser, run.a, admin);
  const added = newUser('uploader', 'added-on-a');
  await a.page.goto('/admin/users');
  const form = a.page.getByRole('form', { name: 'Add a user with a password' });
  await form.getByLabel('Email', { exact: true }).fill(added.email);
  await form.getByLabel('Name (optional)', { exact: true }).fill(added.name);
  await form.getByLabel('Initial password', { exact: true }).fill(added.password);
  await form.getByLabel('Role', { exact: true }).selectOption('uploader');
  await form.getByRole('button', { name: 'Add user' }).click();
  await expect(a.page.getByRole('row').filter({ hasText: added.email })).toHaveCount(1);

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
  // Delete moves the image to the trash: gone from every instance and its URLs at once.
  await b.page.getByRole('button', { name: 'Move to trash' }).click();
  await expect(b.page).toHaveURL(`${run.b}/`);

  expect((await a.context.request.get(`/api/images/${id}`)).status()).toBe(404);
  await a.page.goto('/');
  await expect(a.page.locator(tile(keeper.id))).toBeVisible();
  await expect(a.page.locator(tile(id))).toHaveCount(0);
  expect((await a.context.request.get(signed)).status()).toBe(404);
  await Promise.all([a.context.close(), b.context.close()]);
});

/*
 * Failures wait from one second upwards, so whether a sixth guess falls inside the first wait depends
 * on how busy the machine is. The two halves are checked apart, each without timing: failures made on
 * either instance land in one record (five alternating guesses count five, as on one instance), and
 * a record that imposes a wait is enforced by both.
 */
test('the sign-in limit counts attempts made on both instances together', async ({ playwright }) => {
  const run = multiRun();
  const [alone, shared] = [newUser('viewer', 'limited-one'), newUser('viewer', 'limited-both')];
  await Promise.all([addUserWithCli(run, alone), addUserWithCli(run, shared)]);
  const a = await playwright.request.newContext({ baseURL: run.a });
  const b = await playwright.request.newContext({ baseURL: run.b });
  const address = '198.51.100.7';

  // The five free failures all on A, and alternating A, B, A, B, A: five counted either way.
  for (let i = 0; i < 5; i++) expect(await wrongPassword(a, alone, address)).toBe('credentials');
  for (let i = 0; i < 5; i++) expect(await wrongPassword(i % 2 === 0 ? a : b, shared, address)).toBe('credentials');
  expect(await countedFailures(run.databaseUrl, alone, address)).toBe(5);
  expect(await countedFailures(run.databaseUrl, shared, address)).toBe(5);

  // Twelve failures, the last one now: a wait of two minutes, which both instances impose.
  await withDatabase(run.databaseUrl, (client) =>
    client.query('UPDATE sign_in_limits SET failures = 12, last_failure_at = $1 WHERE key = $2', [
      Date.now(),
      pairKey(shared, address),
    ]),
  );
  expect(await wrongPassword(a, shared, address)).toBe('rate_limited');
  expect(await wrongPassword(b, shared, address)).toBe('rate_limited');
  // A refused attempt is not heard, so it is no failure either.
  expect(await countedFailures(run.databaseUrl, shared, address)).toBe(12);
  await Promise.all([a.dispose(), b.dispose()]);
});

test('a user disabled in the shared store loses their session on B at the next request', async ({ browser }) => {
  const run = multiRun();
  const user = newUser('uploader', 'disabled');
  await addUserWithCli(run, user);
  const b = await signedIn(browser, run.b, user);
  expect((await b.context.request.get('/api/images')).status()).toBe(200);

  // What disabling does, written by instance A's side: the shared row, no message to B.
  const { rowCount } = await withDatabase(run.databaseUrl, (client) =>
    client.query('UPDATE users SET disabled_at = $1 WHERE email = $2', [Date.now(), user.email]),
  );
  expect(rowCount).toBe(1);

  expect((await b.context.request.get('/api/images')).status()).toBe(401);
  await b.page.reload();
  await expect(b.page).toHaveURL(`${run.b}/sign-in`);
  await b.context.close();
});
