/** Browser and database steps the two-instance tests share. */
import { type APIRequestContext, type Browser, expect } from '@playwright/test';
import pg from 'pg';
import type { TestUser } from './run';

/** A browser context on `base` with `user` signed in through the sign-in form. */
export async function signedIn(browser: Browser, base: string, user: TestUser) {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${base}/`);
  return { context, page };
}

export const tile = (id: string) => `[data-testid="gallery-tile"][data-image-id="${id}"]`;

/** One wrong-password sign-in through Auth.js's endpoint, from `address` (as a proxy names it): the outcome's code. */
export async function wrongPassword(request: APIRequestContext, user: TestUser, address: string): Promise<string> {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email: user.email, password: 'wrong-password-123' },
    headers: { 'x-forwarded-for': address },
    maxRedirects: 0,
  });
  const location = response.headers().location;
  return location ? (new URL(location).searchParams.get('code') ?? location) : `HTTP ${response.status()}`;
}

export async function withDatabase<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The limiter's record of failures for one account from one address, as the shared store holds it. */
export const pairKey = (user: TestUser, address: string) => `pair:${user.email}|${address}`;

export async function countedFailures(databaseUrl: string, user: TestUser, address: string): Promise<number> {
  const { rows } = await withDatabase(databaseUrl, (client) =>
    client.query<{ failures: number }>('SELECT failures FROM sign_in_limits WHERE key = $1', [pairKey(user, address)]),
  );
  return rows[0]?.failures ?? 0;
}
