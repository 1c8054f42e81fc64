import { describe, expect, it } from 'vitest';
import { CAPTION_HEIGHT, columnsFor, displayRatio, GRID_SIZES, masonryLayout } from './masonry';
import { variantSrcSet } from './srcset';

const sizes = [
  { width: 900, height: 1350 },
  { width: 3000, height: 800 },
  { width: 1000, height: 1000 },
  { width: 700, height: 1800 },
  { width: 1920, height: 1080 },
];

describe('masonry layout', () => {
  it('uses two columns on a 375 px phone and five at full desktop width', () => {
    expect(columnsFor(375 - 30).columns).toBe(2);
    expect(columnsFor(1280 - 30).columns).toBe(5);
  });

  it('gives every tile the height its proportions need, plus the caption', () => {
    const layout = masonryLayout(sizes, 345);
    const first = layout.positions[0];
    expect(first?.imageHeight).toBeCloseTo(layout.columnWidth * 1.5);
    // The second tile starts the second column; the third goes under the shorter one (the panorama).
    expect(layout.positions[1]?.top).toBe(0);
    expect(layout.positions[2]?.left).toBe(layout.positions[1]?.left);
    expect(layout.positions[2]?.top).toBeCloseTo(layout.columnWidth / 3.75 + CAPTION_HEIGHT + layout.gap);
  });

  it('never moves tiles already placed when a page is appended', () => {
    const before = masonryLayout(sizes, 1000).positions;
    const after = masonryLayout([...sizes, ...sizes], 1000).positions;
    expect(after.slice(0, sizes.length)).toEqual(before);
  });

  it('crops only extreme proportions', () => {
    expect(displayRatio({ width: 3000, height: 800 })).toBe(3.75);
    expect(displayRatio({ width: 10_000, height: 100 })).toBe(4);
    expect(displayRatio({ width: 100, height: 10_000 })).toBeCloseTo(1 / 3);
  });

  it('describes the same breakpoints in `sizes`', () => {
    expect(GRID_SIZES).toContain('(max-width: 589px) calc((100vw - 38px) / 2)');
    expect(GRID_SIZES.endsWith('/ 5)')).toBe(true);
  });
});

describe('variantSrcSet', () => {
  it('lists each real width once, smallest first', () => {
    const image = {
      urls: { thumbnail: 't', mobile: 'm', desktop: 'd' },
      widths: { thumbnail: 300, mobile: 300, desktop: 300 },
    };
    expect(variantSrcSet(image, ['thumbnail', 'mobile', 'desktop'])).toBe('t 300w');
    const big = {
      urls: { thumbnail: 't', mobile: 'm', desktop: 'd' },
      widths: { thumbnail: 400, mobile: 828, desktop: 1920 },
    };
    expect(variantSrcSet(big, ['desktop', 'mobile'])).toBe('m 828w, d 1920w');
  });
});
