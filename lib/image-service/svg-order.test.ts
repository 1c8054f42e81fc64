import { describe, expect, it } from 'vitest';
import { isLarge, largeMayStart, pickNext, type Ranked, rankOf, SMALL_SVG_BYTES } from './svg-order';

const job = (size: number, arrivedAt: number, seq: number): Ranked => ({
  rank: rankOf(size, arrivedAt),
  seq,
  large: isLarge(size),
});

describe('SVG work order', () => {
  it('takes the smallest waiting file first', () => {
    const waiting = [job(900_000, 0, 0), job(200_000, 0, 1), job(300, 0, 2)];
    expect(pickNext(waiting, true)).toBe(2);
  });

  it('lets a big file that waited long enough go before a small one that just arrived (aging)', () => {
    const big = job(1_000_000, 0, 0);
    expect(pickNext([big, job(300, 1_000, 1)], true)).toBe(1); // 1 s later: the small one still goes first
    expect(pickNext([big, job(300, 60_000, 1)], true)).toBe(0); // a minute later: the big one's turn
  });

  it('breaks ties by arrival', () => {
    expect(pickNext([job(500, 0, 4), job(500, 0, 3)], true)).toBe(1);
  });

  it('keeps the last free worker for small files when there is more than one', () => {
    expect(largeMayStart(1, 0)).toBe(true);
    expect(largeMayStart(2, 0)).toBe(true);
    expect(largeMayStart(2, 1)).toBe(false);
    expect(largeMayStart(4, 2)).toBe(true);
    const waiting = [job(SMALL_SVG_BYTES + 1, 0, 0), job(SMALL_SVG_BYTES, 5_000, 1)];
    expect(pickNext(waiting, false)).toBe(1);
    expect(pickNext([job(SMALL_SVG_BYTES + 1, 0, 0)], false)).toBe(-1);
  });
});
