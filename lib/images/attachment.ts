/** Downloads the app serves itself, so the browser gets a file name (Cloudflare's delivery sends none). */

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/svg+xml': 'svg',
};

/** A file name from an image's title and the bytes' type: no path separators or control characters, at most 120 characters. */
export function downloadFilename(title: string, contentType: string): string {
  const base =
    title
      .replace(/[\p{Cc}/\\:*?"<>|]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^[.\s]+/, '')
      .slice(0, 120) || 'image';
  const ext = EXTENSIONS[contentType.split(';')[0]?.trim().toLowerCase() ?? ''];
  return ext && !base.toLowerCase().endsWith(`.${ext}`) ? `${base}.${ext}` : base;
}

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266), neither able to break out of the header. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function attachmentResponse(
  body: ReadableStream<Uint8Array> | null,
  file: { filename: string; contentType: string; length: string | null },
): Response {
  return new Response(body, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': contentDisposition(file.filename),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      ...(file.length ? { 'content-length': file.length } : {}),
    },
  });
}
