/**
 * A visit to `/s/<token>`, signed in or not: what the link is worth now, and the images it shows,
 * signed afresh for this visit with a short lifetime of their own (the gallery's may be set to days)
 * and never past the link's expiry, so they stop working soon after a revoke and when the link
 * expires. What a link shows is decided at every visit: the images its creator may still manage (an
 * admin's link: any), ready, and — for a link that never expires — public only; a single-image link
 * whose image no longer qualifies is "no longer available".
 */

import { signedGalleryImages } from '@/lib/albums/read';
import { type Actor, canManageImage } from '@/lib/auth/roles';
import { albumImages, findAlbum } from '@/lib/db/albums';
import { getImage, type ImageWithOwner } from '@/lib/db/images';
import {
  countShareLinkView,
  findShareLinkByTokenHash,
  type ShareLinkRow,
  type ShareLinkState,
  shareLinkState,
} from '@/lib/db/share-links';
import { findActiveUserById } from '@/lib/db/users';
import { signingKey } from '@/lib/images/signing-keys';
import { galleryUrlLifetime, type UrlLifetime } from '@/lib/images/urls';
import type { SharedContent } from '@/lib/schemas/shares';
import type { ShareRefusal } from './messages';
import { hashShareToken, isShareTokenShape } from './token';
import { isUnlocked, unlockCookieName } from './unlock';

export type ShareLookup = { state: 'unknown' } | { state: ShareLinkState; link: ShareLinkRow };

export async function lookUpShare(token: string, nowMs = Date.now()): Promise<ShareLookup> {
  const link = isShareTokenShape(token) ? await findShareLinkByTokenHash(hashShareToken(token)) : undefined;
  return link ? { state: shareLinkState(link, nowMs), link } : { state: 'unknown' };
}

/**
 * Share visitors' image URLs: valid at least 10 minutes, rounded up to 5 (≤ 15 min), never longer than
 * the gallery's own and never past the link's expiry.
 */
export const SHARE_URL_LIFETIME = { ttlSeconds: 600, bucketSeconds: 300 } as const;

function shareUrlLifetime(link: ShareLinkRow): UrlLifetime {
  const gallery = galleryUrlLifetime();
  return {
    ttlSeconds: Math.min(SHARE_URL_LIFETIME.ttlSeconds, gallery.ttlSeconds),
    bucketSeconds: Math.min(SHARE_URL_LIFETIME.bucketSeconds, gallery.bucketSeconds),
    notAfter: link.expires_at === null ? null : Math.floor(link.expires_at / 1000),
  };
}

/** Visitors of a share page see no owner names or emails: the link is for people outside the team. */
const ANONYMOUS: Actor = { id: '', role: 'viewer' };

function shareable(link: ShareLinkRow, creator: Actor | null, image: ImageWithOwner): boolean {
  if (!creator || image.status !== 'ready' || image.trashed_at !== null) return false;
  if (link.expires_at === null && image.private === 1) return false;
  return canManageImage(creator, { ownerId: image.owner_id });
}

async function sharedRows(link: ShareLinkRow): Promise<{ title: string; rows: ImageWithOwner[] } | null> {
  const creatorRow = await findActiveUserById(link.created_by);
  const creator = creatorRow ? { id: creatorRow.id, role: creatorRow.role } : null;
  if (link.image_id) {
    const image = await getImage(link.image_id);
    return image && shareable(link, creator, image) ? { title: image.title, rows: [image] } : null;
  }
  const album = link.album_id ? await findAlbum(link.album_id) : undefined;
  if (!album || !creator) return null;
  const rows = (await albumImages(album.id)).filter((img) => shareable(link, creator, img));
  return { title: album.title, rows };
}

/**
 * The content of a live link; null when nothing it pointed to may be shown any more. A page visit
 * counts one view; the open page's refresh of its short-lived URLs (`countView: false`) does not. The
 * caller has checked the link's state and password.
 */
export async function openShare(
  link: ShareLinkRow,
  nowMs = Date.now(),
  { countView = true }: { countView?: boolean } = {},
): Promise<SharedContent | null> {
  const shared = await sharedRows(link);
  if (!shared) return null;
  const key = await signingKey(nowMs);
  const { images, urlsExpireAt } = signedGalleryImages(shared.rows, ANONYMOUS, nowMs, key, shareUrlLifetime(link));
  if (countView) await countShareLinkView(link.id, undefined, nowMs);
  return {
    kind: link.image_id ? 'image' : 'album',
    title: shared.title,
    images: images.map((img) => ({ ...img, mine: false, owner: { id: '', name: '' } })),
    urlsExpireAt,
  };
}

export type ShareVisit =
  | { state: 'unknown' }
  | { state: ShareRefusal }
  | { state: 'locked' }
  | { state: 'open'; link: ShareLinkRow; content: SharedContent };

/**
 * A visit to a token, as the share page and its URL refresh both make it: unknown, refused (revoked,
 * expired, nothing left to show), locked (a password and no unlock cookie), or open with its content.
 * `cookie` reads one of the visitor's cookies (only for a password-protected link); `countView: false` for the open page's refresh.
 */
export async function visitShare(
  token: string,
  cookie: (name: string) => Promise<string | undefined>,
  opts: { countView?: boolean } = {},
): Promise<ShareVisit> {
  const found = await lookUpShare(token);
  if (found.state === 'unknown') return found;
  if (found.state !== 'live') return { state: found.state };
  const { link } = found;
  if (link.password_hash !== null && !isUnlocked(link.id, await cookie(unlockCookieName(link.id))))
    return { state: 'locked' };
  const content = await openShare(link, Date.now(), opts);
  return content ? { state: 'open', link, content } : { state: 'unavailable' };
}
