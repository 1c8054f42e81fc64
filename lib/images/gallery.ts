/** What the gallery and the image page read: records from the app's database, URLs signed in one batch. */
import { ApiError, forbidden, notFound } from '@/lib/api/errors';
import { type Actor, canManageImage } from '@/lib/auth/roles';
import { decodeCursor, encodeCursor } from '@/lib/cursor';
import { getImage, type ImageWithOwner, listImages } from '@/lib/db/images';
import type { GalleryImage, GalleryPage, GalleryVariant, ImageDetail } from '@/lib/schemas/api';
import { deliveryUrl, signedVariantUrls } from './urls';
import { GALLERY_VARIANTS, variantWidth } from './variants';

function parseCursor(cursor: string): { createdAt: number; id: string } {
  const decoded = decodeCursor(cursor);
  if (!decoded) throw new ApiError(400, 'invalid_cursor', 'The cursor is not valid; start from the first page.');
  return { createdAt: decoded.position, id: decoded.id };
}

function toGalleryImage(row: ImageWithOwner, viewer: Actor, urls: Record<GalleryVariant, string>): GalleryImage {
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
    owner: { id: row.owner_id, name: row.owner_name ?? row.owner_email },
    mine: row.owner_id === viewer.id,
    urls,
    widths,
  };
}

export function galleryPage(
  viewer: Actor,
  q: { cursor?: string; filter: 'all' | 'mine'; search?: string; limit: number },
  nowMs = Date.now(),
): GalleryPage {
  const rows = listImages({
    ownerId: q.filter === 'mine' ? viewer.id : undefined,
    search: q.search || undefined,
    cursor: q.cursor ? parseCursor(q.cursor) : undefined,
    limit: q.limit + 1,
  });
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  let urlsExpireAt = 0;
  const images = page.flatMap((row) => {
    if (!row.cf_id) return [];
    const signed = signedVariantUrls(row.cf_id, GALLERY_VARIANTS, nowMs);
    urlsExpireAt = signed.expiresAt;
    return [toGalleryImage(row, viewer, signed.urls)];
  });
  const last = page.at(-1);
  return { images, nextCursor: more && last ? encodeCursor(last.created_at, last.id) : null, urlsExpireAt };
}

export function loadImage(id: string): ImageWithOwner {
  const row = getImage(id);
  if (!row || row.status !== 'ready' || !row.cf_id) throw notFound();
  return row;
}

export function loadManagedImage(viewer: Actor, id: string): ImageWithOwner & { cf_id: string } {
  const row = getImage(id);
  if (!row || !row.cf_id) throw notFound();
  if (!canManageImage(viewer, { ownerId: row.owner_id }))
    throw forbidden('Only the owner or an admin can change this image.');
  return row as ImageWithOwner & { cf_id: string };
}

export function imageDetail(viewer: Actor, id: string, nowMs = Date.now()): ImageDetail {
  const row = loadImage(id);
  const cfId = row.cf_id ?? '';
  const { urls } = signedVariantUrls(cfId, GALLERY_VARIANTS, nowMs);
  return {
    ...toGalleryImage(row, viewer, urls),
    filename: row.filename,
    bytes: row.bytes ?? 0,
    contentType: row.content_type ?? '',
    private: row.private === 1,
    publicUrl: row.private === 1 ? null : deliveryUrl(cfId, 'public'),
    canManage: canManageImage(viewer, { ownerId: row.owner_id }),
  };
}
