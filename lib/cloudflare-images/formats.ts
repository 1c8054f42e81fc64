/** Image formats of Cloudflare Images: what an upload may be, what delivery can produce, and their content types. */

/** Formats stored after upload. HEIC/HEIF is also accepted: the service converts it to JPEG at ingest (image-service/heic.ts). */
export const IMAGE_FORMATS = ['jpeg', 'png', 'gif', 'webp', 'avif', 'svg'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];
/** Pixel formats: everything but SVG, which is stored and served as sanitized text. */
export type RasterFormat = Exclude<ImageFormat, 'svg'>;

/** Formats delivery can produce (`format=` or negotiated from `Accept`). */
export const OUTPUT_FORMATS = ['avif', 'webp', 'jpeg', 'png', 'gif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const CONTENT_TYPES = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
} as const satisfies Record<ImageFormat, string>;
export type ImageContentType = (typeof CONTENT_TYPES)[ImageFormat];

/** The content types an upload may declare, in the order of IMAGE_FORMATS. */
export const ACCEPTED_CONTENT_TYPES: readonly ImageContentType[] = IMAGE_FORMATS.map((f) => CONTENT_TYPES[f]);

/** File name extensions by format (the browser leaves the type empty for some files). */
export const FILE_EXTENSIONS: Record<ImageFormat, readonly string[]> = {
  jpeg: ['jpg', 'jpeg'],
  png: ['png'],
  gif: ['gif'],
  webp: ['webp'],
  avif: ['avif'],
  svg: ['svg'],
};

const FORMAT_LABELS: Record<ImageFormat, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  gif: 'GIF',
  webp: 'WebP',
  avif: 'AVIF',
  svg: 'SVG',
};

/** "JPEG, PNG, GIF, WebP, AVIF and SVG" (or "… or SVG"), for messages that list what may be uploaded. */
export function formatNames(conjunction: 'and' | 'or'): string {
  const labels = IMAGE_FORMATS.map((f) => FORMAT_LABELS[f]);
  return `${labels.slice(0, -1).join(', ')} ${conjunction} ${labels.at(-1)}`;
}

/** The content type for a file name's extension, or null when it names no accepted format. */
export function contentTypeForFilename(filename: string): ImageContentType | null {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  const format = IMAGE_FORMATS.find((f) => ext !== undefined && FILE_EXTENSIONS[f].includes(ext));
  return format ? CONTENT_TYPES[format] : null;
}
