/** The proxy's answer to a revoked or expired share link: 410 and a plain page saying which. */
import { describe, expect, it } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';

stubAppEnv();

const { createUser } = await import('@/lib/db/users');
const { insertPendingImage, markReady, setServiceId } = await import('@/lib/db/images');
const { getDb } = await import('@/lib/db/index');
const { createShareLinkFor, revokeShareLinkFor } = await import('./manage');
const { shareGoneResponse } = await import('./gone-response');

async function liveLink() {
  const owner = await createUser({ email: `o-${Math.random()}@example.com`, passwordHash: null, role: 'uploader' });
  const actor = { id: owner.id, role: owner.role };
  await insertPendingImage({ recordId: `r-${owner.id}`, ownerId: owner.id, title: 't', filename: 't.jpg' });
  await setServiceId(`r-${owner.id}`, `s-${owner.id}`);
  await markReady(`r-${owner.id}`, {
    width: 1,
    height: 1,
    bytes: 1,
    contentType: 'image/jpeg',
    placeholder: null,
    filename: null,
  });
  const link = await createShareLinkFor(actor, {
    target: { kind: 'image', id: `r-${owner.id}` },
    expiresInSeconds: 3600,
  });
  return { actor, link };
}

describe('shareGoneResponse', () => {
  it('lets live and unknown links through to the page, and only GET /s/<token>', async () => {
    const { link } = await liveLink();
    expect(await shareGoneResponse('GET', link.url, 'csp')).toBeNull();
    expect(await shareGoneResponse('GET', `/s/${'A'.repeat(43)}`, 'csp')).toBeNull();
    expect(await shareGoneResponse('GET', '/albums', 'csp')).toBeNull();
  });

  it('answers a revoked link with 410 and "This link was revoked", an expired one with "has expired"', async () => {
    const { actor, link } = await liveLink();
    await revokeShareLinkFor(actor, link.id);
    const revoked = await shareGoneResponse('GET', link.url, "default-src 'self'");
    expect(revoked?.status).toBe(410);
    expect(revoked?.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(revoked?.headers.get('cache-control')).toBe('no-store');
    expect(await revoked?.text()).toContain('<h1>This link was revoked</h1>');
    expect(await shareGoneResponse('POST', link.url, 'csp')).toBeNull();

    const other = await liveLink();
    await (await getDb())
      .updateTable('share_links')
      .set({ expires_at: Date.now() - 1 })
      .where('id', '=', other.link.id)
      .execute();
    const expired = await shareGoneResponse('HEAD', `${other.link.url}/`, 'csp');
    expect(expired?.status).toBe(410);
    expect(await expired?.text()).toContain('This link has expired');
  });
});
