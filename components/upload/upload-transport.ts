/**
 * How the uploader reaches the app and the image service: minting URLs in batches, sending the bytes,
 * asking the app to record the image. One interface, so the queue is tested with a fake transport.
 */
import { apiFetch } from '@/lib/queries/images';
import type { BatchTicket, UploadBatchResponse } from '@/lib/schemas/api';
import type { DuplicateAnswer } from '@/lib/schemas/trash';
import type { LibraryMatch } from './duplicate-check';
import { type SendOptions, sendToImageService } from './xhr-upload';

export type CompletionState = 'ready' | 'pending' | 'gone';

/** What the app is told about a file (the type as the browser or the extension says; the app validates it). */
export interface MintRequest {
  filename: string;
  size: number;
  type: string;
}

export interface UploadTransport {
  /** One request for up to `MAX_UPLOAD_BATCH` files; one answer per file, in order. Throws for the request as a whole. */
  mint(files: MintRequest[], signal: AbortSignal): Promise<BatchTicket[]>;
  /** The bytes to a one-time URL; throws ServiceUploadError with the status and Retry-After. */
  send(uploadURL: string, file: File, options: SendOptions): Promise<void>;
  /** Asks the app whether the library holds a file with this SHA-256 already; throws ApiRequestError. */
  duplicate(sha256: string, signal: AbortSignal): Promise<LibraryMatch | null>;
  /** Asks the app to record the image (with the content hash, when known); throws ApiRequestError. */
  complete(recordId: string, sha256: string | null, signal: AbortSignal): Promise<CompletionState>;
  /** Gives back a minted URL nothing was sent to (the row was skipped or removed): its pending record goes. */
  release(recordId: string): Promise<void>;
}

export const browserTransport: UploadTransport = {
  async mint(files, signal) {
    const body = JSON.stringify({ files });
    return (await apiFetch<UploadBatchResponse>('/api/uploads/batch', { method: 'POST', body, signal })).files;
  },
  send: sendToImageService,
  async duplicate(sha256, signal) {
    return (await apiFetch<DuplicateAnswer>(`/api/uploads/duplicate?sha256=${sha256}`, { signal })).match;
  },
  async complete(recordId, sha256, signal) {
    const url = `/api/images/${encodeURIComponent(recordId)}/complete`;
    const body = sha256 ? { body: JSON.stringify({ sha256 }) } : {};
    return (await apiFetch<{ state: CompletionState }>(url, { method: 'POST', ...body, signal })).state;
  },
  async release(recordId) {
    // An unfinished upload's record and draft are removed at once (a finished image would go to the trash).
    await apiFetch<null>(`/api/images/${encodeURIComponent(recordId)}`, { method: 'DELETE' });
  },
};
