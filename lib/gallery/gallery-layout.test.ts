import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gridStyle, tileStyle } from './layout-style';
import {
  BREAKPOINTS,
  CAPTION_HEIGHT,
  columnsFor,
  displayRatio,
  GRID_SIZES,
  LAYOUT_COLUMNS,
  linearMasonry,
  masonryLayout,
  responsiveMasonry,
} from './masonry';
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

describe('responsive masonry (CSS-placed, for the server render)', () => {
  it('places tiles exactly where masonryLayout does at the width each column count is balanced for', () => {
    for (const [container, columns] of [
      [345, 2],
      [700, 3],
      [980, 4],
      [1250, 5],
    ] as const) {
      const exact = masonryLayout([...sizes, ...sizes], container);
      const linear = responsiveMasonry([...sizes, ...sizes]).find((l) => l.columns === columns);
      expect(exact.columns).toBe(columns);
      linear?.placements.forEach((p, i) => {
        const pos = exact.positions[i];
        expect(p.a * exact.columnWidth + p.b).toBeCloseTo(pos?.top ?? -1, 6);
        expect(p.column * (exact.columnWidth + exact.gap)).toBeCloseTo(pos?.left ?? -1, 6);
      });
    }
  });

  it('never overlaps tiles at other widths of the same breakpoint', () => {
    const layout = linearMasonry([...sizes, ...sizes, ...sizes], 2, 8);
    for (const w of [141, 200, 275]) {
      const bottoms = new Map<number, number>();
      layout.placements.forEach((p, i) => {
        const top = p.a * w + p.b;
        expect(top).toBeGreaterThanOrEqual(bottoms.get(p.column) ?? 0);
        const item = [...sizes, ...sizes, ...sizes][i] ?? { width: 1, height: 1 };
        bottoms.set(p.column, top + w / displayRatio(item) + CAPTION_HEIGHT);
      });
    }
  });

  it('writes each tile place and the list height as custom properties per column count', () => {
    const layouts = responsiveMasonry(sizes.slice(0, 2));
    const tile = tileStyle(layouts, 1);
    expect(tile['--c2']).toBe(1);
    expect(tile['--a2']).toBe(0);
    expect(tile['--c5']).toBe(1);
    const grid = gridStyle(layouts);
    expect(grid['--h2']).toBe('max(calc(1.5 * var(--w) + 46px), calc(0.2667 * var(--w) + 46px))');
  });

  it('has a container query in gallery.module.css for every breakpoint of the layout', () => {
    const css = readFileSync(new URL('../../components/gallery/gallery.module.css', import.meta.url), 'utf8').replace(
      /\s+/g,
      ' ',
    );
    let from = 0;
    for (const { columns, gap } of LAYOUT_COLUMNS) {
      const below = BREAKPOINTS.find(([, c]) => c === columns)?.[0];
      const range =
        below === undefined ? `width >= ${from}px` : from ? `${from}px <= width < ${below}px` : `width < ${below}px`;
      expect(css).toContain(
        `@container (${range}) { .grid { --n: ${columns}; --gap: ${gap}px; --h: var(--h${columns}); }`,
      );
      from = below ?? from;
    }
  });
});
