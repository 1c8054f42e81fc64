/**
 * "Download" in the lightbox and on the image page, for anyone who may see the image: its owner and
 * admins get the stored original, everyone else the largest variant the gallery shows (`desktop`,
 * metadata stripped). Served by the app so the file gets a name; the variant is fetched here through
 * a one-minute signed URL, so no lasting link is handed out.
 */
import { ApiError } from '@/lib/api/errors';
import { type Actor, canManageImage } from '@/lib/auth/roles';
import { attachmentResponse, downloadFilename } from './attachment';
import { originalFor } from './manage';
import { loadImage } from './read';
import { signingKey } from './signing-keys';
import { signedLink } from './urls';

const FETCH_TIMEOUT_MS = 30_000;
// A format every image viewer opens, rather than the AVIF a browser would be sent.
const DOWNLOAD_ACCEPT = 'image/jpeg,image/png,image/gif;q=0.9,*/*;q=0.5';

export async function downloadFor(viewer: Actor, recordId: string, nowMs = Date.now()): Promise<Response> {
  const row = await loadImage(recordId);
  if (canManageImage(viewer, { ownerId: row.owner_id })) return originalFor(viewer, recordId);
  const url = signedLink(row.service_id, 'desktop', 60, nowMs, await signingKey(nowMs)).url;
  const upstream = await fetch(url, {
    headers: { accept: DOWNLOAD_ACCEPT },
    cache: 'no-store',
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  }).catch(() => null);
  if (!upstream?.ok) {
    await upstream?.body?.cancel();
    throw new ApiError(502, 'image_service_error', 'The image service did not deliver the image; try again.');
  }
  const contentType = upstream.headers.get('content-type') ?? 'application/octet-stream';
  return attachmentResponse(upstream.body, {
    filename: downloadFilename(row.title, contentType),
    contentType,
    length: upstream.headers.get('content-length'),
  });
}
