/**
 * Share links in the store. A row is found by a hash of its token (the token is only in the link);
 * a link is live until it is revoked or its expiry passes. Who may create, list or revoke links is
 * decided in lib/sharing/, not here.
 */
import { randomUUID } from 'node:crypto';
import { type AppDb, resolveDb } from './index';
import type { ShareLinkRow } from './schema';

export type { ShareLinkRow };

export type ShareLinkState = 'live' | 'revoked' | 'expired';

export function shareLinkState(
  link: Pick<ShareLinkRow, 'revoked_at' | 'expires_at'>,
  now = Date.now(),
): ShareLinkState {
  if (link.revoked_at !== null) return 'revoked';
  return link.expires_at !== null && link.expires_at <= now ? 'expired' : 'live';
}

export interface NewShareLink {
  tokenHash: string;
  target: { kind: 'image' | 'album'; id: string };
  createdBy: string;
  expiresAt: number | null;
  passwordHash: string | null;
}

export async function insertShareLink(input: NewShareLink, db?: AppDb, now = Date.now()): Promise<ShareLinkRow> {
  const row: ShareLinkRow = {
    id: randomUUID(),
    token_hash: input.tokenHash,
    image_id: input.target.kind === 'image' ? input.target.id : null,
    album_id: input.target.kind === 'album' ? input.target.id : null,
    created_by: input.createdBy,
    created_at: now,
    expires_at: input.expiresAt,
    password_hash: input.passwordHash,
    revoked_at: null,
    view_count: 0,
    last_viewed_at: null,
  };
  await (await resolveDb(db)).insertInto('share_links').values(row).execute();
  return row;
}

export async function findShareLinkByTokenHash(tokenHash: string, db?: AppDb): Promise<ShareLinkRow | undefined> {
  return (await resolveDb(db))
    .selectFrom('share_links')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function findShareLink(id: string, db?: AppDb): Promise<ShareLinkRow | undefined> {
  return (await resolveDb(db)).selectFrom('share_links').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface ShareLinkListing extends ShareLinkRow {
  creator_email: string;
  creator_name: string | null;
  /** The image's or album's title. */
  target_title: string;
}

/** Links, newest first: all of them, or those `createdBy` made, optionally for one image or album. */
export async function listShareLinks(
  filter: { createdBy?: string; imageId?: string; albumId?: string },
  db?: AppDb,
): Promise<ShareLinkListing[]> {
  let query = (await resolveDb(db))
    .selectFrom('share_links')
    .innerJoin('users', 'users.id', 'share_links.created_by')
    .leftJoin('images', 'images.id', 'share_links.image_id')
    .leftJoin('albums', 'albums.id', 'share_links.album_id')
    .selectAll('share_links')
    .select((eb) => [
      'users.email as creator_email',
      'users.name as creator_name',
      eb.fn.coalesce('images.title', 'albums.title', eb.val('')).as('target_title'),
    ]);
  if (filter.createdBy !== undefined) query = query.where('share_links.created_by', '=', filter.createdBy);
  if (filter.imageId !== undefined) query = query.where('share_links.image_id', '=', filter.imageId);
  if (filter.albumId !== undefined) query = query.where('share_links.album_id', '=', filter.albumId);
  return query.orderBy('share_links.created_at', 'desc').orderBy('share_links.id', 'desc').limit(500).execute();
}

/** Revokes a link that is not revoked yet; false when there is none such. An expired link can still be revoked. */
export async function revokeShareLink(id: string, db?: AppDb, now = Date.now()): Promise<boolean> {
  const result = await (await resolveDb(db))
    .updateTable('share_links')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Counts one view (in one statement, so parallel views all count). */
export async function countShareLinkView(id: string, db?: AppDb, now = Date.now()): Promise<void> {
  await (await resolveDb(db))
    .updateTable('share_links')
    .set((eb) => ({ view_count: eb('view_count', '+', 1), last_viewed_at: now }))
    .where('id', '=', id)
    .execute();
}
