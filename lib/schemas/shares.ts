/** Share links: the create request and what lists show, shared by route handlers and the sharing UI. */
import { z } from 'zod';
import type { GalleryImage } from './api';

export const HOUR_SECONDS = 3600;
export const SHARE_MIN_SECONDS = HOUR_SECONDS;
export const SHARE_MAX_SECONDS = 30 * 24 * HOUR_SECONDS;

/** The lifetimes the form offers; `null`: never expires (public images only). */
export const SHARE_LIFETIMES = [
  { seconds: HOUR_SECONDS, label: '1 hour' },
  { seconds: 24 * HOUR_SECONDS, label: '1 day' },
  { seconds: 7 * 24 * HOUR_SECONDS, label: '7 days' },
  { seconds: SHARE_MAX_SECONDS, label: '30 days' },
  { seconds: null, label: 'Never (public images only)' },
] as const;

/** Anyone holding the URL may guess; the unlock limits (lib/sharing/unlock.ts) assume at least this much to guess. */
export const SHARE_PASSWORD_MIN_LENGTH = 8;

export const sharePasswordSchema = z
  .string()
  .min(SHARE_PASSWORD_MIN_LENGTH, `A link password needs at least ${SHARE_PASSWORD_MIN_LENGTH} characters.`)
  .max(200, 'A link password is at most 200 characters.');

export const shareCreateSchema = z.object({
  target: z.object({ kind: z.enum(['image', 'album']), id: z.string().trim().min(1).max(100) }),
  /** Seconds from now, 1 hour … 30 days; null: never expires. */
  expiresInSeconds: z
    .number()
    .int()
    .min(SHARE_MIN_SECONDS, 'A link lives at least 1 hour.')
    .max(SHARE_MAX_SECONDS, 'A link lives at most 30 days.')
    .nullable(),
  password: sharePasswordSchema.optional(),
});
export type ShareCreateRequest = z.infer<typeof shareCreateSchema>;

export const shareListQuerySchema = z.object({
  imageId: z.string().trim().min(1).max(100).optional(),
  albumId: z.string().trim().min(1).max(100).optional(),
});

export type ShareState = 'live' | 'revoked' | 'expired';

export interface ShareLinkView {
  id: string;
  target: { kind: 'image' | 'album'; id: string; title: string };
  creator: { id: string; name: string };
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  hasPassword: boolean;
  views: number;
  lastViewedAt: string | null;
  state: ShareState;
}

/** The answer to a create: the link's URL holds the token, shown this once and never stored. */
export interface CreatedShareLink extends ShareLinkView {
  url: string;
}

/** What the public share page renders for a live link. */
export interface SharedContent {
  kind: 'image' | 'album';
  title: string;
  images: GalleryImage[];
  /** When the images' signed URLs stop working (Unix seconds; 0 when there are none): the page fetches fresh ones before. */
  urlsExpireAt: number;
}
