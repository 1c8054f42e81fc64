/** A share link row as the lists show it (never its token or password hash). */

import type { Actor } from '@/lib/auth/roles';
import { type ShareLinkListing, shareLinkState } from '@/lib/db/share-links';
import { displayName } from '@/lib/people/display-name';
import type { ShareLinkView } from '@/lib/schemas/shares';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The creator is named as everywhere else (`displayName`): viewers of the list do not learn addresses. */
export function toShareLinkView(row: ShareLinkListing, viewer: Actor, nowMs = Date.now()): ShareLinkView {
  return {
    id: row.id,
    target: row.image_id
      ? { kind: 'image', id: row.image_id, title: row.target_title }
      : { kind: 'album', id: row.album_id ?? '', title: row.target_title },
    creator: {
      id: row.created_by,
      name: displayName({ id: row.created_by, name: row.creator_name, email: row.creator_email }, viewer),
    },
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: iso(row.expires_at),
    revokedAt: iso(row.revoked_at),
    hasPassword: row.password_hash !== null,
    views: row.view_count,
    lastViewedAt: iso(row.last_viewed_at),
    state: shareLinkState(row, nowMs),
  };
}
