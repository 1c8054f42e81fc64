/**
 * When an upload that did not go through is tried again by itself: transient refusals (429, 503, 408,
 * other 5xx, network errors) come back after an exponential backoff with jitter, never sooner than the
 * server's `Retry-After`; permanent ones (wrong type, too big, any other 4xx) never do.
 */
import { ApiRequestError } from '@/lib/queries/images';
import { ServiceUploadError } from './xhr-upload';

/** Automatic tries for failures that name no wait (network, 5xx) before the row shows Retry. 429s with a wait don't count. */
export const MAX_AUTO_TRIES = 6;
const BASE_MS = 1000;
const MAX_BACKOFF_MS = 60_000;

export type Verdict =
  /** Try again by itself after `delayMs`; `counts` when it uses up one of the automatic tries. */
  | { kind: 'transient'; message: string; retryAfterMs: number | null; counts: boolean; urlDead: boolean }
  /** The bytes are at the service (the URL says "already used"): only recording is left. */
  | { kind: 'sent'; message: string }
  /** Nothing will change on a retry: no Retry button. */
  | { kind: 'permanent'; message: string };

/** 408 and 429 are the only 4xx that pass; every 5xx may. */
export const isTransientStatus = (status: number) => status === 0 || status === 408 || status === 429 || status >= 500;

function messageOf(err: unknown): string {
  // fetch rejects with a TypeError ("Failed to fetch") when the request never got an answer.
  if (err instanceof TypeError) return 'Could not reach Pixvault. Check your connection.';
  return err instanceof Error && err.message ? err.message : 'Something went wrong.';
}

function byStatus(status: number, retryAfterSeconds: number | null, message: string, urlDead = false): Verdict {
  if (!isTransientStatus(status) && !urlDead) return { kind: 'permanent', message };
  const retryAfterMs = retryAfterSeconds === null ? null : retryAfterSeconds * 1000;
  return { kind: 'transient', message, retryAfterMs, counts: !(status === 429 && retryAfterMs !== null), urlDead };
}

/** What a failure of sending the bytes or of recording them means for the next try. */
export function classify(err: unknown): Verdict {
  if (err instanceof ServiceUploadError) {
    // The one-time URL expired or is unknown (404/410): a fresh one is minted and the file sent again.
    if (err.status === 404 || err.status === 410) return byStatus(err.status, null, err.message, true);
    if (err.status === 409) return { kind: 'sent', message: err.message };
    return byStatus(err.status, err.retryAfterSeconds, err.message);
  }
  if (err instanceof ApiRequestError) {
    // 410 from completion: the service lost the upload, so it goes again with a new URL.
    if (err.status === 410) return byStatus(err.status, null, err.message, true);
    return byStatus(err.status, err.retryAfterSeconds, err.message);
  }
  return byStatus(0, null, messageOf(err));
}

/**
 * Milliseconds to wait before try number `attempt` (0-based): "equal jitter" on 1 s, 2 s, 4 s … capped
 * at a minute, so a crowd of failed files spreads out. A server's Retry-After replaces it, plus up to
 * 20% of it, so the files it refused do not all come back in the same instant.
 */
export function backoffMs(attempt: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  const exp = Math.min(MAX_BACKOFF_MS, BASE_MS * 2 ** Math.max(0, attempt));
  const jittered = exp / 2 + random() * (exp / 2);
  return Math.round(retryAfterMs === null ? jittered : retryAfterMs * (1 + 0.2 * random()));
}
