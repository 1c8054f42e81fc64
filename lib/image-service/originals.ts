/**
 * Committing a new original: the file is written (atomically) first, and only then does a record point
 * at it, inside `commit`, which returns false when the record may no longer take it (id taken, draft
 * gone). Either way nothing is left behind.
 */
import { unlink } from 'node:fs/promises';
import type { PreparedImage } from './ingest';
import { BlobStore } from './store';

export async function commitOriginal(
  store: BlobStore,
  prepared: PreparedImage,
  id: string,
  commit: (fileKey: string) => boolean,
): Promise<void> {
  const fileKey = BlobStore.newFileKey(id);
  const file = store.originalPath(fileKey);
  await store.writeAtomic(file, prepared.bytes);
  let ok = false;
  try {
    ok = commit(fileKey);
  } finally {
    if (!ok) await unlink(file).catch(() => undefined);
  }
}

/** The columns that describe a stored original, as named parameters for the statements below. */
export function storageFields(prepared: PreparedImage, fileKey: string) {
  return {
    file_key: fileKey,
    format: prepared.format,
    content_type: prepared.contentType,
    width: prepared.width,
    height: prepared.height,
    frames: prepared.frames,
    bytes: prepared.bytes.length,
    copyright: prepared.copyright,
    capture: prepared.capture ? JSON.stringify(prepared.capture) : null,
  };
}

/** `POST v1`: a complete record at once. */
export const INSERT_STORED = `INSERT INTO images (id, filename, meta, require_signed, creator, uploaded, draft, file_key, format, content_type, width, height, frames, bytes, copyright, capture)
  VALUES (@id, @filename, @meta, @require_signed, @creator, @uploaded, 0, @file_key, @format, @content_type, @width, @height, @frames, @bytes, @copyright, @capture)`;

/** The one-time upload URL: the claimed draft becomes a complete record. */
export const COMPLETE_DRAFT = `UPDATE images SET draft = 0, draft_expires = NULL, upload_state = NULL, filename = @filename, uploaded = @uploaded,
  file_key = @file_key, format = @format, content_type = @content_type, width = @width, height = @height,
  frames = @frames, bytes = @bytes, copyright = @copyright, capture = @capture
  WHERE id = @id AND draft = 1 AND upload_state = 'receiving'`;

/** A file name as the API reports it: the last path part, at most 255 characters. */
export function trimFilename(name: string | null): string | null {
  if (!name) return null;
  const base = name.split(/[\\/]/).pop() ?? '';
  return base === '' ? null : [...base].slice(0, 255).join('');
}
