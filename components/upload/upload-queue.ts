/**
 * The uploader's state: one row per dropped file, changed only by this pure reducer. Side effects
 * (XHRs, object URLs) live in the component; they report back through actions tagged with the
 * row's `attempt`, so a late event from an aborted or superseded attempt is ignored.
 */
import { ACCEPTED_CONTENT_TYPES, contentTypeForFilename, formatNames } from '@/lib/cloudflare-images/formats';
import { MAX_UPLOAD_BYTES, megabytes } from '@/lib/cloudflare-images/limits';
import { formatBytes } from '@/lib/ui/format';

export const MAX_PARALLEL_UPLOADS = 3;

export type UploadStatus =
  | { kind: 'waiting' }
  | { kind: 'uploading'; loaded: number; total: number }
  | { kind: 'processing' }
  /** Refused for now (429, network, 5xx): tries again by itself at `at` (ms since the epoch). */
  | { kind: 'retrying'; message: string; at: number }
  | { kind: 'done'; delayed: boolean }
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled' }
  /** The library already holds this content; the row asks: Skip or Upload anyway. */
  | { kind: 'duplicate'; match: { id: string; title: string } }
  | { kind: 'refused'; message: string };

export interface UploadItem {
  key: string;
  file: File;
  /** What we tell the app the file is (the browser leaves `file.type` empty for some formats). */
  type: string;
  previewUrl: string | null;
  status: UploadStatus;
  /** Bumped whenever a running attempt is abandoned (cancel, retry). */
  attempt: number;
  /**
   * The app's record id once the image service accepted the bytes: a retry then only asks the app to
   * record it again, and a finished row links to it ("View").
   */
  recordId: string | null;
  /** Chosen "Upload anyway" after a duplicate warning. */
  allowDuplicate?: boolean;
  /** Automatic tries used up since the last click (see MAX_AUTO_TRIES). */
  tries: number;
}

export interface UploadState {
  items: UploadItem[];
}

export type UploadAction =
  | { type: 'add'; items: UploadItem[] }
  | { type: 'start'; key: string }
  | { type: 'progress'; key: string; attempt: number; loaded: number; total: number }
  | { type: 'sent'; key: string; attempt: number; recordId: string }
  | { type: 'done'; key: string; attempt: number; delayed: boolean }
  | { type: 'failed'; key: string; attempt: number; message: string; resumable: boolean }
  | { type: 'duplicate'; key: string; attempt: number; match: { id: string; title: string } }
  | { type: 'uploadAnyway'; key: string }
  | { type: 'retryLater'; key: string; attempt: number; message: string; at: number; counts: boolean; resend: boolean }
  | { type: 'wake'; key: string }
  | { type: 'refused'; key: string; attempt: number | null; message: string }
  | { type: 'retryAllFailed' }
  | { type: 'cancel'; key: string }
  | { type: 'retry'; key: string }
  | { type: 'remove'; key: string }
  | { type: 'clearFinished' };

export const initialUploadState: UploadState = { items: [] };

export const isActive = (s: UploadStatus) => s.kind === 'uploading' || s.kind === 'processing';
export const canCancel = (s: UploadStatus) => s.kind === 'waiting' || s.kind === 'uploading' || s.kind === 'retrying';
export const canRetry = (s: UploadStatus) => s.kind === 'failed' || s.kind === 'cancelled';

/** Not finished yet: waiting, running, or waiting to try again. */
export const isPending = (s: UploadStatus) => s.kind === 'waiting' || s.kind === 'retrying' || isActive(s);

const requeue = (item: UploadItem): UploadItem => ({
  ...item,
  attempt: item.attempt + 1,
  tries: 0,
  status: { kind: 'waiting' },
});

function update(state: UploadState, key: string, fn: (item: UploadItem) => UploadItem): UploadState {
  return { items: state.items.map((item) => (item.key === key ? fn(item) : item)) };
}

/** Applies `fn` only if the event comes from the attempt that is still running. */
function fromAttempt(
  state: UploadState,
  key: string,
  attempt: number,
  fn: (item: UploadItem) => UploadItem,
): UploadState {
  return update(state, key, (item) => (item.attempt === attempt && isActive(item.status) ? fn(item) : item));
}

