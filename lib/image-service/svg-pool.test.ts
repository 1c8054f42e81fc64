/**
 * The deadlines are timers of the main thread, so they run on a fake clock here: a test moves time on
 * by hand while the worker thread works in real time, and no result depends on how busy the machine is.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sanitizeSvg } from './svg';
import { sanitizeSvgOffThread } from './svg-pool';

const NS = 'http://www.w3.org/2000/svg';
const small = Buffer.from(`<svg xmlns="${NS}" width="4" height="3"><rect width="1" height="1"/></svg>`);
const big = Buffer.from(
  `<svg xmlns="${NS}">${Array.from({ length: 8000 }, (_, i) => `<path d="M${i} 0 L${i} 9"/>`).join('')}</svg>`,
);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('sanitizeSvgOffThread', () => {
  it('sanitizes on the worker and returns the same result as inline', async () => {
    const result = await sanitizeSvgOffThread(small);
    expect(result).toMatchObject({ ok: true, width: 4, height: 3 });
    expect(result).toEqual(sanitizeSvg(small));
  });

  it('counts a deadline from when the worker starts on a file, so files queued behind a slow one are not refused', async () => {
    const slow = sanitizeSvgOffThread(big, 60_000);
    const queued = Array.from({ length: 3 }, () => sanitizeSvgOffThread(small, 500));
    // Still in this tick, so the worker cannot have answered: the queued files wait past their 500 ms.
    vi.advanceTimersByTime(1000);
    const results = await Promise.all([slow, ...queued]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true]);
  });

  it('refuses a file past its deadline and carries on with a fresh worker for the next', async () => {
    const late = sanitizeSvgOffThread(big, 1000);
    const after = sanitizeSvgOffThread(small);
    vi.advanceTimersByTime(1000); // the drawing's deadline passes before the worker could answer
    expect(await late).toMatchObject({ ok: false, reason: expect.stringMatching(/too complex/) });
    expect(await after).toMatchObject({ ok: true });
  });
});
