import { describe, expect, it } from 'vitest';
import {
  formatMegabytes,
  guessType,
  initialUploadState,
  nextToStart,
  refusalReason,
  summarize,
  type UploadAction,
  type UploadItem,
  type UploadState,
  uploadReducer,
} from '@/components/upload/upload-queue';
import { uploadFailure } from '@/components/upload/xhr-upload';
import { MAX_UPLOAD_BYTES } from '@/lib/cloudflare-images/limits';

const file = (name: string, size = 10, type = 'image/png') => new File([new Uint8Array(size)], name, { type });

function item(key: string, overrides: Partial<UploadItem> = {}): UploadItem {
  return {
    key,
    file: file(`${key}.png`),
    type: 'image/png',
    previewUrl: null,
    status: { kind: 'waiting' },
    attempt: 0,
    recordId: null,
    tries: 0,
    ...overrides,
  };
}

const run = (state: UploadState, ...actions: UploadAction[]) => actions.reduce(uploadReducer, state);
const statusOf = (state: UploadState, key: string) => state.items.find((i) => i.key === key)?.status;

describe('browser-side checks', () => {
  it('refuses the wrong type, empty files and files over the limit, with the file name', () => {
    expect(refusalReason(file('photo.tiff', 10, 'image/tiff'), 'image/tiff')).toBe(
      'photo.tiff: only JPEG, PNG, GIF, WebP, AVIF, HEIC and SVG images can be uploaded.',
    );
    expect(refusalReason(file('big.jpg', Math.round(12.3 * 1024 * 1024)), 'image/jpeg')).toBe(
      'big.jpg is 12.3 MB; the limit is 10 MB.',
    );
    expect(refusalReason(file('empty.png', 0), 'image/png')).toBe('empty.png is empty.');
    expect(refusalReason(file('ok.png'), 'image/png')).toBeNull();
    expect(refusalReason(file('max.png', MAX_UPLOAD_BYTES), 'image/png')).toBeNull();
  });

  it('never shows an over-limit size as the limit itself', () => {
    expect(formatMegabytes(MAX_UPLOAD_BYTES + 1)).toBe('10.00 MB');
  });

  it('falls back to the extension when the browser gives no type', () => {
    expect(guessType(file('IMG_1.AVIF', 10, ''))).toBe('image/avif');
    expect(guessType(file('notes', 10, ''))).toBe('');
  });
});

describe('uploadReducer', () => {
  it('starts at most three at a time, oldest first', () => {
    const state = run(initialUploadState, { type: 'add', items: ['a', 'b', 'c', 'd'].map((k) => item(k)) });
    expect(nextToStart(state.items, 0).map((i) => i.key)).toEqual(['a', 'b', 'c']);
    expect(nextToStart(state.items, 2).map((i) => i.key)).toEqual(['a']);
    expect(nextToStart(state.items, 3)).toEqual([]);
  });

  it('ignores late events from a cancelled attempt after a retry', () => {
    let state = run(initialUploadState, { type: 'add', items: [item('a')] }, { type: 'start', key: 'a' });
    state = run(state, { type: 'cancel', key: 'a' }, { type: 'retry', key: 'a' }, { type: 'start', key: 'a' });
    state = run(state, { type: 'failed', key: 'a', attempt: 0, message: 'aborted', resumable: false });
    expect(statusOf(state, 'a')).toEqual({ kind: 'uploading', loaded: 0, total: 10 });
    state = run(state, { type: 'progress', key: 'a', attempt: 2, loaded: 5, total: 10 });
    expect(statusOf(state, 'a')).toEqual({ kind: 'uploading', loaded: 5, total: 10 });
  });

  it('keeps the record id when only recording failed, so a retry skips the upload', () => {
    let state = run(initialUploadState, { type: 'add', items: [item('a')] }, { type: 'start', key: 'a' });
    state = run(
      state,
      { type: 'sent', key: 'a', attempt: 0, recordId: 'rec-1' },
      { type: 'failed', key: 'a', attempt: 0, message: 'x', resumable: true },
    );
    state = run(state, { type: 'retry', key: 'a' }, { type: 'start', key: 'a' });
    expect(statusOf(state, 'a')).toEqual({ kind: 'processing' });
    state = run(state, { type: 'done', key: 'a', attempt: 1, delayed: false });
    expect(state.items[0]).toMatchObject({ recordId: 'rec-1', status: { kind: 'done', delayed: false } });
  });

  it('stops at a duplicate warning; "Upload anyway" queues it again without the check, Skip removes it', () => {
    const match = { id: 'rec-9', title: 'Sunset' };
    let state = run(initialUploadState, { type: 'add', items: [item('a'), item('b')] }, { type: 'start', key: 'a' });
    state = run(state, { type: 'start', key: 'b' });
    state = run(
      state,
      { type: 'duplicate', key: 'a', attempt: 0, match },
      { type: 'duplicate', key: 'b', attempt: 0, match },
    );
    expect(statusOf(state, 'a')).toEqual({ kind: 'duplicate', match });
    expect(summarize(state.items)).toBe('2 already in the library');
    expect(nextToStart(state.items, 0)).toEqual([]);
    state = run(state, { type: 'uploadAnyway', key: 'a' }, { type: 'remove', key: 'b' });
    expect(state.items).toHaveLength(1);
    expect(state.items[0]).toMatchObject({ key: 'a', allowDuplicate: true, attempt: 1, status: { kind: 'waiting' } });
  });

  it('drops the record id when the upload itself must be redone', () => {
    let state = run(initialUploadState, { type: 'add', items: [item('a')] }, { type: 'start', key: 'a' });
    state = run(
      state,
      { type: 'sent', key: 'a', attempt: 0, recordId: 'rec-1' },
      { type: 'failed', key: 'a', attempt: 0, message: 'gone', resumable: false },
    );
    expect(state.items[0]?.recordId).toBeNull();
  });

  it('clears only done rows, and never removes a running one', () => {
    let state = run(initialUploadState, {
      type: 'add',
      items: [item('a'), item('b'), item('c', { status: { kind: 'refused', message: 'no' } })],
    });
    state = run(
      state,
      { type: 'start', key: 'a' },
      { type: 'start', key: 'b' },
      { type: 'sent', key: 'a', attempt: 0, recordId: 'r' },
    );
    state = run(
      state,
      { type: 'done', key: 'a', attempt: 0, delayed: false },
      { type: 'remove', key: 'b' },
      { type: 'clearFinished' },
    );
    expect(state.items.map((i) => i.key)).toEqual(['b', 'c']);
    expect(summarize(state.items)).toBe('1 uploading · 1 refused');
  });
});

describe('uploadFailure (the image service response)', () => {
  it('accepts a 2xx success envelope', () => {
    expect(uploadFailure(200, JSON.stringify({ success: true, errors: [], result: {} }))).toBeNull();
  });
  it('shows errors[0].message without the ERROR code prefix', () => {
    expect(
      uploadFailure(
        415,
        JSON.stringify({ success: false, errors: [{ code: 5455, message: 'ERROR 5455: Unsupported image format' }] }),
      ),
    ).toBe('Unsupported image format');
    expect(uploadFailure(200, JSON.stringify({ success: false, errors: [{ code: 1, message: 'Nope' }] }))).toBe('Nope');
  });
  it('copes with plain text and HTML bodies', () => {
    expect(uploadFailure(502, 'Bad gateway')).toBe('Bad gateway');
    expect(uploadFailure(500, '<html><body>oops</body></html>')).toBe(
      'The image service refused the upload (HTTP 500).',
    );
  });
});
