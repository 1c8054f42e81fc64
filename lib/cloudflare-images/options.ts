/**
 * Delivery options: parsed from a flexible-variant path segment (`w=400,fit=cover`) or taken from a
 * named variant, normalised into one shape that the sizing rules and the renderer work from.
 */
import { OUTPUT_FORMATS } from './formats';
import { MAX_SIDE } from './limits';
import { METADATA_MODES, VARIANT_FITS, type VariantOptions } from './variants';

/** Fits of flexible variants: those of named variants, and `squeeze`. */
const FITS = [...VARIANT_FITS, 'squeeze'] as const;
export type Fit = (typeof FITS)[number];
const FORMATS = ['auto', ...OUTPUT_FORMATS, 'baseline-jpeg'] as const;
export type RequestedFormat = (typeof FORMATS)[number];
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
  metadata: (typeof METADATA_MODES)[number];
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
// CSS colours as sharp's colour parser takes them; anything else is refused before it reaches sharp.
const COLOR = /^(#[0-9a-f]{3,4}|#[0-9a-f]{6}|#[0-9a-f]{8}|[a-z]{3,20}|rgba?\(\s*[\d.\s,%]+\))$/i;

/** A table lookup by a client's word that never finds what objects inherit (`q=constructor`). */
const ownValue = <T>(table: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

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
      opts[key] = Math.round(number(key, raw, 1, MAX_SIDE));
      return;
    case 'fit':
      opts.fit = oneOf(key, raw, FITS);
      return;
    case 'gravity':
      opts.gravity = parseGravity(raw);
      return;
    case 'quality':
      opts.quality = ownValue(QUALITY_NAMES, raw) ?? Math.round(number(key, raw, 1, 100));
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
      opts.metadata = oneOf(key, raw, METADATA_MODES);
      return;
    case 'anim':
      opts.anim = oneOf(key, raw, ['true', 'false'] as const) === 'true';
      return;
    case 'trim': {
      const parts = raw.split(';');
      if (parts.length !== 4) throw new OptionError(`Option trim=${raw} is invalid: expected top;right;bottom;left.`);
      opts.trim = parts.map((p) => Math.round(number('trim', p, 0, MAX_SIDE))) as [number, number, number, number];
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
    apply(opts, ownValue(ALIASES, rawKey) ?? rawKey, decodeURIComponent(part.slice(eq + 1)).trim());
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
