/**
 * An extension outside Cloudflare's API, shared by the embedded service and the app: every stored
 * (non-draft) image record carries `pixvault`, what the service learned when it took the file. The app
 * completes an upload from it (and a ~100 px variant for the placeholder) instead of downloading the
 * original. Real Cloudflare sends no such field; the app then falls back to reading the original.
 */
export interface StoredDetails {
  /** The stored original's format as the service detected it: jpeg, png, gif, webp, avif, svg. */
  format: string;
  /** Its media type, e.g. `image/jpeg`. */
  contentType: string;
  /** Upright size in pixels (EXIF orientation applied); for an SVG its declared size, 0 when it states none. */
  width: number;
  height: number;
  /** Frames of an animation; 1 for a still image. */
  frames: number;
  /** Bytes of the stored original (after metadata stripping), what `GET v1/{id}/blob` would return. */
  bytes: number;
}

/** The record's field name for it. */
export const STORED_DETAILS_FIELD = 'pixvault';
