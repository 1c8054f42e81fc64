import { describe, expect, it } from 'vitest';
import { sanitizeSvgOffThread } from './svg-pool';

const NS = 'http://www.w3.org/2000/svg';
const small = Buffer.from(`<svg xmlns="${NS}" width="4" height="3"><rect width="1" height="1"/></svg>`);
const big = Buffer.from(
  `<svg xmlns="${NS}">${Array.from({ length: 8000 }, (_, i) => `<path d="M${i} 0 L${i} 9"/>`).join('')}</svg>`,
);

describe('sanitizeSvgOffThread', () => {
  it('sanitizes on the worker and returns the same result as inline', async () => {
    const result = await sanitizeSvgOffThread(small);
    expect(result).toMatchObject({ ok: true, width: 4, height: 3 });
  });

  it('counts a deadline from when the worker starts on a file, so files queued behind a slow one are not refused', async () => {
    const slow = sanitizeSvgOffThread(big, 60_000);
    const queued = Array.from({ length: 3 }, () => sanitizeSvgOffThread(small, 500));
    const results = await Promise.all([slow, ...queued]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true]);
  });

  it('refuses a file past its deadline and carries on with a fresh worker for the next', async () => {
    const [late, after] = await Promise.all([sanitizeSvgOffThread(big, 1), sanitizeSvgOffThread(small)]);
    expect(late).toMatchObject({ ok: false, reason: expect.stringMatching(/too complex/) });
    expect(after).toMatchObject({ ok: true });
  });
});
