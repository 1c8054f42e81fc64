/**
 * What the gallery and the image page read (server side): records from the app's database, their
 * variant URLs signed in one batch. The browser's layout math for the same pages is in `lib/gallery/`.
 */
import { ApiError, forbidden, notFound } from '@/lib/api/errors';
import { type Actor, canManageImage } from '@/lib/auth/roles';
import { type CaptureInfo, captureInfoSchema } from '@/lib/cloudflare-images/capture-info';
import { decodeCursor, encodeCursor } from '@/lib/cloudflare-images/cursors';
import { type GallerySort, isRankedSearch, listGallery } from '@/lib/db/gallery-list';
import { getImage, type ImageWithOwner } from '@/lib/db/images';
import { displayName } from '@/lib/people/display-name';
import type { GalleryImage, GalleryPage, ImageDetail } from '@/lib/schemas/api';
import { GALLERY_VARIANTS, type GalleryVariant } from '@/lib/schemas/variant';
import { signingKey } from './signing-keys';
import { deliveryUrl, signedVariantUrls } from './urls';
import { variantWidth } from './variants';

/** A search's cursor is an offset; a date order's is a time, negative for photos taken before 1970. */
function parseCursor(cursor: string, search: string | undefined): { position: number; id: string } {
  const decoded = decodeCursor(cursor, { signed: !isRankedSearch(search) });
  if (!decoded) throw new ApiError(400, 'invalid_cursor', 'The cursor is not valid; start from the first page.');
  return decoded;
}

/** The stored capture info; a row written by an older version or damaged reads as none. */
function storedCapture(row: ImageWithOwner): CaptureInfo | null {
  if (!row.capture) return null;
  try {
    const parsed = captureInfoSchema.safeParse(JSON.parse(row.capture));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
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
    takenAt: row.taken_at === null ? null : (storedCapture(row)?.takenAt ?? null),
    takenOffset: row.taken_at === null ? null : (storedCapture(row)?.offset ?? null),
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
  q: { cursor?: string; filter: 'all' | 'mine'; search?: string; sort?: GallerySort; tag?: string; limit: number },
  nowMs = Date.now(),
): Promise<GalleryPage> {
  const {
    rows: page,
    next,
    ranked,
  } = await listGallery({
    ownerId: q.filter === 'mine' ? viewer.id : undefined,
    search: q.search || undefined,
    tags: q.tag ? [q.tag] : undefined,
    sort: q.sort,
    after: q.cursor ? parseCursor(q.cursor, q.search) : undefined,
    limit: q.limit,
  });
  let urlsExpireAt = 0;
  const key = await signingKey(nowMs);
  const images = page.flatMap((row) => {
    if (!row.service_id) return [];
    const signed = signedVariantUrls(row.service_id, GALLERY_VARIANTS, nowMs, key);
    urlsExpireAt = signed.expiresAt;
    return [toGalleryImage(row, viewer, signed.urls)];
  });
  return { images, nextCursor: next ? encodeCursor(next.position, next.id) : null, urlsExpireAt, ranked };
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
    caption: row.caption,
    tags: row.tags === '' ? [] : row.tags.split(' '),
    capture: storedCapture(row),
  };
}
