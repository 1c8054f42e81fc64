import { describe, expect, it } from 'vitest';
import { variantWidth } from '@/lib/images/variants';
import { type GalleryVariant, LIGHTBOX_VARIANTS } from '@/lib/schemas/variant';
import { lightboxSizes, tileVariants } from './ladder';
import { columnsFor, coverScale, gridSizes, HIGH_DENSITY, PAGE_MAX, PAGE_PADDING, TILE_DENSITY_CAP } from './masonry';

/** Image shapes: panorama beyond the tile's crop, wide, landscape, square, portrait, a phone screenshot. */
const ASPECTS = [8, 4, 16 / 9, 3 / 2, 1, 3 / 4, 2 / 3, 9 / 19.5];
const DPRS = [1, 2, 3];
/** Long side of the originals: big enough that no variant is capped by the original. */
const ORIGINAL = 6000;

function original(aspect: number): { width: number; height: number } {
  return aspect >= 1
    ? { width: ORIGINAL, height: Math.round(ORIGINAL / aspect) }
    : { width: Math.round(ORIGINAL * aspect), height: ORIGINAL };
}

/** The width one entry of our `sizes` grammar gives at a viewport width (the same arithmetic the browser does). */
function evaluateLength(expr: string, vw: number): number {
  const m = /^calc\(\((min\(100vw, (\d+)px\)|100vw) - (\d+)px\) \/ (\d+)(?: \* ([\d.]+))?\)$/.exec(expr);
  if (!m) throw new Error(`unexpected sizes entry: ${expr}`);
  const base = m[2] ? Math.min(vw, Number(m[2])) : vw;
  return ((base - Number(m[3])) / Number(m[4])) * Number(m[5] ?? 1);
}

