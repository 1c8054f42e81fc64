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

/** iPhone photos: accepted at upload, stored as JPEG (the embedded service converts them at ingest). */
export const HEIC_CONTENT_TYPES = ['image/heic', 'image/heif'] as const;
export type UploadContentType = ImageContentType | (typeof HEIC_CONTENT_TYPES)[number];

/** The content types an upload may declare: IMAGE_FORMATS' in order, then HEIC/HEIF. */
export const ACCEPTED_CONTENT_TYPES: readonly UploadContentType[] = [
  ...IMAGE_FORMATS.map((f) => CONTENT_TYPES[f]),
  ...HEIC_CONTENT_TYPES,
];
const HEIC_EXTENSIONS: Record<string, UploadContentType> = { heic: 'image/heic', heif: 'image/heif' };

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

/** "JPEG, PNG, GIF, WebP, AVIF, HEIC and SVG" (or "… or SVG"), for messages that list what may be uploaded. */
export function formatNames(conjunction: 'and' | 'or'): string {
  const labels = IMAGE_FORMATS.map((f) => FORMAT_LABELS[f]);
  labels.splice(-1, 0, 'HEIC');
  return `${labels.slice(0, -1).join(', ')} ${conjunction} ${labels.at(-1)}`;
}

/** The content type for a file name's extension, or null when it names no accepted format. */
export function contentTypeForFilename(filename: string): UploadContentType | null {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  const format = IMAGE_FORMATS.find((f) => ext !== undefined && FILE_EXTENSIONS[f].includes(ext));
  if (format) return CONTENT_TYPES[format];
  return ext === undefined ? null : (HEIC_EXTENSIONS[ext] ?? null);
}
