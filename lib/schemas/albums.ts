/** Albums: request bodies and response shapes, shared by the route handlers and the album pages. */
import { z } from 'zod';
import type { GalleryImage } from './api';
import { plainText } from './plain-text';

const recordId = plainText(z.string().trim().min(1).max(100));
const title = plainText(
  z.string().trim().min(1, 'The album needs a name.').max(120, 'Album names are at most 120 characters.'),
);

export const albumCreateSchema = z.object({ title });

export const albumUpdateSchema = z
  .object({
    title: title.optional(),
    /** An image of the album, or null to go back to the newest image. */
    coverImageId: recordId.nullable().optional(),
  })
  .refine((v) => v.title !== undefined || v.coverImageId !== undefined, 'Nothing to change.');

export const albumImagesSchema = z.object({
  imageIds: z.array(recordId).min(1, 'Choose at least one image.').max(500, 'At most 500 images at once.'),
});

export const albumListQuerySchema = z.object({ imageId: recordId.optional() });

export interface AlbumSummaryView {
  id: string;
  title: string;
  owner: { id: string; name: string };
  imageCount: number;
  createdAt: string;
  updatedAt: string;
  /** A signed thumbnail of the cover; null for an empty album. */
  coverUrl: string | null;
  canManage: boolean;
  /** Asked with `?imageId=`: whether that image is in the album. */
  hasImage?: boolean;
}

export interface AlbumDetailView extends AlbumSummaryView {
  coverImageId: string | null;
  images: GalleryImage[];
  /** Every image in it is public, so a share link may never expire. */
  allPublic: boolean;
  /** Unix seconds; every URL in the album is valid until then. */
  urlsExpireAt: number;
}
