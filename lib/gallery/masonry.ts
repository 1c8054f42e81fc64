/**
 * Masonry layout for the gallery: N equal columns, each tile goes to the shortest column.
 * Positions are computed from the image sizes the API already knows, so every tile has its final
 * place before any pixel arrives, and appending a page never moves a tile that is already laid out.
 */

export interface Sized {
  width: number;
  height: number;
}

export interface TilePosition {
  left: number;
  top: number;
  width: number;
  imageHeight: number;
}

export interface MasonryLayout {
  columns: number;
  gap: number;
  columnWidth: number;
  positions: TilePosition[];
  height: number;
}

/** Title and owner lines under each image; the CSS reads this same number. */
export const CAPTION_HEIGHT = 46;

/** Extreme panoramas and strips are cropped to these proportions so no tile becomes a sliver. */
const MIN_RATIO = 1 / 3;
const MAX_RATIO = 4;

/** Column count by container width (px): [below this width, columns, gap]. */
const BREAKPOINTS: readonly (readonly [number, number, number])[] = [
  [560, 2, 8],
  [840, 3, 12],
  [1120, 4, 12],
];
const WIDEST = { columns: 5, gap: 12 };

/** Horizontal padding of `.page` (1rem at the 15px root size) and its max width, for `sizes`. */
const PAGE_PADDING = 30;
const PAGE_MAX = 1280;

export function displayRatio(item: Sized): number {
  const ratio = item.width > 0 && item.height > 0 ? item.width / item.height : 1;
  return Math.min(MAX_RATIO, Math.max(MIN_RATIO, ratio));
}

export function columnsFor(containerWidth: number): { columns: number; gap: number } {
  for (const [below, columns, gap] of BREAKPOINTS) if (containerWidth < below) return { columns, gap };
  return WIDEST;
}

export function masonryLayout(items: readonly Sized[], containerWidth: number): MasonryLayout {
  const { columns, gap } = columnsFor(containerWidth);
  const columnWidth = Math.max(0, (containerWidth - gap * (columns - 1)) / columns);
  const heights = new Array<number>(columns).fill(0);
  const positions = items.map((item) => {
    let column = 0;
    for (let c = 1; c < columns; c++) if ((heights[c] ?? 0) < (heights[column] ?? 0)) column = c;
    const top = heights[column] ?? 0;
    const imageHeight = columnWidth / displayRatio(item);
    heights[column] = top + imageHeight + CAPTION_HEIGHT + gap;
    return { left: column * (columnWidth + gap), top, width: columnWidth, imageHeight };
  });
  return { columns, gap, columnWidth, positions, height: Math.max(0, Math.max(...heights) - gap) };
}

/** The `sizes` attribute for grid tiles, derived from the same breakpoints as the layout. */
export const GRID_SIZES = [
  ...BREAKPOINTS.map(([below, columns, gap]) => {
    const fixed = PAGE_PADDING + gap * (columns - 1);
    return `(max-width: ${below + PAGE_PADDING - 1}px) calc((100vw - ${fixed}px) / ${columns})`;
  }),
  `calc((min(100vw, ${PAGE_MAX}px) - ${PAGE_PADDING + WIDEST.gap * (WIDEST.columns - 1)}px) / ${WIDEST.columns})`,
].join(', ');
