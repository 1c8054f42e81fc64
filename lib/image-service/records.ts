/**
 * Image records: reads by id, the cache of complete records that delivery reads on every request,
 * updates and removal. This process is the only writer, so every change goes through here and drops
 * the cached copy.
 */
import { z } from 'zod';
import { badRequest, cfError, invalidInput } from '@/lib/cloudflare-images/errors';
import { isGeneratedId } from '@/lib/cloudflare-images/ids';
import { MAX_ID_LENGTH } from '@/lib/cloudflare-images/limits';
import { isTrashedMetadata } from '@/lib/cloudflare-images/trash';
import { type Db, type ImageRow, isStored, type StoredImage } from './db';
import { checkMetadataSize } from './record-fields';

const patchSchema = z
  .object({
    metadata: z.record(z.string(), z.unknown()).optional(),
    requireSignedURLs: z.boolean().optional(),
    creator: z.string().max(MAX_ID_LENGTH).optional(),
  })
  .strict();

export class ImageRecords {
  private readonly stored = new Map<string, StoredImage>();

  constructor(
    private readonly db: Db,
    private readonly maxMetadataBytes: number,
  ) {}

  get(id: string): ImageRow | undefined {
    return this.db.prepare('SELECT * FROM images WHERE id = ?').get(id) as ImageRow | undefined;
  }

  /** The record, or a 404. */
  mustGet(id: string): ImageRow {
    const row = this.get(id);
    if (!row) throw cfError(5404);
    return row;
  }

  /** A complete image by id, for delivery; cached. Undefined for drafts and trashed images. */
  storedImage(id: string): StoredImage | undefined {
    const cached = this.stored.get(id);
    if (cached) return cached;
    const row = this.get(id);
    // A trashed image (an extension, see cloudflare-images/trash.ts) is not delivered at all.
    if (!row || !isStored(row) || isTrashedMetadata(row.meta)) return undefined;
    if (this.stored.size >= 50_000) this.stored.clear();
    this.stored.set(id, row);
    return row;
  }

  /** Drops the cached copy after a change made elsewhere (an upload completing a draft). */
  forget(id: string): void {
    this.stored.delete(id);
  }

  /** Removes the record, so it stops being served at once; its files are the caller's to remove. */
  remove(id: string): void {
    this.db.prepare('DELETE FROM images WHERE id = ?').run(id);
    this.forget(id);
  }

  /** `PATCH v1/{id}`: omitted fields stay; `metadata` replaces the old object. */
  patch(id: string, body: unknown): ImageRow {
    const row = this.mustGet(id);
    const parsed = patchSchema.safeParse(body);
    if (!parsed.success) throw invalidInput('image update', parsed.error.issues);
    const { metadata, requireSignedURLs, creator } = parsed.data;
    if (metadata) checkMetadataSize(metadata, this.maxMetadataBytes);
    if (requireSignedURLs && !isGeneratedId(id))
      throw badRequest('Private images (requireSignedURLs) cannot use a custom id.');
    this.db
      .prepare('UPDATE images SET meta = ?, require_signed = ?, creator = ? WHERE id = ?')
      .run(
        metadata ? JSON.stringify(metadata) : row.meta,
        requireSignedURLs === undefined ? row.require_signed : requireSignedURLs ? 1 : 0,
        creator === undefined ? row.creator : creator === '' ? null : creator,
        id,
      );
    this.forget(id);
    return this.mustGet(id);
  }
}
