/**
 * Output sizes by Cloudflare's fit rules, computed from the upright size alone (no decoding), so
 * format choice and limits are decided before any work, and the app knows its variants' widths.
 */
import type { TransformOptions } from './options';

/** The size after trim and rotation, before any resize. */
export function baseSize(width: number, height: number, o: TransformOptions): { width: number; height: number } {
  let w = width;
  let h = height;
  if (o.trim) {
    w = Math.max(1, w - o.trim[1] - o.trim[3]);
    h = Math.max(1, h - o.trim[0] - o.trim[2]);
  }
  return o.rotate === 90 || o.rotate === 270 ? { width: h, height: w } : { width: w, height: h };
}

/**
 * The output size for an input of `width`×`height` (already upright), computed without decoding,
 * so format choice and limits are decided before any work.
 */
export function planSize(width: number, height: number, o: TransformOptions): { width: number; height: number } {
  const { width: w, height: h } = baseSize(width, height, o);
  const tw = o.width !== undefined ? Math.round(o.width * o.dpr) : undefined;
  const th = o.height !== undefined ? Math.round(o.height * o.dpr) : undefined;
  if (tw === undefined && th === undefined) return { width: w, height: h };
  const sx = tw !== undefined ? tw / w : Infinity;
  const sy = th !== undefined ? th / h : Infinity;
  const scaled = (s: number) => ({ width: Math.max(1, Math.round(w * s)), height: Math.max(1, Math.round(h * s)) });
  const both = tw !== undefined && th !== undefined;
  switch (o.fit) {
    case 'scale-down':
      return scaled(Math.min(sx, sy, 1));
    case 'contain':
      return scaled(Math.min(sx, sy));
    case 'crop':
      if (!both || w < tw || h < th) return scaled(Math.min(sx, sy, 1));
      return { width: tw, height: th };
    case 'cover':
    case 'pad':
    case 'squeeze':
      return both ? { width: tw, height: th } : scaled(Math.min(sx, sy));
  }
}
