/** Changes to an image by its owner or an admin: title, visibility, delete, original download. */
import type { Actor } from '@/lib/auth/roles';
import { audit } from '@/lib/db/audit';
import { deleteImageRecord, updateImage } from '@/lib/db/images';
import { imagesClient } from './client';
import { loadManagedImage } from './gallery';

export async function updateImageFor(
  actor: Actor,
  id: string,
  changes: { title?: string; private?: boolean },
): Promise<void> {
  const row = loadManagedImage(actor, id);
  // The service is changed first: if it refuses, the app's record still tells the truth.
  if (changes.private !== undefined && changes.private !== (row.private === 1)) {
    await imagesClient().update(row.cf_id, { requireSignedURLs: changes.private });
  }
  updateImage(id, changes);
  audit(actor.id, 'image.updated', id, changes);
}

export async function deleteImageFor(actor: Actor, id: string): Promise<void> {
  const row = loadManagedImage(actor, id);
  await imagesClient().remove(row.cf_id);
  deleteImageRecord(id);
  audit(actor.id, 'image.deleted', id, { title: row.title });
}

/** The stored original as a download, with a filename that cannot break out of the header. */
export async function originalFor(actor: Actor, id: string): Promise<Response> {
  const row = loadManagedImage(actor, id);
  const upstream = await imagesClient().blob(row.cf_id);
  const ascii = row.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return new Response(upstream.body, {
    headers: {
      'content-type': row.content_type ?? 'application/octet-stream',
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(row.filename)}`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      ...(upstream.headers.get('content-length')
        ? { 'content-length': upstream.headers.get('content-length') ?? '' }
        : {}),
    },
  });
}
