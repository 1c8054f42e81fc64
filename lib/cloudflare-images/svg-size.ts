/**
 * The size an SVG is shown at, from its root element: `width`/`height` in px or unitless (relative and
 * physical units count as unknown), else the viewBox; a missing side follows the viewBox's aspect ratio,
 * as in browsers. One rule for the service (which records it) and the app (which shapes tiles with it).
 */

export interface SvgRootAttributes {
  width: string | null;
  height: string | null;
  viewBox: string | null;
}

const PX = /^\s*(\d*\.?\d+(?:e[+-]?\d+)?)\s*(?:px)?\s*$/i;

function pixels(value: string | null): number | null {
  return Number(PX.exec(value ?? '')?.[1] ?? Number.NaN) || null;
}

/** The viewBox's width and height, or null when it is missing or not four numbers with a positive size. */
function viewBoxSize(value: string | null): [number, number] | null {
  const box = (value ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  const [, , w, h] = box;
  return box.length === 4 && box.every(Number.isFinite) && w !== undefined && h !== undefined && w > 0 && h > 0
    ? [w, h]
    : null;
}

const rounded = (n: number | null) => (n !== null && Number.isFinite(n) ? Math.max(1, Math.round(n)) : null);

/** Width and height in whole pixels; a side that cannot be known is null. */
export function svgIntrinsicSize(attrs: SvgRootAttributes): { width: number | null; height: number | null } {
  let width = pixels(attrs.width);
  let height = pixels(attrs.height);
  const box = viewBoxSize(attrs.viewBox);
  if (box) {
    const [bw, bh] = box;
    if (width === null && height === null) [width, height] = [bw, bh];
    else if (width === null && height !== null) width = (height * bw) / bh;
    else if (height === null && width !== null) height = (width * bh) / bw;
  }
  return { width: rounded(width), height: rounded(height) };
}

/** The root `<svg>` element's sizing attributes, read from the text (for callers without a DOM). */
export function svgRootAttributes(text: string): SvgRootAttributes {
  const root = /<svg\b[^>]*>/i.exec(text)?.[0] ?? '';
  const attr = (name: string) =>
    new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
      .exec(root)
      ?.slice(1)
      .find((v) => v !== undefined) ?? null;
  return { width: attr('width'), height: attr('height'), viewBox: attr('viewBox') };
}
