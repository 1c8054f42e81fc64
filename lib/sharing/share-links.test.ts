/**
 * The share-token lifecycle on the real store (both engines): create (only a hash of the token is
 * kept), visit (signed images, a counted view), expiry to the millisecond with a pinned clock,
 * revoke, password with its attempt limit, and the rules on never-expiring links and who may share.
 */
import { describe, expect, it } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';

stubAppEnv();

const { createUser } = await import('@/lib/db/users');
const { updateImage } = await import('@/lib/db/images');
const { readyRecord } = await import('@/test/helpers/ready-record');
const { getDb } = await import('@/lib/db/index');
const { createAlbumFor, addImagesFor } = await import('@/lib/albums/manage');
const { createShareLinkFor, listShareLinksFor, revokeShareLinkFor } = await import('./manage');
const { lookUpShare, openShare } = await import('./visit');
const { tryLinkPassword, isUnlocked, unlockCookieValue, ADDRESS_ATTEMPTS, DAILY_FAILURES, LINK_ATTEMPTS } =
  await import('./unlock');
const { shareCreateSchema } = await import('@/lib/schemas/shares');
const { verifySignature } = await import('@/lib/cloudflare-images/signing');

const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;
let n = 0;

async function person(role: 'viewer' | 'uploader' | 'admin') {
  const row = await createUser({ email: `${role}-${++n}@example.com`, passwordHash: null, role });
  return { id: row.id, role };
}

async function image(ownerId: string, opts: { private?: boolean } = {}) {
  n++;
  return readyRecord(ownerId, { recordId: `img-${n}`, serviceId: `svc-${n}`, title: `Photo ${n}` }, opts);
}

const tokenOf = (url: string) => url.slice('/s/'.length);

