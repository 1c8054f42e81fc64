/**
 * What the gallery and the image page read (server side): records from the app's database, their
 * variant URLs signed in one batch. The browser's layout math for the same pages is in `lib/gallery/`.
 */
import { ApiError, forbidden, notFound } from '@/lib/api/errors';
import { type Actor, canManageImage } from '@/lib/auth/roles';
import { decodeCursor, encodeCursor } from '@/lib/cloudflare-images/cursors';
import { getImage, type ImageWithOwner, listImages } from '@/lib/db/images';
import { displayName } from '@/lib/people/display-name';
import type { GalleryImage, GalleryPage, ImageDetail } from '@/lib/schemas/api';
import { GALLERY_VARIANTS, type GalleryVariant } from '@/lib/schemas/variant';
import { signingKey } from './signing-keys';
import { deliveryUrl, signedVariantUrls } from './urls';
import { variantWidth } from './variants';

function parseCursor(cursor: string): { createdAt: number; id: string } {
  const decoded = decodeCursor(cursor);
  if (!decoded) throw new ApiError(400, 'invalid_cursor', 'The cursor is not valid; start from the first page.');
  return { createdAt: decoded.position, id: decoded.id };
}

export function toGalleryImage(row: ImageWithOwner, viewer: Actor, urls: Record<GalleryVariant, string>): GalleryImage {
  const width = row.width ?? 1;
  const height = row.height ?? 1;
  const widths = Object.fromEntries(GALLERY_VARIANTS.map((v) => [v, variantWidth(v, width, height)])) as Record<
    GalleryVariant,
    number
  >;
  return {
    id: row.id,
    title: row.title,
    width,
    height,
    placeholder: row.placeholder,
    createdAt: new Date(row.created_at).toISOString(),
    owner: {
      id: row.owner_id,
      name: displayName({ id: row.owner_id, name: row.owner_name, email: row.owner_email }, viewer),
    },
    mine: row.owner_id === viewer.id,
    urls,
    widths,
  };
}

export async function galleryPage(
  viewer: Actor,
  q: { cursor?: string; filter: 'all' | 'mine'; search?: string; limit: number },
  nowMs = Date.now(),
): Promise<GalleryPage> {
  const rows = await listImages({
    ownerId: q.filter === 'mine' ? viewer.id : undefined,
    search: q.search || undefined,
    cursor: q.cursor ? parseCursor(q.cursor) : undefined,
    limit: q.limit + 1,
  });
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  let urlsExpireAt = 0;
  const key = await signingKey(nowMs);
  const images = page.flatMap((row) => {
    if (!row.service_id) return [];
    const signed = signedVariantUrls(row.service_id, GALLERY_VARIANTS, nowMs, key);
    urlsExpireAt = signed.expiresAt;
    return [toGalleryImage(row, viewer, signed.urls)];
  });
  const last = page.at(-1);
  return { images, nextCursor: more && last ? encodeCursor(last.created_at, last.id) : null, urlsExpireAt };
}

/** A record the image service has, as stored in the app's database. */
export type StoredImage = ImageWithOwner & { service_id: string };

/** A finished image anyone signed in may see; 404 for unknown, still-pending and trashed records. */
export async function loadImage(recordId: string): Promise<StoredImage & { status: 'ready' }> {
  const row = await getImage(recordId);
  if (row?.status !== 'ready' || !row.service_id || row.trashed_at !== null) throw notFound();
  return row as StoredImage & { status: 'ready' };
}

/**
 * A record its owner (still an uploader) or an admin may change; 404 when unknown (or trashed, unless
 * `inTrash`: only the trash's own actions reach a trashed image), 403 for anyone else.
 */
export async function loadManagedImage(viewer: Actor, recordId: string, inTrash = false): Promise<StoredImage> {
  const row = await getImage(recordId);
  if (!row?.service_id || (row.trashed_at !== null) !== inTrash) throw notFound();
  if (!canManageImage(viewer, { ownerId: row.owner_id }))
    throw forbidden('Only the owner or an admin can change this image.');
  return row as StoredImage;
}

export async function imageDetail(viewer: Actor, recordId: string, nowMs = Date.now()): Promise<ImageDetail> {
  const row = await loadImage(recordId);
  const { urls } = signedVariantUrls(row.service_id, GALLERY_VARIANTS, nowMs, await signingKey(nowMs));
  return {
    ...toGalleryImage(row, viewer, urls),
    filename: row.filename,
    bytes: row.bytes ?? 0,
    contentType: row.content_type ?? '',
    private: row.private === 1,
    publicUrl: row.private === 1 ? null : deliveryUrl(row.service_id, 'public'),
    canManage: canManageImage(viewer, { ownerId: row.owner_id }),
  };
}