/** The slot width a `sizes` attribute selects at a viewport width and density: the first entry whose media matches. */
function evaluateSizes(sizes: string, vw: number, dpr = 1): number {
  for (const entry of sizes.split(/, (?=\(m|calc)/)) {
    const m = /^(?:\(min-resolution: ([\d.]+)dppx\) (?:and )?)?(?:\(max-width: (\d+)px\) )?(calc.*)$/.exec(entry);
    if (!m) throw new Error(`unexpected sizes entry: ${entry}`);
    if (m[1] && dpr < Number(m[1])) continue;
    if (m[2] && vw > Number(m[2])) continue;
    return evaluateLength(m[3] ?? '', vw);
  }
  throw new Error('sizes has no default entry');
}

/** What a browser picks from a `w` srcset: the narrowest candidate covering the need, else the widest. */
function pick(candidates: readonly number[], needed: number): number {
  const sorted = [...new Set(candidates)].sort((a, b) => a - b);
  return sorted.find((w) => w >= needed) ?? (sorted.at(-1) as number);
}

const widthsOf = (variants: readonly GalleryVariant[], size: { width: number; height: number }) =>
  variants.map((v) => variantWidth(v, size.width, size.height));

describe('grid tiles: sizes and the variant ladder', () => {
  it('says in `sizes` the column width the masonry layout draws, at every viewport width', () => {
    for (let vw = 320; vw <= 1600; vw++) {
      const container = Math.min(vw, PAGE_MAX) - PAGE_PADDING;
      const { columns, gap } = columnsFor(container);
      const column = (container - gap * (columns - 1)) / columns;
      for (const dpr of [1, 2, 2.25]) {
        expect(evaluateSizes(gridSizes(), vw, dpr)).toBeCloseTo(column, 6);
        expect(evaluateSizes(gridSizes(2), vw, dpr)).toBeCloseTo(column * 2, 6);
      }
      // From 2.5× on the slot shrinks so the tile is asked for at TILE_DENSITY_CAP device pixels per CSS pixel.
      expect((evaluateSizes(gridSizes(), vw, 3) * 3) / column).toBeCloseTo(TILE_DENSITY_CAP, 2);
      expect((evaluateSizes(gridSizes(2), vw, 3) * 3) / (column * 2)).toBeCloseTo(TILE_DENSITY_CAP, 2);
    }
  });

  it('never picks more than 1.5× the pixels a tile draws across (~1.55× for panoramas), nor fewer, at any width, DPR and shape', () => {
    let checked = 0;
    for (const aspect of ASPECTS) {
      const size = original(aspect);
      const candidates = widthsOf(tileVariants(size), size);
      const sizes = gridSizes(coverScale(size));
      // A panorama cropped into its tile is drawn wider than the tile, past the tiles' ladder, into
      // the lightbox's 828 → 1280 step.
      const limit = coverScale(size) > 1 ? 1.55 : 1.5;
      for (let vw = 320; vw <= 1600; vw++) {
        for (const dpr of DPRS) {
          const where = `aspect ${aspect.toFixed(2)}, ${vw} px at ${dpr}×`;
          const needed = evaluateSizes(sizes, vw, dpr) * dpr;
          const chosen = pick(candidates, needed);
          expect(chosen / needed, where).toBeLessThanOrEqual(limit);
          expect(chosen, where).toBeGreaterThanOrEqual(needed);
          // Asked for at the screen's density, or TILE_DENSITY_CAP on 3× screens.
          const drawn = evaluateSizes(sizes, vw, 1);
          expect(needed / drawn, where).toBeCloseTo(dpr >= HIGH_DENSITY ? TILE_DENSITY_CAP : dpr, 2);
          checked++;
        }
      }
    }
    expect(checked).toBe(ASPECTS.length * 1281 * DPRS.length);
  });

  it('gives a 375 px phone at 3× the 300 px rung for its ~169 px tiles, not 675 or 828 px', () => {
    const size = original(3 / 2);
    const needed = evaluateSizes(gridSizes(), 375, 3) * 3;
    expect(needed).toBeCloseTo(169 * 1.5, -1);
    expect(pick(widthsOf(tileVariants(size), size), needed)).toBe(300);
    // At 1× the same phone takes the 200 px rung: 3× gets (300 / 200)² ≈ 2.25× the pixels, not (675 / 200)² ≈ 11×.
    expect(pick(widthsOf(tileVariants(size), size), evaluateSizes(gridSizes(), 375, 1))).toBe(200);
  });

  it('offers a small original at its own width, however wide the tile', () => {
    const size = { width: 500, height: 375 };
    const candidates = widthsOf(tileVariants(size), size);
    expect(Math.max(...candidates)).toBe(500);
    expect(pick(candidates, evaluateSizes(gridSizes(), 1280) * 3)).toBe(500);
  });
});

describe('lightbox: sizes and the variant ladder', () => {
  const VIEWPORTS = [
    [320, 568],
    [375, 812],
    [414, 896],
    [768, 1024],
    [1024, 768],
    [1280, 800],
    [1440, 900],
    [1920, 1080],
  ] as const;

  it('picks at most ~1.5× the drawn width, and never less below the largest variant', () => {
    for (const aspect of ASPECTS) {
      const size = original(aspect);
      const candidates = widthsOf(LIGHTBOX_VARIANTS, size);
      const largest = Math.max(...candidates);
      // lightboxSizes is `min(100vw, calc((100vh - 110px) * ratio))`.
      const ratio = Number(/\* ([\d.]+)\)\)$/.exec(lightboxSizes(size))?.[1]);
      for (const [vw, vh] of VIEWPORTS) {
        for (const dpr of DPRS) {
          const needed = Math.min(vw, (vh - 110) * ratio) * dpr;
          const chosen = pick(candidates, needed);
          const where = `aspect ${aspect.toFixed(2)}, ${vw}×${vh} at ${dpr}×`;
          expect(chosen / needed, where).toBeLessThanOrEqual(1.55);
          if (chosen < needed) expect(chosen, where).toBe(largest);
        }
      }
    }
  });
});
