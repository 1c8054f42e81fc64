/**
 * Transformation options: parsed from a flexible-variant path segment (`w=400,fit=cover`) or from a
 * named variant, normalised into one shape, and planned (the output size is known before any work).
 */
import type { VariantOptions } from '@/lib/schemas/variant';

export type Fit = 'scale-down' | 'contain' | 'cover' | 'crop' | 'pad' | 'squeeze';
export type OutputFormat = 'avif' | 'webp' | 'jpeg' | 'png' | 'gif';
export type RequestedFormat = 'auto' | OutputFormat | 'baseline-jpeg';
export type Gravity =
  | { kind: 'center' }
  | { kind: 'auto' }
  | { kind: 'side'; side: 'left' | 'right' | 'top' | 'bottom' }
  | { kind: 'point'; x: number; y: number };

export interface TransformOptions {
  width?: number;
  height?: number;
  fit: Fit;
  gravity: Gravity;
  quality?: number;
  format: RequestedFormat;
  dpr: number;
  blur: number;
  sharpen: number;
  rotate: 0 | 90 | 180 | 270;
  flip?: 'h' | 'v' | 'hv';
  background?: string;
  metadata: 'keep' | 'copyright' | 'none';
  anim: boolean;
  /** Pixels cut from the top, right, bottom and left before anything else. */
  trim?: [number, number, number, number];
}

export class OptionError extends Error {}

export const DEFAULT_OPTIONS: TransformOptions = {
  fit: 'scale-down',
  gravity: { kind: 'center' },
  format: 'auto',
  dpr: 1,
  blur: 0,
  sharpen: 0,
  rotate: 0,
  metadata: 'none',
  anim: true,
};

const QUALITY_NAMES: Record<string, number> = { high: 90, 'medium-high': 80, 'medium-low': 65, low: 50 };
const ALIASES: Record<string, string> = { w: 'width', h: 'height', q: 'quality', f: 'format', g: 'gravity' };
const FITS: readonly Fit[] = ['scale-down', 'contain', 'cover', 'crop', 'pad', 'squeeze'];
const FORMATS: readonly RequestedFormat[] = ['auto', 'avif', 'webp', 'jpeg', 'baseline-jpeg', 'png', 'gif'];
// CSS colours as sharp's colour parser takes them; anything else is refused before it reaches sharp.
const COLOR = /^(#[0-9a-f]{3,4}|#[0-9a-f]{6}|#[0-9a-f]{8}|[a-z]{3,20}|rgba?\(\s*[\d.\s,%]+\))$/i;

function number(key: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new OptionError(`Option ${key}=${raw} is invalid: expected a number from ${min} to ${max}.`);
  }
  return n;
}

function oneOf<T extends string>(key: string, raw: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new OptionError(`Option ${key}=${raw} is invalid: expected one of ${allowed.join(', ')}.`);
  }
  return raw as T;
}

function parseGravity(raw: string): Gravity {
  if (raw === 'auto' || raw === 'face') return { kind: 'auto' };
  if (raw === 'center' || raw === 'centre') return { kind: 'center' };
  if (raw === 'left' || raw === 'right' || raw === 'top' || raw === 'bottom') return { kind: 'side', side: raw };
  const m = /^(\d*\.?\d+)x(\d*\.?\d+)$/.exec(raw);
  if (m) return { kind: 'point', x: number('gravity', m[1] ?? '', 0, 1), y: number('gravity', m[2] ?? '', 0, 1) };
  throw new OptionError(
    `Option gravity=${raw} is invalid: expected auto, face, left, right, top, bottom or XxY (0-1).`,
  );
}

function apply(opts: TransformOptions, key: string, raw: string): void {
  switch (key) {
    case 'width':
    case 'height':
      opts[key] = Math.round(number(key, raw, 1, 12_000));
      return;
    case 'fit':
      opts.fit = oneOf(key, raw, FITS);
      return;
    case 'gravity':
      opts.gravity = parseGravity(raw);
      return;
    case 'quality':
      opts.quality = QUALITY_NAMES[raw] ?? Math.round(number(key, raw, 1, 100));
      return;
    case 'format':
      opts.format = oneOf(key, raw, FORMATS);
      return;
    case 'dpr':
      opts.dpr = number(key, raw, 0.1, 3);
      return;
    case 'blur':
      opts.blur = number(key, raw, 0, 250);
      return;
    case 'sharpen':
      opts.sharpen = number(key, raw, 0, 10);
      return;
    case 'rotate':
      opts.rotate = oneOf(key, raw, ['0', '90', '180', '270'] as const) === '0' ? 0 : (Number(raw) as 90 | 180 | 270);
      return;
    case 'flip':
      opts.flip = oneOf(key, raw, ['h', 'v', 'hv'] as const);
      return;
    case 'background':
      if (!COLOR.test(raw)) throw new OptionError(`Option background=${raw} is not a CSS colour.`);
      opts.background = raw;
      return;
    case 'metadata':
      opts.metadata = oneOf(key, raw, ['keep', 'copyright', 'none'] as const);
      return;
    case 'anim':
      opts.anim = oneOf(key, raw, ['true', 'false'] as const) === 'true';
      return;
    case 'trim': {
      const parts = raw.split(';');
      if (parts.length !== 4) throw new OptionError(`Option trim=${raw} is invalid: expected top;right;bottom;left.`);
      opts.trim = parts.map((p) => Math.round(number('trim', p, 0, 12_000))) as [number, number, number, number];
      return;
    }
    default:
      // Unknown options are ignored, as Cloudflare does.
      return;
  }
}

/** True when a delivery path segment is a flexible-variant option list rather than a variant name. */
export function isFlexibleSegment(segment: string): boolean {
  return segment.includes('=');
}

/** Parses `w=400,h=300,fit=cover`. Throws OptionError with a readable message on a bad value. */
export function parseFlexibleOptions(segment: string): TransformOptions {
  const opts: TransformOptions = { ...DEFAULT_OPTIONS };
  let any = false;
  for (const part of segment.split(',')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw new OptionError(`Option "${part}" is invalid: expected key=value.`);
    const rawKey = part.slice(0, eq).trim().toLowerCase();
    apply(opts, ALIASES[rawKey] ?? rawKey, decodeURIComponent(part.slice(eq + 1)).trim());
    any = true;
  }
  if (!any) throw new OptionError('A flexible variant needs at least one option.');
  return opts;
}

export function optionsFromVariant(v: VariantOptions): TransformOptions {
  const opts: TransformOptions = { ...DEFAULT_OPTIONS, fit: v.fit, metadata: v.metadata };
  if (v.width !== undefined) opts.width = v.width;
  if (v.height !== undefined) opts.height = v.height;
  if (v.blur !== undefined) opts.blur = v.blur;
  return opts;
}

/** A stable text for a set of options: equal options give equal keys. */
export function canonicalOptions(o: TransformOptions): string {
  const g = o.gravity;
  const gravity = g.kind === 'side' ? g.side : g.kind === 'point' ? `${g.x}x${g.y}` : g.kind;
  return [
    `w${o.width ?? ''}`,
    `h${o.height ?? ''}`,
    o.fit,
    gravity,
    `q${o.quality ?? ''}`,
    o.format,
    `d${o.dpr}`,
    `b${o.blur}`,
    `s${o.sharpen}`,
    `r${o.rotate}`,
    `f${o.flip ?? ''}`,
    `bg${o.background ?? ''}`,
    o.metadata,
    o.anim ? 'a' : 'na',
    `t${o.trim?.join(';') ?? ''}`,
  ].join(',');
}

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
