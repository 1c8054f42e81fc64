/** A share link row as the lists show it (never its token or password hash). */
import { type ShareLinkListing, shareLinkState } from '@/lib/db/share-links';
import type { ShareLinkView } from '@/lib/schemas/shares';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toShareLinkView(row: ShareLinkListing, nowMs = Date.now()): ShareLinkView {
  return {
    id: row.id,
    target: row.image_id
      ? { kind: 'image', id: row.image_id, title: row.target_title }
      : { kind: 'album', id: row.album_id ?? '', title: row.target_title },
    creator: { id: row.created_by, name: row.creator_name ?? row.creator_email },
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: iso(row.expires_at),
    revokedAt: iso(row.revoked_at),
    hasPassword: row.password_hash !== null,
    views: row.view_count,
    lastViewedAt: iso(row.last_viewed_at),
    state: shareLinkState(row, nowMs),
  };
}
