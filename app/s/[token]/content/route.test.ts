/**
 * GET /s/{token}/content on either engine: an open share page's images signed afresh, for anyone
 * holding the token (and the unlock cookie of a password-protected link), without counting a view;
 * 410 once the link is revoked, 404 for an unknown token.
 */
import { describe, expect, it, vi } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';

vi.mock('next/headers', () => import('@/test/helpers/next-headers'));
stubAppEnv();

const { setRequestHeaders } = await import('@/test/helpers/next-headers');
const { createUser } = await import('@/lib/db/users');
const { readyRecord } = await import('@/test/helpers/ready-record');
const { findShareLinkByTokenHash } = await import('@/lib/db/share-links');
const { createShareLinkFor, revokeShareLinkFor } = await import('@/lib/sharing/manage');
const { hashShareToken } = await import('@/lib/sharing/token');
const { unlockCookieName, unlockCookieValue } = await import('@/lib/sharing/unlock');
const { GET } = await import('./route');

let n = 0;
async function ownerWithImage() {
  const row = await createUser({ email: `sharer-${++n}@example.com`, passwordHash: null, role: 'uploader' });
  const recordId = await readyRecord(row.id, {
    recordId: `content-img-${n}`,
    serviceId: `content-svc-${n}`,
    title: `Shared ${n}`,
  });
  return { owner: { id: row.id, role: 'uploader' as const }, recordId };
}

const get = (token: string) =>
  GET(new Request(`http://app.example/s/${token}/content`), { params: Promise.resolve({ token }) });
const views = async (token: string) => (await findShareLinkByTokenHash(hashShareToken(token)))?.view_count;

describe('GET /s/{token}/content', () => {
  it('signs the images afresh for the token holder without counting a view; 410 after a revoke', async () => {
    setRequestHeaders({});
    const { owner, recordId } = await ownerWithImage();
    const link = await createShareLinkFor(owner, { target: { kind: 'image', id: recordId }, expiresInSeconds: 3600 });
    const token = link.url.slice('/s/'.length);

    const res = await get(token);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const body = await res.json();
    expect(body.images.map((i: { id: string }) => i.id)).toEqual([recordId]);
    expect(body.images[0].urls.thumbnail).toContain('content-svc');
    expect(body.urlsExpireAt).toBeGreaterThan(Date.now() / 1000);
    expect(body.urlsExpireAt).toBeLessThanOrEqual(Date.now() / 1000 + 900);
    expect(JSON.stringify(body)).not.toContain('@example.com');
    expect(await views(token)).toBe(0);

    await revokeShareLinkFor(owner, link.id);
    const gone = await get(token);
    expect(gone.status).toBe(410);
    expect((await gone.json()).error.code).toBe('revoked');
  });

  it('asks for the password (401) until the unlock cookie is there; an unknown token is a 404', async () => {
    const { owner, recordId } = await ownerWithImage();
    const link = await createShareLinkFor(owner, {
      target: { kind: 'image', id: recordId },
      expiresInSeconds: 3600,
      password: 'long-enough-secret',
    });
    const token = link.url.slice('/s/'.length);
    setRequestHeaders({});
    const locked = await get(token);
    expect(locked.status).toBe(401);
    expect((await locked.json()).error.code).toBe('locked');

    setRequestHeaders({ cookie: `${unlockCookieName(link.id)}=${unlockCookieValue(link.id)}` });
    expect((await get(token)).status).toBe(200);

    expect((await get('A'.repeat(43))).status).toBe(404);
  });
});
