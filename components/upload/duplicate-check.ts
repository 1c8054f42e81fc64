/**
 * The duplicate check before an upload: the file's SHA-256 in the browser (Web Crypto); the scheduler
 * then asks the app (UploadTransport.duplicate). Files are at most 10 MB (MAX_UPLOAD_BYTES), so one
 * digest over the whole file is fine; SubtleCrypto has no streaming digest anyway.
 */
import type { DuplicateAnswer } from '@/lib/schemas/trash';

export type LibraryMatch = NonNullable<DuplicateAnswer['match']>;

export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The same content already in the library; the row offers Skip and Upload anyway. */
export class DuplicateFound extends Error {
  constructor(readonly match: LibraryMatch) {
    super(`Already in your library: ${match.title}`);
    this.name = 'DuplicateFound';
  }
}
