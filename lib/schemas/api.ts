/** Request bodies and response shapes of the app's own API, shared by route handlers and client components. */
import { z } from 'zod';
import type { CaptureInfo } from '@/lib/cloudflare-images/capture-info';
import { ACCEPTED_CONTENT_TYPES, formatNames } from '@/lib/cloudflare-images/formats';
import { MAX_UPLOAD_BYTES, megabytes } from '@/lib/cloudflare-images/limits';
import { captionSchema, tagFilterSchema, tagsSchema } from './image-text';
import { plainText } from './plain-text';
import type { GalleryVariant } from './variant';

export const uploadRequestSchema = z.object({
  filename: plainText(z.string().trim().min(1).max(255)),
  size: z
    .number()
    .int()
    .min(1, 'The file is empty.')
    .max(MAX_UPLOAD_BYTES, `Files may be at most ${megabytes(MAX_UPLOAD_BYTES)}.`),
  type: z.enum(ACCEPTED_CONTENT_TYPES, { message: `Only ${formatNames('and')} images can be uploaded.` }),
});
export type UploadRequest = z.infer<typeof uploadRequestSchema>;

/** The most files one `POST /api/uploads/batch` may ask URLs for. */
export const MAX_UPLOAD_BATCH = 50;

export const uploadBatchSchema = z.object({
  files: z
    .array(uploadRequestSchema)
    .min(1, 'List at least one file.')
    .max(MAX_UPLOAD_BATCH, `At most ${MAX_UPLOAD_BATCH} files per request.`),
});
export type UploadBatchRequest = z.infer<typeof uploadBatchSchema>;

/** One file's answer in a batch: its ticket, or why not (a 429 carries the wait in seconds). */
export type BatchTicket =
  | { ok: true; ticket: UploadTicket }
  | { ok: false; error: { code: string; message: string; status: number; retryAfterSeconds?: number } };

export interface UploadBatchResponse {
  files: BatchTicket[];
}

export interface UploadTicket {
  /** The app's record id of the new image (as `id` is everywhere in the app's API); not the service's id. */
  id: string;
  uploadURL: string;
  expiresAt: string;
}

export const listQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  filter: z.enum(['all', 'mine']).default('all'),
  q: plainText(z.string().trim().max(100)).optional(),
  /** `uploaded` (newest upload first) or `taken` (the timeline: newest capture date first). */
  sort: z.enum(['uploaded', 'taken']).default('uploaded'),
  tag: tagFilterSchema.optional(),
  limit: z.coerce.number().int().min(1).max(60).default(30),
});
export type GalleryFilters = z.infer<typeof listQuerySchema>;

export const imageUpdateSchema = z
  .object({
    title: plainText(z.string().trim().min(1, 'The title cannot be empty.').max(200)).optional(),
    private: z.boolean().optional(),
    caption: captionSchema.optional(),
    tags: tagsSchema.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'Nothing to change.');
export type ImageUpdate = z.infer<typeof imageUpdateSchema>;

export interface GalleryImage {
  id: string;
  title: string;
  width: number;
  height: number;
  placeholder: string | null;
  createdAt: string;
  /** The capture date as the camera's wall time (`YYYY-MM-DDTHH:MM:SS`) and its UTC offset; null without one. */
  takenAt: string | null;
  takenOffset: string | null;
  owner: { id: string; name: string };
  mine: boolean;
  /** Signed URLs and their real widths, for `src`/`srcset`. */
  urls: Record<GalleryVariant, string>;
  widths: Record<GalleryVariant, number>;
}

export interface GalleryPage {
  images: GalleryImage[];
  nextCursor: string | null;
  /** Unix seconds; every URL in the page is valid until then. */
  urlsExpireAt: number;
  /** True for a search: the images are in order of relevance, not of date. */
  ranked: boolean;
}

export interface ImageDetail extends GalleryImage {
  filename: string;
  bytes: number;
  contentType: string;
  private: boolean;
  publicUrl: string | null;
  canManage: boolean;
  caption: string;
  tags: string[];
  /** How the photo was taken, where the image backend reported it (the embedded service does). */
  capture: CaptureInfo | null;
}
