/**
 * Every page of the authorization table (test/authorization/table.ts), requested from the real
 * server as each persona without following redirects: the status must be the table's, and a refusal
 * a real redirect or error status, never a 200 page that redirects with a meta refresh.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { redirectTarget } from '../test/authorization/next-interrupts';
import { routeOf, withId } from '../test/authorization/paths';
import { PAGES, PERSONAS, type Persona } from '../test/authorization/table';
import { E2E } from './fixtures/env';
import { photo, uploadByApi } from './fixtures/images';

const OTHER_UPLOADER = { email: 'other-uploader@example.com', password: 'other-uploader-pw-1' };
const otherUploaderState = path.join(E2E.dataDir, 'e2e-auth', 'other-uploader.json');

const users = (...args: string[]) =>
  execFileSync('npm', ['run', '--silent', 'users', '--', ...args], {
    env: { ...process.env, ...E2E.serverEnv },
    stdio: 'pipe',
  });

const stateOf: Record<Persona, string | undefined> = {
  anonymous: undefined,
  viewer: E2E.storage('viewer'),
  uploader: E2E.storage('uploader'),
  otherUploader: otherUploaderState,
  admin: E2E.storage('admin'),
};

let imageId = '';

test.beforeAll(async ({ browser, playwright }) => {
  // An uploader who does not own the target image, signed in the way people do.
  users('add', OTHER_UPLOADER.email, '--password', OTHER_UPLOADER.password, '--role', 'uploader');
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(OTHER_UPLOADER.email);
  await page.getByLabel('Password').fill(OTHER_UPLOADER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/$/);
  await context.storageState({ path: otherUploaderState });
  await context.close();

  const owner = await playwright.request.newContext({ baseURL: E2E.appUrl, storageState: E2E.storage('uploader') });
  imageId = (await uploadByApi(owner, 'authorization-target.jpg', await photo(320, 240))).id;
  await owner.dispose();
});

test.afterAll(async ({ playwright }) => {
  const owner = await playwright.request.newContext({ baseURL: E2E.appUrl, storageState: E2E.storage('uploader') });
  if (imageId) expect((await owner.delete(`/api/images/${imageId}`)).status()).toBe(204);
  await owner.dispose();
  users('remove', OTHER_UPLOADER.email);
});

/** What the server answers for `pagePath`: the status, or where a redirect points. */
async function answer(request: APIRequestContext, pagePath: string): Promise<number | string> {
  const res = await request.get(pagePath, { maxRedirects: 0 });
  const status = res.status();
  if (status >= 300 && status < 400) return `redirect:${redirectTarget(res.headers().location ?? '', E2E.appUrl)}`;
  return status;
}

for (const row of PAGES) {
  const route = row.path ?? routeOf(row.file);
  test(`page ${route} answers each persona as the table says`, async ({ playwright }) => {
    const answers = {} as Record<Persona, number | string>;
    for (const persona of PERSONAS) {
      const request = await playwright.request.newContext({ baseURL: E2E.appUrl, storageState: stateOf[persona] });
      answers[persona] = await answer(request, withId(route, imageId));
      await request.dispose();
    }
    expect(answers).toEqual(row.expect);
  });
}
