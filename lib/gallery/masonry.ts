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

/** Column count by container width (px): [below this width, columns, gap]. gallery.module.css repeats these. */
export const BREAKPOINTS: readonly (readonly [number, number, number])[] = [
  [560, 2, 8],
  [840, 3, 12],
  [1120, 4, 12],
];
export const WIDEST = { columns: 5, gap: 12 };

/** Horizontal padding of `.page` (1rem at the 15px root size) and its max width, for `sizes`. */
export const PAGE_PADDING = 30;
export const PAGE_MAX = 1280;

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

/**
 * On 3× screens (phones) tiles are asked for at 1.5 device pixels per CSS pixel, which the ladder rounds
 * up to its next rung (~1.8): full 3× density costs ~5× the bytes of 1× for detail a 169 px tile hides,
 * and the first screen of a phone would load 6× the bytes of the same phone at 1× (measured by
 * `npm run bench`, whose target is 2×). 2× and 2.25× screens are served in full.
 */
export const TILE_DENSITY_CAP = 1.5;
/** Screens from this density on get the capped slot. */
export const HIGH_DENSITY = 2.5;
const HIGH_DENSITY_SCALE = Number((TILE_DENSITY_CAP / 3).toFixed(3));

/** `sizes` entries for the layout's breakpoints: the column width times `scale`, all under `media` when given. */
function columnEntries(scale: number, media?: string): string[] {
  const times = scale === 1 ? '' : ` * ${Number(scale.toFixed(3))}`;
  const under = (condition?: string) => [media, condition].filter(Boolean).join(' and ');
  return [
    ...BREAKPOINTS.map(([below, columns, gap]) => {
      const fixed = PAGE_PADDING + gap * (columns - 1);
      return `${under(`(max-width: ${below + PAGE_PADDING - 1}px)`)} calc((100vw - ${fixed}px) / ${columns}${times})`;
    }),
    `${media ? `${media} ` : ''}calc((min(100vw, ${PAGE_MAX}px) - ${PAGE_PADDING + WIDEST.gap * (WIDEST.columns - 1)}px) / ${WIDEST.columns}${times})`,
  ];
}

/**
 * The `sizes` attribute for grid tiles, derived from the same breakpoints as the layout: the column
 * width, times `scale` for images drawn wider than their tile (see `coverScale`), and on screens of
 * `HIGH_DENSITY` or more the slot that caps them at `TILE_DENSITY_CAP` device pixels per CSS pixel.
 */
export function gridSizes(scale = 1): string {
  return [
    ...columnEntries(scale * HIGH_DENSITY_SCALE, `(min-resolution: ${HIGH_DENSITY}dppx)`),
    ...columnEntries(scale),
  ].join(', ');
}

export const GRID_SIZES = gridSizes();

/**
 * How much wider than its tile an image is drawn: a panorama beyond MAX_RATIO fills the tile's height
 * (`object-fit: cover`), so its drawn width is the tile's times this. Tall images fill the width: 1.
 */
export function coverScale(item: Sized): number {
  const ratio = item.width > 0 && item.height > 0 ? item.width / item.height : 1;
  return Math.max(1, ratio / MAX_RATIO);
}

/**
 * A tile's place for one column count, in terms of the column width `w` the browser will have:
 * `top = a × w + b`. Tops are sums of image heights (each w / ratio) and fixed captions and gaps, so
 * they are linear in w and CSS can compute them (`calc()`) without knowing the width in JavaScript.
 */
export interface LinearPlacement {
  column: number;
  a: number;
  b: number;
}

export interface ColumnLayout {
  columns: number;
  gap: number;
  placements: LinearPlacement[];
  /** Each column's bottom as `a × w + b` (its last tile's end, without a trailing gap). */
  bottoms: { a: number; b: number }[];
}

/** The container width each column count is balanced for: the middle of its range (a phone for 2). */
const BALANCE_WIDTH: Record<number, number> = { 2: 345, 3: 700, 4: 980, 5: PAGE_MAX - PAGE_PADDING };

/**
 * Masonry for one column count whose positions hold at every width of its breakpoint: tiles go to
 * the shortest column as measured at a typical width, and their tops stay exact (no overlap) at any
 * other width. This is what lets the server render the grid before any script has measured anything.
 */
export function linearMasonry(items: readonly Sized[], columns: number, gap: number): ColumnLayout {
  const balanceWidth = BALANCE_WIDTH[columns] ?? PAGE_MAX;
  const w = (balanceWidth - gap * (columns - 1)) / columns;
  const ends = Array.from({ length: columns }, () => ({ a: 0, b: 0 }));
  const placements = items.map((item) => {
    let column = 0;
    for (let c = 1; c < columns; c++) {
      const end = ends[c];
      const shortest = ends[column];
      if (end && shortest && end.a * w + end.b < shortest.a * w + shortest.b) column = c;
    }
    const end = ends[column] ?? { a: 0, b: 0 };
    const placement = { column, a: end.a, b: end.b };
    ends[column] = { a: end.a + 1 / displayRatio(item), b: end.b + CAPTION_HEIGHT + gap };
    return placement;
  });
  const bottoms = ends.map((e) => (e.a === 0 ? e : { a: e.a, b: e.b - gap }));
  return { columns, gap, placements, bottoms };
}

/** Every column count the grid can show, from the same breakpoints as `columnsFor`. */
export const LAYOUT_COLUMNS: readonly { columns: number; gap: number }[] = [
  ...BREAKPOINTS.map(([, columns, gap]) => ({ columns, gap })),
  WIDEST,
];

export function responsiveMasonry(items: readonly Sized[]): ColumnLayout[] {
  return LAYOUT_COLUMNS.map(({ columns, gap }) => linearMasonry(items, columns, gap));
}
