/** Cloudflare Images' limits on uploads, defined once for the browser, the app and the embedded service. */

const MB = 1024 * 1024;

/** Largest upload, bytes. */
export const MAX_UPLOAD_BYTES = 10 * MB;
/**
 * Largest SVG upload, bytes. Sanitizing an SVG is DOM work (seconds for 1 MB of paths, see
 * bench/results/ingest.md), so SVGs get a smaller limit than raster images.
 */
export const MAX_SVG_BYTES = 1 * MB;
/** Longest side of an image or of a requested output, pixels. */
export const MAX_SIDE = 12_000;
/** Largest area of one frame, pixels (100 megapixels). */
export const MAX_PIXELS = 100_000_000;
/** Largest area summed over all frames of an animation, pixels. */
export const MAX_ANIMATION_PIXELS = 100_000_000;
/** Largest serialized `metadata`, bytes. */
export const MAX_METADATA_BYTES = 1024;
/** Longest custom id and longest `creator`, characters. */
export const MAX_ID_LENGTH = 1024;

export interface ImageLimits {
  maxBytes: number;
  maxSide: number;
  maxPixels: number;
  maxAnimationPixels: number;
  maxMetadataBytes: number;
}

export const DEFAULT_LIMITS: ImageLimits = {
  maxBytes: MAX_UPLOAD_BYTES,
  maxSide: MAX_SIDE,
  maxPixels: MAX_PIXELS,
  maxAnimationPixels: MAX_ANIMATION_PIXELS,
  maxMetadataBytes: MAX_METADATA_BYTES,
};

/** Size of `metadata` as Cloudflare counts it: serialized JSON, UTF-8 bytes. */
export function metadataBytes(meta: unknown): number {
  return new TextEncoder().encode(JSON.stringify(meta)).length;
}

/** "10 MB", "1 MB": a limit in whole megabytes, as messages state it. */
export function megabytes(bytes: number): string {
  return `${bytes / MB} MB`;
}
