/** The trash page's rows and the upload duplicate check, shared by the API handlers and the UI. */
import { z } from 'zod';

export interface TrashItem {
  id: string;
  title: string;
  owner: string;
  mine: boolean;
  /** False for the owner of an image an admin took down: only an admin may bring it back. */
  restorable: boolean;
  trashedAt: string;
  /** When the sweep deletes it forever. */
  purgeAt: string;
}

export const contentHashSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'The content hash must be a hex SHA-256 (64 lower-case hex digits).');

export const duplicateQuerySchema = z.object({ sha256: contentHashSchema });

export interface DuplicateAnswer {
  /** The library image with the same content, or null. */
  match: { id: string; title: string } | null;
}

/** `POST /api/images/{id}/complete`'s optional body. */
export const completionBodySchema = z.object(
  { sha256: contentHashSchema.optional() },
  { message: 'The body must be a JSON object.' },
);
