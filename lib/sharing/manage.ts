/**
 * Creating, listing and revoking share links. A link to an image is made by the image's owner or an
 * admin, a link to an album by the album's owner or an admin (albums hold only images their owner
 * may manage, see lib/albums/manage.ts). A link that never expires is allowed only while every
 * image it shares is public; should one turn private later, the link stops showing it (lib/sharing/visit.ts).
 */

import { loadManagedAlbum } from '@/lib/albums/access';
import { ApiError, forbidden, notFound } from '@/lib/api/errors';
import { hashPassword } from '@/lib/auth/password';
import { type Actor, canManageImage } from '@/lib/auth/roles';
import { albumImages } from '@/lib/db/albums';
import { audit } from '@/lib/db/audit';
import { getImage } from '@/lib/db/images';
import { findShareLink, insertShareLink, listShareLinks, revokeShareLink } from '@/lib/db/share-links';
import { loadManagedImage } from '@/lib/images/read';
import type { CreatedShareLink, ShareCreateRequest, ShareLinkView } from '@/lib/schemas/shares';
import { hashShareToken, newShareToken, sharePath } from './token';
import { toShareLinkView } from './views';

/** The target's title, after checking the actor may share it and that a never-expiring link fits it. */
async function checkTarget(actor: Actor, req: ShareCreateRequest): Promise<string> {
  const forever = req.expiresInSeconds === null;
  if (req.target.kind === 'image') {
    const image = await loadManagedImage(actor, req.target.id);
    if (image.status !== 'ready') throw notFound();
    if (forever && image.private === 1)
      throw new ApiError(
        422,
        'private_forever',
        'A private image can be shared only with an expiry (at most 30 days).',
      );
    return image.title;
  }
  const album = await loadManagedAlbum(actor, req.target.id);
  if (forever && (await albumImages(album.id)).some((img) => img.private === 1))
    throw new ApiError(
      422,
      'private_forever',
      'This album holds private images: share it with an expiry (at most 30 days), or make them public first.',
    );
  return album.title;
}

export async function createShareLinkFor(
  actor: Actor,
  req: ShareCreateRequest,
  nowMs = Date.now(),
): Promise<CreatedShareLink> {
  const title = await checkTarget(actor, req);
  const token = newShareToken();
  const row = await insertShareLink(
    {
      tokenHash: hashShareToken(token),
      target: req.target,
      createdBy: actor.id,
      expiresAt: req.expiresInSeconds === null ? null : nowMs + req.expiresInSeconds * 1000,
      passwordHash: req.password ? await hashPassword(req.password) : null,
    },
    undefined,
    nowMs,
  );
  await audit(actor.id, 'share.created', row.id, {
    [req.target.kind]: req.target.id,
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at).toISOString(),
    password: row.password_hash !== null,
  });
  const view = toShareLinkView({ ...row, creator_email: '', creator_name: null, target_title: title }, actor, nowMs);
  return { ...view, creator: { id: actor.id, name: 'you' }, url: sharePath(token) };
}

/**
 * Links for one image or album (whoever made them: for the target's managers), or, without a
 * target, the actor's own links; admins see every link.
 */
export async function listShareLinksFor(
  actor: Actor,
  q: { imageId?: string; albumId?: string },
  nowMs = Date.now(),
): Promise<ShareLinkView[]> {
  if (q.imageId !== undefined) await loadManagedImage(actor, q.imageId);
  if (q.albumId !== undefined) await loadManagedAlbum(actor, q.albumId);
  const byTarget = q.imageId !== undefined || q.albumId !== undefined;
  const createdBy = actor.role === 'admin' || byTarget ? undefined : actor.id;
  const rows = await listShareLinks({ ...q, createdBy });
  return rows.map((row) => toShareLinkView(row, actor, nowMs));
}

/** Whether the actor may revoke: its creator, an admin, or whoever may manage what it shares. */
async function mayRevoke(actor: Actor, link: { created_by: string; image_id: string | null; album_id: string | null }) {
  if (actor.role === 'admin' || link.created_by === actor.id) return true;
  if (link.image_id) {
    const image = await getImage(link.image_id);
    return image ? canManageImage(actor, { ownerId: image.owner_id }) : false;
  }
  if (link.album_id)
    return loadManagedAlbum(actor, link.album_id).then(
      () => true,
      () => false,
    );
  return false;
}

/** Revokes at once: the next visit of the link answers 410. Revoking twice is a no-op, not an error. */
export async function revokeShareLinkFor(actor: Actor, id: string, nowMs = Date.now()): Promise<void> {
  const link = await findShareLink(id);
  if (!link) throw notFound('Share link');
  if (!(await mayRevoke(actor, link))) throw forbidden('Only the link’s creator, the owner or an admin can revoke it.');
  if (await revokeShareLink(id, undefined, nowMs)) await audit(actor.id, 'share.revoked', id, {});
}