describe('share links', () => {
  it('store only a hash of a random 256-bit token, and open for anyone holding it', async () => {
    const owner = await person('uploader');
    const id = await image(owner.id);
    const link = await createShareLinkFor(owner, { target: { kind: 'image', id }, expiresInSeconds: 3600 }, T0);
    const token = tokenOf(link.url);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await (await getDb()).selectFrom('share_links').selectAll().where('id', '=', link.id).execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]?.token_hash).toHaveLength(43);

    const found = await lookUpShare(token, T0 + 1000);
    expect(found.state).toBe('live');
    if (found.state === 'unknown') throw new Error('not found');
    const content = await openShare(found.link, T0 + 1000);
    expect(content?.images.map((i) => i.id)).toEqual([id]);
    // Signed for this visit with the configured key, and no owner name or email reaches the visitor.
    const url = new URL(content?.images[0]?.urls.desktop ?? 'http://x/');
    expect(verifySignature(url.pathname, url.search.slice(1), ['signing-key'], (T0 + 1000) / 1000).ok).toBe(true);
    expect(content?.images[0]?.owner.name).toBe('');
    // One character changed (a fixed replacement would leave the token as it was 1 time in 64).
    const changed = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await lookUpShare(changed)).toEqual({ state: 'unknown' });
    expect(await lookUpShare('short')).toEqual({ state: 'unknown' });
  });

  it('sign visitors’ image URLs for minutes, never past the link’s own expiry', async () => {
    const owner = await person('uploader');
    const id = await image(owner.id, { private: false });
    const expOf = (url: string | undefined) => Number(new URL(url ?? 'http://x/').searchParams.get('exp'));
    const visit = async (link: { url: string }, at: number) => {
      const found = await lookUpShare(tokenOf(link.url), at);
      if (found.state !== 'live') throw new Error('not live');
      return Object.values((await openShare(found.link, at))?.images[0]?.urls ?? {}).map(expOf);
    };
    // Two minutes before a 1-hour link expires: its URLs end with it.
    const hour = await createShareLinkFor(owner, { target: { kind: 'image', id }, expiresInSeconds: 3600 }, T0);
    const late = await visit(hour, T0 + HOUR - 2 * 60_000);
    expect(late.length).toBeGreaterThan(0);
    for (const exp of late) expect(exp).toBe((T0 + HOUR) / 1000);
    // A link that never expires: 10 minutes, rounded up to 5 at most, whatever the gallery's lifetime.
    const forever = await createShareLinkFor(owner, { target: { kind: 'image', id }, expiresInSeconds: null }, T0);
    const now = T0 + 7 * 60_000 + 1234;
    for (const exp of await visit(forever, now)) {
      expect(exp).toBeGreaterThanOrEqual(now / 1000 + 600);
      expect(exp).toBeLessThanOrEqual(now / 1000 + 600 + 300);
    }
  });

  it('expire to the millisecond, count views, and stop at once when revoked', async () => {
    const owner = await person('uploader');
    const id = await image(owner.id);
    const link = await createShareLinkFor(owner, { target: { kind: 'image', id }, expiresInSeconds: 3600 }, T0);
    expect(link.expiresAt).toBe(new Date(T0 + HOUR).toISOString());
    const token = tokenOf(link.url);
    expect((await lookUpShare(token, T0 + HOUR - 1)).state).toBe('live');
    expect((await lookUpShare(token, T0 + HOUR)).state).toBe('expired');

    const found = await lookUpShare(token, T0);
    if (found.state === 'unknown') throw new Error('not found');
    await openShare(found.link, T0);
    await openShare(found.link, T0 + 5);
    const [listed] = await listShareLinksFor(owner, { imageId: id }, T0 + 10);
    expect(listed).toMatchObject({ id: link.id, views: 2, state: 'live', hasPassword: false });

    await revokeShareLinkFor(owner, link.id, T0 + 20);
    expect((await lookUpShare(token, T0 + 21)).state).toBe('revoked');
    expect((await listShareLinksFor(owner, {}, T0 + 21))[0]?.state).toBe('revoked');
  });

  it('check a password with the slow hash, limit attempts per link, and unlock with a signed cookie', async () => {
    const owner = await person('uploader');
    const id = await image(owner.id);
    const link = await createShareLinkFor(
      owner,
      { target: { kind: 'image', id }, expiresInSeconds: 3600, password: 'open sesame' },
      T0,
    );
    const found = await lookUpShare(tokenOf(link.url), T0);
    if (found.state === 'unknown') throw new Error('not found');
    expect(found.link.password_hash).toMatch(/^\$argon2id\$/);
    expect(await tryLinkPassword(found.link, 'open sesame', null, T0)).toEqual({ ok: true });
    for (let i = 1; i < LINK_ATTEMPTS.capacity; i++)
      expect(await tryLinkPassword(found.link, `guess ${i}`, null, T0)).toEqual({ ok: false, reason: 'wrong' });
    const limited = await tryLinkPassword(found.link, 'open sesame', null, T0);
    expect(limited).toMatchObject({ ok: false, reason: 'limited' });

    const cookie = unlockCookieValue(link.id, T0);
    expect(isUnlocked(link.id, cookie, T0 + HOUR - 1000)).toBe(true);
    expect(isUnlocked(link.id, cookie, T0 + HOUR)).toBe(false);
    expect(isUnlocked('another-link', cookie, T0)).toBe(false);
    expect(isUnlocked(link.id, `${cookie.slice(0, -2)}xx`, T0)).toBe(false);
    expect(isUnlocked(link.id, undefined, T0)).toBe(false);
  });

  it('need a password of at least 8 characters', () => {
    const req = (password: string) => ({ target: { kind: 'image', id: 'x' }, expiresInSeconds: 3600, password });
    expect(shareCreateSchema.safeParse(req('1234567')).error?.issues[0]?.message).toBe(
      'A link password needs at least 8 characters.',
    );
    expect(shareCreateSchema.safeParse(req('12345678')).success).toBe(true);
  });

  it('limit each address on its own: one address cannot use up a link for its recipients', async () => {
    const owner = await person('uploader');
    const link = await createShareLinkFor(
      owner,
      { target: { kind: 'image', id: await image(owner.id) }, expiresInSeconds: 3600, password: 'open sesame' },
      T0,
    );
    const found = await lookUpShare(tokenOf(link.url), T0);
    if (found.state === 'unknown') throw new Error('not found');
    const attacker = '203.0.113.66';
    for (let i = 0; i < ADDRESS_ATTEMPTS.capacity; i++)
      expect(await tryLinkPassword(found.link, `guess ${i}`, attacker, T0)).toEqual({ ok: false, reason: 'wrong' });
    for (let i = 0; i < 20; i++)
      expect(await tryLinkPassword(found.link, 'open sesame', attacker, T0)).toMatchObject({ reason: 'limited' });
    expect(await tryLinkPassword(found.link, 'open sesame', '198.51.100.7', T0)).toEqual({ ok: true });
  });

  it('close a link to passwords after 100 wrong ones in a day, whoever sent them', async () => {
    const owner = await person('uploader');
    const link = await createShareLinkFor(
      owner,
      {
        target: { kind: 'image', id: await image(owner.id) },
        expiresInSeconds: 30 * 24 * 3600,
        password: 'open sesame',
      },
      T0,
    );
    const found = await lookUpShare(tokenOf(link.url), T0);
    if (found.state === 'unknown') throw new Error('not found');
    // Many addresses, each under its own limit, paced so the link's short-term bucket keeps up.
    const pace = LINK_ATTEMPTS.windowMs / LINK_ATTEMPTS.capacity;
    let now = T0;
    let wrong = 0;
    for (;;) {
      const outcome = await tryLinkPassword(found.link, `guess ${wrong}`, `192.0.2.${wrong % 200}`, now);
      if (!outcome.ok && outcome.reason === 'closed') break;
      expect(outcome).toEqual({ ok: false, reason: 'wrong' });
      wrong++;
      now += pace;
      expect(wrong).toBeLessThanOrEqual(DAILY_FAILURES.capacity + 5);
    }
    expect(wrong).toBeGreaterThanOrEqual(DAILY_FAILURES.capacity);
    // Closed for everyone, the right password included, until the day's allowance refills.
    const closed = await tryLinkPassword(found.link, 'open sesame', '198.51.100.8', now);
    expect(closed).toMatchObject({ ok: false, reason: 'closed' });
    expect(await tryLinkPassword(found.link, 'open sesame', '198.51.100.8', now + DAILY_FAILURES.windowMs)).toEqual({
      ok: true,
    });
  }, 120_000); // 100 real Argon2 checks: slow on a busy machine

  it('are made only by the owner or an admin; a viewer or another uploader is refused', async () => {
    const owner = await person('uploader');
    const other = await person('uploader');
    const viewer = await person('viewer');
    const admin = await person('admin');
    const id = await image(owner.id);
    const req = { target: { kind: 'image' as const, id }, expiresInSeconds: 3600 };
    await expect(createShareLinkFor(viewer, req)).rejects.toMatchObject({ status: 403 });
    await expect(createShareLinkFor(other, req)).rejects.toMatchObject({ status: 403 });
    const byAdmin = await createShareLinkFor(admin, req);
    await expect(revokeShareLinkFor(other, byAdmin.id)).rejects.toMatchObject({ status: 403 });
    // The owner may revoke an admin's link to their image.
    await revokeShareLinkFor(owner, byAdmin.id);
    expect((await listShareLinksFor(admin, { imageId: id }))[0]?.state).toBe('revoked');
  });

  it('never expire only for public images, and hide an image that turns private later', async () => {
    const owner = await person('uploader');
    const priv = await image(owner.id);
    const pub = await image(owner.id, { private: false });
    await expect(
      createShareLinkFor(owner, { target: { kind: 'image', id: priv }, expiresInSeconds: null }),
    ).rejects.toMatchObject({ status: 422, code: 'private_forever' });

    const album = await createAlbumFor(owner, 'Trip');
    await addImagesFor(owner, album.id, [pub]);
    const link = await createShareLinkFor(owner, { target: { kind: 'album', id: album.id }, expiresInSeconds: null });
    expect(link.expiresAt).toBeNull();
    await addImagesFor(owner, album.id, [priv]);
    const found = await lookUpShare(tokenOf(link.url), T0 + 365 * 24 * HOUR);
    if (found.state !== 'live') throw new Error('not live');
    expect((await openShare(found.link))?.images.map((i) => i.id)).toEqual([pub]);

    await updateImage(pub, { private: true });
    expect((await openShare(found.link))?.images).toEqual([]);
    const single = await createShareLinkFor(owner, { target: { kind: 'image', id: priv }, expiresInSeconds: 3600 });
    await updateImage(priv, { private: false });
    const forever = await createShareLinkFor(owner, { target: { kind: 'image', id: priv }, expiresInSeconds: null });
    await updateImage(priv, { private: true });
    const f = await lookUpShare(tokenOf(forever.url));
    const s = await lookUpShare(tokenOf(single.url));
    if (f.state !== 'live' || s.state !== 'live') throw new Error('not live');
    expect(await openShare(f.link)).toBeNull();
    expect((await openShare(s.link))?.images).toHaveLength(1);
  });
});
