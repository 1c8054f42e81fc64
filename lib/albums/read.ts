/** What the album pages read: albums with signed cover thumbnails, and one album's images signed in a batch. */
import { notFound } from '@/lib/api/errors';
import type { Actor } from '@/lib/auth/roles';
import { type AlbumSummary, albumImages, albumsHolding, listAlbums } from '@/lib/db/albums';
import type { ImageWithOwner } from '@/lib/db/images';
import { toGalleryImage } from '@/lib/images/read';
import { signingKey } from '@/lib/images/signing-keys';
import { signedVariantUrls, type UrlLifetime } from '@/lib/images/urls';
import { displayName } from '@/lib/people/display-name';
import type { AlbumDetailView, AlbumSummaryView } from '@/lib/schemas/albums';
import type { GalleryImage } from '@/lib/schemas/api';
import { GALLERY_VARIANTS } from '@/lib/schemas/variant';
import { canManageAlbum, loadAlbum } from './access';

type Key = Awaited<ReturnType<typeof signingKey>>;

function toSummary(row: AlbumSummary, viewer: Actor, nowMs: number, key: Key): AlbumSummaryView {
  return {
    id: row.id,
    title: row.title,
    owner: {
      id: row.owner_id,
      name: displayName({ id: row.owner_id, name: row.owner_name, email: row.owner_email }, viewer),
    },
    imageCount: row.image_count,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    coverUrl: row.cover_service_id
      ? signedVariantUrls(row.cover_service_id, ['thumbnail'], nowMs, key).urls.thumbnail
      : null,
    canManage: canManageAlbum(viewer, row),
  };
}

/** Signed gallery entries for image rows, with the expiry they share (0 when there are none). */
export function signedGalleryImages(
  rows: readonly ImageWithOwner[],
  viewer: Actor,
  nowMs: number,
  key: Key,
  lifetime?: UrlLifetime,
): { images: GalleryImage[]; urlsExpireAt: number } {
  let urlsExpireAt = 0;
  const images = rows.flatMap((row) => {
    if (!row.service_id) return [];
    const signed = signedVariantUrls(row.service_id, GALLERY_VARIANTS, nowMs, key, lifetime);
    urlsExpireAt = signed.expiresAt;
    return [toGalleryImage(row, viewer, signed.urls)];
  });
  return { images, urlsExpireAt };
}

/** Every album; with `imageId`, each also says whether it holds that image (the image page's picker). */
export async function albumSummaries(
  viewer: Actor,
  q: { imageId?: string } = {},
  nowMs = Date.now(),
): Promise<AlbumSummaryView[]> {
  const [rows, key, holding] = await Promise.all([
    listAlbums(),
    signingKey(nowMs),
    q.imageId ? albumsHolding(q.imageId) : null,
  ]);
  return rows.map((row) => ({
    ...toSummary(row, viewer, nowMs, key),
    ...(holding ? { hasImage: holding.includes(row.id) } : {}),
  }));
}

export async function albumDetail(viewer: Actor, id: string, nowMs = Date.now()): Promise<AlbumDetailView> {
  const album = await loadAlbum(id);
  const [[summary], rows, key] = await Promise.all([listAlbums(undefined, [id]), albumImages(id), signingKey(nowMs)]);
  if (!summary) throw notFound('Album'); // deleted between the two reads
  return {
    ...toSummary(summary, viewer, nowMs, key),
    coverImageId: album.cover_image_id,
    allPublic: rows.every((row) => row.private === 0),
    ...signedGalleryImages(rows, viewer, nowMs, key),
  };
}
