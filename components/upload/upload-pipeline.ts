/**
 * One file's trip once it holds a one-time URL: send the bytes to the image service, then ask the app
 * to record the image. Every step honours the AbortSignal, so Cancel stops it anywhere. Failures are
 * thrown as they came; the scheduler decides what they mean (upload-retry.ts).
 */
import { ApiRequestError } from '@/lib/queries/images';
import type { UploadTicket } from '@/lib/schemas/api';
import type { UploadTransport } from './upload-transport';

/** The service may still be validating the image; ask again after these pauses, then stop waiting. */
const COMPLETE_RETRY_DELAYS_MS = [500, 1000, 2000, 4000];

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface PipelineOptions {
  file: File;
  /** The one-time URL to send to; null when an earlier attempt's bytes were accepted already. */
  ticket: UploadTicket | null;
  /** The record id from an earlier attempt whose bytes the service already accepted. */
  recordId: string | null;
  /** The file's content hash, stored with the record for duplicate warnings; null when unknown. */
  sha256: string | null;
  signal: AbortSignal;
  transport: UploadTransport;
  sleep: Sleep;
  onProgress: (loaded: number, total: number) => void;
  onSent: (recordId: string) => void;
}

/** True for errors caused by the signal: those are cancellations, never shown as failures. */
export function isAbort(err: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (err instanceof DOMException && err.name === 'AbortError');
}

async function complete(
  recordId: string,
  { sha256, signal, transport, sleep }: PipelineOptions,
): Promise<'ready' | 'pending'> {
  for (let attempt = 0; ; attempt++) {
    const state = await transport.complete(recordId, sha256, signal);
    if (state === 'ready') return 'ready';
    if (state === 'gone')
      throw new ApiRequestError(410, 'gone', 'The image service no longer has this upload; sending it again.');
    const delay = COMPLETE_RETRY_DELAYS_MS[attempt];
    if (delay === undefined) return 'pending'; // the webhook or reconciliation will finish it
    await sleep(delay, signal);
  }
}

/** Resolves 'ready' (in the gallery now) or 'pending' (will appear shortly); throws the failure or an abort. */
export async function runUpload(options: PipelineOptions): Promise<'ready' | 'pending'> {
  const { file, ticket, signal, transport, onProgress, onSent } = options;
  let recordId = options.recordId;
  if (recordId === null) {
    if (!ticket) throw new Error('An upload needs a one-time URL or a record id.');
    await transport.send(ticket.uploadURL, file, { signal, onProgress });
    recordId = ticket.id;
    onSent(recordId);
  }
  return complete(recordId, options);
}
