/** Request bodies and response shapes of the app's own API, shared by route handlers and client components. */
import { z } from 'zod';

export const ACCEPTED_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/svg+xml',
] as const;
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const uploadRequestSchema = z.object({
  filename: z.string().trim().min(1).max(255),
  size: z.number().int().min(1, 'The file is empty.').max(MAX_UPLOAD_BYTES, 'Files may be at most 10 MB.'),
  type: z.enum(ACCEPTED_TYPES, { message: 'Only JPEG, PNG, GIF, WebP, AVIF and SVG images can be uploaded.' }),
});
export type UploadRequest = z.infer<typeof uploadRequestSchema>;

export interface UploadTicket {
  id: string;
  uploadURL: string;
  expiresAt: string;
}

export const listQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  filter: z.enum(['all', 'mine']).default('all'),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(60).default(30),
});

export const imageUpdateSchema = z
  .object({
    title: z.string().trim().min(1, 'The title cannot be empty.').max(200).optional(),
    private: z.boolean().optional(),
  })
  .refine((v) => v.title !== undefined || v.private !== undefined, 'Nothing to change.');

export const linkRequestSchema = z.object({
  variant: z.enum(['thumbnail', 'mobile', 'desktop', 'public']),
  ttlSeconds: z
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600),
});

export type GalleryVariant = 'thumbnail' | 'mobile' | 'desktop';

export interface GalleryImage {
  id: string;
  title: string;
  width: number;
  height: number;
  placeholder: string | null;
  createdAt: string;
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
}

export interface ImageDetail extends GalleryImage {
  filename: string;
  bytes: number;
  contentType: string;
  private: boolean;
  publicUrl: string | null;
  canManage: boolean;
}
