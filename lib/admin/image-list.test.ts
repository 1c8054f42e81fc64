/** The console's image page: rows as shown, pages clamped, and deliveries shown and sorted when the backend counts them. */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';

vi.mock('server-only', () => ({}));
vi.mock('@/lib/auth/session', () => import('@/test/helpers/session'));
// The delivery counts come from the image backend (H13's usage source); here the test decides them.
const counts = vi.hoisted(() => ({ value: null as Map<string, number> | null }));
vi.mock('./usage-source', () => ({ deliveriesByImage: async () => counts.value }));
// No image backend here: sign with the configured key instead of asking the backend for its newest.
vi.mock('@/lib/images/signing-keys', () => ({
  signingKey: async () => 'signing-key',
  cachedSigningKey: () => 'signing-key',
}));
stubAppEnv();

const { createUser } = await import('@/lib/db/users');
const { insertPendingImage, markReady, setServiceId } = await import('@/lib/db/images');
const { verifySignature } = await import('@/lib/cloudflare-images/signing');
const { getDb } = await import('@/lib/db/index');
const { adminImagePage } = await import('./image-list');
const { parseAdminImageQuery } = await import('@/lib/schemas/admin-images');

let admin: { id: string; role: 'admin' };

beforeAll(async () => {
  admin = { id: (await createUser({ email: 'a@example.com', passwordHash: null, role: 'admin' })).id, role: 'admin' };
  const owner = (await createUser({ email: 'o@example.com', passwordHash: null, role: 'uploader', name: 'Olga' })).id;
  for (const [i, title] of ['one', 'two', 'three'].entries()) {
    await insertPendingImage({ recordId: `r${i}`, ownerId: owner, title, filename: `${title}.jpg` });
    await setServiceId(`r${i}`, `s${i}`);
    await markReady(`r${i}`, {
      width: 40,
      height: 30,
      bytes: 100 * (i + 1),
      contentType: 'image/jpeg',
      placeholder: null,
      filename: null,
    });
  }
  await insertPendingImage({ recordId: 'pending', ownerId: owner, title: 'pending', filename: 'p.jpg' });
  // Known upload times (oldest r0, newest the pending upload), so every order below is exact.
  const db = await getDb();
  for (const [i, id] of ['r0', 'r1', 'r2', 'pending'].entries())
    await db
      .updateTable('images')
      .set({ created_at: 1_000 * (i + 1) })
      .where('id', '=', id)
      .execute();
});
beforeEach(() => {
  counts.value = null;
});

const query = (params: Record<string, string>) => parseAdminImageQuery({ size: '25', ...params });

describe('admin image page', () => {
  it('shows owner, size, visibility and a signed thumbnail for finished images only', async () => {
    const page = await adminImagePage(admin, query({ sort: 'size' }));
    expect(page).toMatchObject({ total: 4, page: 1, pageSize: 25, sort: 'size', deliveriesAvailable: false });
    const [largest] = page.rows;
    expect(largest).toMatchObject({
      id: 'r2',
      title: 'three',
      owner: { name: 'Olga', email: 'o@example.com' },
      bytes: 300,
      width: 40,
      height: 30,
      private: true,
      status: 'ready',
      deliveries: null,
    });
    const url = new URL(largest?.thumbnailUrl ?? '');
    expect(url.pathname).toMatch(/\/s2\/thumbnail$/);
    expect(
      verifySignature(url.pathname, url.search.slice(1), ['signing-key'], Math.floor(Date.now() / 1000)),
    ).toMatchObject({
      ok: true,
    });
    expect(page.rows.find((r) => r.id === 'pending')).toMatchObject({ status: 'pending', thumbnailUrl: null });
  });

  it('shows the last page for a page past the end', async () => {
    const page = await adminImagePage(admin, { ...query({}), size: 25, page: 9 });
    expect(page.page).toBe(1);
    expect(page.rows).toHaveLength(4);
  });

  it('falls back to date order when the backend cannot count deliveries', async () => {
    const page = await adminImagePage(admin, query({ sort: 'deliveries' }));
    expect(page.sort).toBe('date');
    expect(page.deliveriesAvailable).toBe(false);
    expect(page.rows.every((r) => r.deliveries === null)).toBe(true);
  });

  it('shows and sorts by deliveries when the backend counts them (uncounted images are 0)', async () => {
    counts.value = new Map([
      ['s0', 7],
      ['s2', 40],
    ]);
    const desc = await adminImagePage(admin, query({ sort: 'deliveries' }));
    expect(desc.sort).toBe('deliveries');
    expect(desc.rows.map((r) => [r.id, r.deliveries])).toEqual([
      ['r2', 40],
      ['r0', 7],
      ['pending', null],
      ['r1', 0],
    ]);
    const asc = await adminImagePage(admin, { ...query({ sort: 'deliveries', dir: 'asc' }), size: 25 });
    expect(asc.rows.map((r) => r.id)).toEqual(['pending', 'r1', 'r0', 'r2']);
    const byDate = await adminImagePage(admin, query({}));
    expect(byDate.rows.find((r) => r.id === 'r1')?.deliveries).toBe(0);
  });

  it('refuses anyone but an admin', async () => {
    await expect(adminImagePage({ id: 'x', role: 'uploader' }, query({}))).rejects.toMatchObject({ status: 403 });
  });
});
