import { describe, expect, it } from 'vitest';
import { ApiRequestError, parseRetryAfter } from '@/lib/queries/images';
import { backoffMs, classify } from './upload-retry';
import { ServiceUploadError } from './xhr-upload';

describe('classify', () => {
  it('retries 429, 408, 5xx and network errors by itself; a 429 with a wait does not use up a try', () => {
    expect(classify(new ServiceUploadError('busy', 429, 3))).toMatchObject({
      kind: 'transient',
      retryAfterMs: 3000,
      counts: false,
    });
    expect(classify(new ServiceUploadError('slow', 408))).toMatchObject({ kind: 'transient', counts: true });
    expect(classify(new ApiRequestError(503, 'busy', 'busy', 2))).toMatchObject({
      kind: 'transient',
      retryAfterMs: 2000,
    });
    expect(classify(new TypeError('Failed to fetch'))).toMatchObject({ kind: 'transient', retryAfterMs: null });
  });

  it('never retries wrong type, too big or any other 4xx', () => {
    expect(classify(new ServiceUploadError('Unsupported image', 415))).toEqual({
      kind: 'permanent',
      message: 'Unsupported image',
    });
    expect(classify(new ServiceUploadError('Too big', 413)).kind).toBe('permanent');
    expect(classify(new ApiRequestError(403, 'forbidden', 'No')).kind).toBe('permanent');
  });

  it('sends again with a fresh URL when the URL expired, and only records when it was already used', () => {
    expect(classify(new ServiceUploadError('expired', 410))).toMatchObject({ kind: 'transient', urlDead: true });
    expect(classify(new ApiRequestError(410, 'gone', 'gone'))).toMatchObject({ kind: 'transient', urlDead: true });
    expect(classify(new ServiceUploadError('already used', 409)).kind).toBe('sent');
  });
});

describe('backoffMs', () => {
  it('doubles with jitter between half and all of the step, capped at a minute', () => {
    expect([0, 1, 2, 3].map((n) => backoffMs(n, null, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([0, 1, 2, 3].map((n) => backoffMs(n, null, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(20, null, () => 1)).toBe(60_000);
  });

  it('waits at least the Retry-After, plus up to a fifth of it', () => {
    expect(backoffMs(0, 10_000, () => 0)).toBe(10_000);
    expect(backoffMs(5, 10_000, () => 1)).toBe(12_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', Date.parse('2026-01-01T00:00:00Z'))).toBe(30);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});
