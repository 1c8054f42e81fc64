/** Image type by magic bytes: what a file is, whatever its name or declared content type says. */
import type { ImageFormat } from '@/lib/cloudflare-images/formats';

/** An accepted format, or HEIC: recognised so that its refusal can say what to do instead. */
export type SniffedFormat = ImageFormat | 'heic';

const ascii = (bytes: Uint8Array, start: number, end: number) =>
  Buffer.from(bytes.subarray(start, end)).toString('latin1');

const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

/** ISO-BMFF (`ftyp` box): AVIF or HEIC by major and compatible brands. */
function sniffFtyp(bytes: Uint8Array): SniffedFormat | null {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return null;
  const size = Buffer.from(bytes.subarray(0, 4)).readUInt32BE(0);
  const end = Math.min(bytes.length, Math.max(size, 16));
  const brands = [ascii(bytes, 8, 12)];
  for (let i = 16; i + 4 <= end; i += 4) brands.push(ascii(bytes, i, i + 4));
  if (brands.some((b) => AVIF_BRANDS.has(b))) return 'avif';
  if (brands.some((b) => HEIC_BRANDS.has(b))) return 'heic';
  return null;
}

/** An SVG is text whose first element is `<svg`, after an optional BOM, XML declaration, comments and doctype. */
function looksLikeSvg(bytes: Uint8Array): boolean {
  let text = Buffer.from(bytes.subarray(0, 4096)).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  for (;;) {
    text = text.trimStart();
    if (text.startsWith('<?')) {
      const end = text.indexOf('?>');
      if (end < 0) return false;
      text = text.slice(end + 2);
    } else if (text.startsWith('<!--')) {
      const end = text.indexOf('-->');
      if (end < 0) return false;
      text = text.slice(end + 3);
    } else if (/^<!DOCTYPE/i.test(text)) {
      // A doctype may hold an internal subset in brackets; the sanitizer decides about it later.
      const firstClose = text.indexOf('>');
      const bracket = text.indexOf('[');
      const close =
        bracket >= 0 && bracket < firstClose ? text.indexOf('>', Math.max(text.indexOf(']', bracket), 0)) : firstClose;
      if (close < 0) return false;
      text = text.slice(close + 1);
    } else {
      return /^<svg[\s>/]/.test(text);
    }
  }
}

export function sniffFormat(bytes: Uint8Array): SniffedFormat | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) return 'gif';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'webp';
  const ftyp = sniffFtyp(b);
  if (ftyp) return ftyp;
  if (looksLikeSvg(b)) return 'svg';
  return null;
}
