/**
 * One file's trip: ask the app for a one-time upload URL, send the bytes to the image service, then
 * ask the app to record the image. Every step honours the AbortSignal, so Cancel stops it anywhere.
 */
import { ApiRequestError, apiFetch } from '@/lib/queries/images';
import type { UploadTicket } from '@/lib/schemas/api';
import { checkDuplicate, DuplicateFound, sha256Hex } from './duplicate-check';
import { abortError, sendToImageService } from './xhr-upload';

/** The service may still be validating the image; ask again after these pauses, then stop waiting. */
const COMPLETE_RETRY_DELAYS_MS = [500, 1000, 2000, 4000];

/** A failed upload; `resumable` when the bytes were accepted and only recording the image failed. */
export class UploadFailure extends Error {
  constructor(
    message: string,
    readonly resumable: boolean,
  ) {
    super(message);
    this.name = 'UploadFailure';
  }
}

export interface PipelineOptions {
  file: File;
  type: string;
  /** The record id from an earlier attempt whose bytes the service already accepted. */
  recordId: string | null;
  signal: AbortSignal;
  /** "Upload anyway" was chosen: skip the duplicate check. */
  allowDuplicate: boolean;
  onProgress: (loaded: number, total: number) => void;
  onSent: (recordId: string) => void;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** True for errors caused by the signal: those are cancellations, never shown as failures. */
export function isAbort(err: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (err instanceof DOMException && err.name === 'AbortError');
}

function message(err: unknown): string {
  // fetch rejects with a TypeError ("Failed to fetch") when the request never got an answer.
  if (err instanceof TypeError) return 'Could not reach Pixvault. Check your connection and retry.';
  return err instanceof Error && err.message ? err.message : 'Something went wrong.';
}

async function complete(recordId: string, sha256: string | null, signal: AbortSignal): Promise<'ready' | 'pending'> {
  for (let attempt = 0; ; attempt++) {
    let state: 'ready' | 'pending' | 'gone';
    try {
      ({ state } = await apiFetch<{ state: 'ready' | 'pending' | 'gone' }>(
        `/api/images/${encodeURIComponent(recordId)}/complete`,
        {
          method: 'POST',
          ...(sha256 ? { body: JSON.stringify({ sha256 }) } : {}),
          signal,
        },
      ));
    } catch (err) {
      if (isAbort(err, signal)) throw err;
      if (!(err instanceof ApiRequestError && err.status === 410)) {
        // The bytes are stored: a retry should only ask again, unless the record itself is off limits.
        const resumable = !(err instanceof ApiRequestError && (err.status === 403 || err.status === 404));
        throw new UploadFailure(message(err), resumable);
      }
      state = 'gone';
    }
    if (state === 'ready') return 'ready';
    if (state === 'gone')
      throw new UploadFailure('The image service no longer has this upload. Retry to send it again.', false);
    const delay = COMPLETE_RETRY_DELAYS_MS[attempt];
    if (delay === undefined) return 'pending'; // the webhook or reconciliation will finish it
    await sleep(delay, signal);
  }
}

/** Resolves 'ready' (in the gallery now) or 'pending' (will appear shortly); throws UploadFailure or an abort. */
export async function runUpload({
  file,
  type,
  recordId: sentBefore,
  signal,
  allowDuplicate,
  onProgress,
  onSent,
}: PipelineOptions): Promise<'ready' | 'pending'> {
  let recordId = sentBefore;
  let sha256: string | null = null;
  if (recordId === null) {
    let ticket: UploadTicket;
    try {
      // A separate first step: the content hash, and the library asked whether it has it already.
      sha256 = await sha256Hex(file);
      if (!allowDuplicate) await checkDuplicate(sha256, signal);
      ticket = await apiFetch<UploadTicket>('/api/uploads', {
        method: 'POST',
        body: JSON.stringify({ filename: file.name, size: file.size, type }),
        signal,
      });
      await sendToImageService(ticket.uploadURL, file, { signal, onProgress });
    } catch (err) {
      if (isAbort(err, signal) || err instanceof DuplicateFound) throw err;
      throw new UploadFailure(message(err), false);
    }
    recordId = ticket.id;
    onSent(recordId);
  }
  return complete(recordId, sha256, signal);
}
