/**
 * The admin console's image resources: the list's filter, sort and page (from the page's URL or the
 * API's query), bulk actions and edits. Shared by the route handlers, the page and the forms.
 */
import { z } from 'zod';
import { utcDaySchema as day } from './day';
import { plainText } from './plain-text';

/** Which images: the same filter narrows the list and, for "select all N matching", a bulk action. */
export const adminImageFilterSchema = z.object({
  /** Case-insensitive substring of the title or the filename. */
  q: plainText(z.string().trim().max(200)).optional(),
  /** An owner's user id. */
  owner: z.string().trim().min(1).max(100).optional(),
  /** Uploaded on or after this day (UTC). */
  from: day.optional(),
  /** Uploaded on or before this day (UTC). */
  to: day.optional(),
  visibility: z.enum(['all', 'private', 'public']).default('all'),
});
export type AdminImageFilter = z.infer<typeof adminImageFilterSchema>;

export const ADMIN_IMAGE_SORTS = ['date', 'size', 'deliveries'] as const;
export type AdminImageSort = (typeof ADMIN_IMAGE_SORTS)[number];
export const ADMIN_PAGE_SIZES = [25, 50, 100] as const;

export const adminImageQuerySchema = adminImageFilterSchema.extend({
  sort: z.enum(ADMIN_IMAGE_SORTS).default('date'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => (ADMIN_PAGE_SIZES as readonly number[]).includes(n), 'Page size is 25, 50 or 100.')
    .default(25),
});
export type AdminImageQuery = z.infer<typeof adminImageQuerySchema>;

/** Empty strings (an untouched form field) mean "not set", so a submitted filter form parses as is. */
export function parseAdminImageQuery(params: Record<string, string | string[] | undefined>): AdminImageQuery {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined && value.trim() !== '') flat[k] = value;
  }
  return adminImageQuerySchema.parse(flat);
}

/** The largest selection one bulk request may act on ("select all matching" included). */
export const BULK_MAX = 5000;

export const BULK_ACTIONS = ['delete', 'make_private', 'make_public', 'change_owner'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const bulkImagesSchema = z
  .object({
    action: z.enum(BULK_ACTIONS),
    /** The new owner, for `change_owner`. */
    ownerId: z.string().min(1).max(100).optional(),
    selection: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('ids'), ids: z.array(z.string().min(1).max(100)).min(1).max(BULK_MAX) }),
      z.object({
        kind: z.literal('filter'),
        filter: adminImageFilterSchema,
        /** How many the admin saw matching when they confirmed; a different count now is refused. */
        expected: z.number().int().min(1).max(BULK_MAX),
      }),
    ]),
  })
  .refine((b) => b.action !== 'change_owner' || b.ownerId !== undefined, {
    message: 'Choose the new owner.',
    path: ['ownerId'],
  });
export type BulkImagesRequest = z.infer<typeof bulkImagesSchema>;

/** Keys Pixvault writes into every upload's metadata; the console shows them but never changes them. */
export const RESERVED_METADATA_KEYS = ['app', 'deployment', 'record', 'owner', 'trashed'] as const;

export const metadataSchema = z
  .record(
    z.string().trim().min(1, 'A metadata key cannot be empty.').max(64, 'Metadata keys have at most 64 characters.'),
    z.string().max(512),
  )
  .refine((m) => Object.keys(m).every((k) => !(RESERVED_METADATA_KEYS as readonly string[]).includes(k)), {
    message: `These keys are kept by Pixvault and cannot be set: ${RESERVED_METADATA_KEYS.join(', ')}.`,
  });

export const adminImageEditSchema = z
  .object({
    title: plainText(z.string().trim().min(1, 'The title cannot be empty.').max(200)).optional(),
    /** The image's own metadata keys (reserved ones excluded); replaces the previous ones. */
    metadata: metadataSchema.optional(),
  })
  .refine((v) => v.title !== undefined || v.metadata !== undefined, 'Nothing to change.');
export type AdminImageEdit = z.infer<typeof adminImageEditSchema>;

/** One row of the console's image table. */
export interface AdminImageRow {
  id: string;
  title: string;
  filename: string;
  owner: { id: string; name: string | null; email: string };
  status: 'pending' | 'ready';
  private: boolean;
  bytes: number | null;
  width: number | null;
  height: number | null;
  createdAt: string;
  /** Signed thumbnail; null while the upload is pending. */
  thumbnailUrl: string | null;
  /** Deliveries in the last 30 days; null when the backend cannot tell. */
  deliveries: number | null;
}

export interface AdminImagePage {
  rows: AdminImageRow[];
  total: number;
  /** The page shown (a page past the end shows the last one). */
  page: number;
  pageSize: number;
  /** The sort applied: deliveries fall back to date where the backend has no delivery counts. */
  sort: AdminImageSort;
  dir: 'asc' | 'desc';
  deliveriesAvailable: boolean;
}

/** An image's metadata as the editor shows it: the admin's own keys, and Pixvault's (read-only). */
export interface AdminImageMetadata {
  metadata: Record<string, string>;
  reserved: Record<string, string>;
}
