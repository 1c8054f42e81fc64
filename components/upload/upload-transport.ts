/**
 * How the uploader reaches the app and the image service: minting URLs in batches, sending the bytes,
 * asking the app to record the image. One interface, so the queue is tested with a fake transport.
 */
import { apiFetch } from '@/lib/queries/images';
import type { BatchTicket, UploadBatchResponse } from '@/lib/schemas/api';
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
  /** Asks the app to record the image; throws ApiRequestError. */
  complete(recordId: string, signal: AbortSignal): Promise<CompletionState>;
}

export const browserTransport: UploadTransport = {
  async mint(files, signal) {
    const body = JSON.stringify({ files });
    return (await apiFetch<UploadBatchResponse>('/api/uploads/batch', { method: 'POST', body, signal })).files;
  },
  send: sendToImageService,
  async complete(recordId, signal) {
    const url = `/api/images/${encodeURIComponent(recordId)}/complete`;
    return (await apiFetch<{ state: CompletionState }>(url, { method: 'POST', signal })).state;
  },
};
