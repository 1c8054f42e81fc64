/**
 * Who may see and change an album. Every signed-in user sees every album, as everyone signed in sees
 * the shared gallery; an album shows each user only the images the gallery shows them. Its owner
 * (while still an uploader) and admins change it, the same rule as for images.
 */
import { forbidden, notFound } from '@/lib/api/errors';
import { type Actor, canManageImage } from '@/lib/auth/roles';
import { type AlbumRow, findAlbum } from '@/lib/db/albums';

export function canManageAlbum(actor: Actor, album: Pick<AlbumRow, 'owner_id'>): boolean {
  return canManageImage(actor, { ownerId: album.owner_id });
}

/** An album any signed-in user may see; 404 when unknown. */
export async function loadAlbum(id: string): Promise<AlbumRow> {
  const album = await findAlbum(id);
  if (!album) throw notFound('Album');
  return album;
}

/** An album the actor may change; 404 when unknown, 403 for anyone but its owner or an admin. */
export async function loadManagedAlbum(actor: Actor, id: string): Promise<AlbumRow> {
  const album = await loadAlbum(id);
  if (!canManageAlbum(actor, album)) throw forbidden('Only the album’s owner or an admin can change it.');
  return album;
}
