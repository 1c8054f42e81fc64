/**
 * Sends one file straight to the image service's one-time upload URL (another origin; the bytes never
 * pass through the app). XMLHttpRequest rather than fetch because only XHR reports upload progress.
 */
import { splitErrorMessage } from '@/lib/cloudflare-images/errors';
import { parseRetryAfter } from '@/lib/queries/images';

/** Thrown for any upload that did not end with the service accepting the file. */
export class ServiceUploadError extends Error {
  override name = 'ServiceUploadError';
  constructor(
    message: string,
    /** The HTTP status, or 0 when no answer came (network error, timeout). */
    readonly status: number,
    /** The answer's Retry-After in seconds (the service exposes it to the page), or null. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

/** Rejected with when the signal aborts the request; callers treat it as "cancelled", not "failed". */
export const abortError = () => new DOMException('The upload was cancelled.', 'AbortError');

/** "ERROR 5455: Unsupported image" → "Unsupported image": the code means nothing to people. */
export function cleanServiceMessage(message: string): string {
  return splitErrorMessage(message).text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The failure message from a response, or null when the service accepted the file. */
export function uploadFailure(status: number, body: string): string | null {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(body);
  } catch {
    // A proxy or gateway in between may answer in plain text (or HTML); handled below.
  }
  const ok = status >= 200 && status < 300;
  if (isRecord(parsed)) {
    if (ok && parsed.success !== false) return null;
    const first: unknown = Array.isArray(parsed.errors) ? parsed.errors[0] : undefined;
    if (isRecord(first) && typeof first.message === 'string' && first.message.trim())
      return cleanServiceMessage(first.message);
  } else if (ok) {
    return null;
  }
  const text = body.trim();
  // Short plain text is likely a human message; an HTML error page is not worth showing.
  if (text && text.length <= 200 && !text.startsWith('<')) return cleanServiceMessage(text);
  return `The image service refused the upload (HTTP ${status}).`;
}

export interface SendOptions {
  signal: AbortSignal;
  onProgress: (loaded: number, total: number) => void;
}

export function sendToImageService(uploadURL: string, file: File, { signal, onProgress }: SendOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortError());
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    const settle = (error: Error | null) => {
      signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    xhr.open('POST', uploadURL);
    // An upload listener makes the browser send a CORS preflight; the service answers OPTIONS for this.
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onload = () => {
      const message = uploadFailure(xhr.status, xhr.responseText);
      const wait = parseRetryAfter(xhr.getResponseHeader('retry-after'));
      settle(message === null ? null : new ServiceUploadError(message, xhr.status, wait));
    };
    xhr.onerror = () => settle(new ServiceUploadError('Could not reach the image service. Check your connection.', 0));
    xhr.ontimeout = () => settle(new ServiceUploadError('The upload timed out.', 0));
    xhr.onabort = () => settle(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    // No headers of our own: the browser sets the multipart boundary, and no cookies go to the other origin.
    xhr.send(form);
  });
}