export function uploadReducer(state: UploadState, action: UploadAction): UploadState {
  switch (action.type) {
    case 'add':
      return { items: [...state.items, ...action.items] };
    case 'start':
      // A retry after the bytes were accepted only asks the app again: straight to "Processing".
      return update(state, action.key, (item) =>
        item.status.kind !== 'waiting'
          ? item
          : {
              ...item,
              status: item.recordId ? { kind: 'processing' } : { kind: 'uploading', loaded: 0, total: item.file.size },
            },
      );
    case 'progress':
      return fromAttempt(state, action.key, action.attempt, (item) =>
        item.status.kind === 'uploading'
          ? { ...item, status: { kind: 'uploading', loaded: action.loaded, total: action.total } }
          : item,
      );
    case 'sent':
      return fromAttempt(state, action.key, action.attempt, (item) => ({
        ...item,
        recordId: action.recordId,
        status: { kind: 'processing' },
      }));
    case 'done':
      return fromAttempt(state, action.key, action.attempt, (item) => ({
        ...item,
        status: { kind: 'done', delayed: action.delayed },
      }));
    case 'failed':
      return fromAttempt(state, action.key, action.attempt, (item) => ({
        ...item,
        recordId: action.resumable ? item.recordId : null,
        status: { kind: 'failed', message: action.message },
      }));
    case 'duplicate':
      return fromAttempt(state, action.key, action.attempt, (item) => ({
        ...item,
        status: { kind: 'duplicate', match: action.match },
      }));
    case 'uploadAnyway':
      return update(state, action.key, (item) =>
        item.status.kind === 'duplicate'
          ? { ...item, allowDuplicate: true, attempt: item.attempt + 1, status: { kind: 'waiting' } }
          : item,
      );
    case 'retryLater':
      return fromAttempt(state, action.key, action.attempt, (item) => ({
        ...item,
        recordId: action.resend ? null : item.recordId,
        tries: item.tries + (action.counts ? 1 : 0),
        status: { kind: 'retrying', message: action.message, at: action.at },
      }));
    case 'wake':
      return update(state, action.key, (item) =>
        item.status.kind === 'retrying' ? { ...item, attempt: item.attempt + 1, status: { kind: 'waiting' } } : item,
      );
    case 'refused':
      // From a running attempt, or (attempt null) for a file still waiting whose URL the app refused.
      return update(state, action.key, (item) =>
        (
          action.attempt === null
            ? item.status.kind === 'waiting'
            : item.attempt === action.attempt && isActive(item.status)
        )
          ? { ...item, recordId: null, status: { kind: 'refused', message: action.message } }
          : item,
      );
    case 'retryAllFailed':
      return { items: state.items.map((item) => (item.status.kind === 'failed' ? requeue(item) : item)) };
    case 'cancel':
      return update(state, action.key, (item) =>
        canCancel(item.status) ? { ...item, attempt: item.attempt + 1, status: { kind: 'cancelled' } } : item,
      );
    case 'retry':
      return update(state, action.key, (item) => (canRetry(item.status) ? requeue(item) : item));
    case 'remove':
      return { items: state.items.filter((item) => item.key !== action.key || isActive(item.status)) };
    case 'clearFinished':
      return { items: state.items.filter((item) => item.status.kind !== 'done') };
  }
}

/** Rows to start now, oldest first, given how many uploads are already running and which rows may go. */
export function nextToStart(
  items: readonly UploadItem[],
  running: number,
  ready: (item: UploadItem) => boolean = () => true,
): UploadItem[] {
  const free = MAX_PARALLEL_UPLOADS - running;
  return free > 0 ? items.filter((item) => item.status.kind === 'waiting' && ready(item)).slice(0, free) : [];
}

/** "3 uploading · 2 waiting · 1 failed": what the live region announces as files change state. */
export function summarize(items: readonly UploadItem[]): string {
  const count = (...kinds: UploadStatus['kind'][]) => items.filter((item) => kinds.includes(item.status.kind)).length;
  const parts: [number, string][] = [
    [count('uploading', 'processing'), 'uploading'],
    [count('waiting'), 'waiting'],
    [count('retrying'), 'retrying'],
    [count('done'), 'done'],
    [count('failed'), 'failed'],
    [count('cancelled'), 'cancelled'],
    [count('refused'), 'refused'],
    [count('duplicate'), 'already in the library'],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${n} ${label}`)
    .join(' · ');
}

/** The file's type, or the one its extension names: some systems report none for newer formats (the service sniffs the bytes anyway). */
export function guessType(file: File): string {
  return file.type || contentTypeForFilename(file.name) || '';
}

const MB = 1024 * 1024;

/** "12.3 MB"; never rounds an over-limit size down to the limit itself ("10.0 MB; the limit is 10 MB"). */
export function formatMegabytes(bytes: number): string {
  const oneDecimal = (bytes / MB).toFixed(1);
  const tooCoarse = bytes > MAX_UPLOAD_BYTES && Number(oneDecimal) * MB <= MAX_UPLOAD_BYTES;
  return `${tooCoarse ? (bytes / MB).toFixed(2) : oneDecimal} MB`;
}

/** A row's file size: as everywhere else, except that an over-limit size must never read as the limit. */
export function formatSize(bytes: number): string {
  return bytes > MAX_UPLOAD_BYTES ? formatMegabytes(bytes) : formatBytes(bytes);
}

/** The same rules the API enforces, checked before anything is sent; null when the file may go. */
export function refusalReason(file: File, type: string): string | null {
  if (!(ACCEPTED_CONTENT_TYPES as readonly string[]).includes(type)) {
    return `${file.name}: only ${formatNames('and')} images can be uploaded.`;
  }
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > MAX_UPLOAD_BYTES)
    return `${file.name} is ${formatMegabytes(file.size)}; the limit is ${megabytes(MAX_UPLOAD_BYTES)}.`;
  return null;
}
