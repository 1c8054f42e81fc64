/**
 * Decodes the kept EXIF tags into the capture info the API reports (`x_pixvault_exif`). Reusable by
 * any ingest path that has a TIFF block (HEIC conversion included): `captureInfoOf(tiff)`.
 */
import type { CaptureInfo } from '@/lib/cloudflare-images/capture-info';
import { EXIF_TAGS, IFD0_TAGS } from './exif-tags';
import { type AllowedExif, type ExifEntry, readAllowedExif } from './exif-tiff';

const TYPE_ASCII = 2;
const TYPE_SHORT = 3;
const TYPE_LONG = 4;
const TYPE_RATIONAL = 5;

function find(entries: ExifEntry[], tag: number): ExifEntry | undefined {
  return entries.find((e) => e.tag === tag);
}

function asText(e: ExifEntry | undefined): string | null {
  if (e?.type !== TYPE_ASCII) return null;
  // Control characters are never meaningful in these fields; NULs separate multi-part values.
  const s = [...e.value.toString('utf8')]
    .map((c) => ((c.codePointAt(0) ?? 0) < 0x20 || c === '\x7f' ? ' ' : c))
    .join('')
    .replace(/ +/g, ' ')
    .trim();
  return s === '' ? null : s.slice(0, 256);
}

function asNumber(e: ExifEntry | undefined): number | null {
  if (!e || e.count < 1) return null;
  let n: number | null = null;
  if (e.type === TYPE_SHORT) n = e.value.readUInt16LE(0);
  else if (e.type === TYPE_LONG) n = e.value.readUInt32LE(0);
  else if (e.type === TYPE_RATIONAL && e.value.length >= 8) {
    const den = e.value.readUInt32LE(4);
    n = den === 0 ? null : e.value.readUInt32LE(0) / den;
  }
  return n !== null && Number.isFinite(n) && n > 0 ? n : null;
}

/** `2024:05:01 12:34:56` → `2024-05-01T12:34:56`, or null for the all-blank and invalid forms cameras write. */
function asDateTime(e: ExifEntry | undefined): string | null {
  const m = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(asText(e) ?? '');
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (y < 1800 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
}

function asOffset(e: ExifEntry | undefined): string | null {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(asText(e) ?? '');
  return m && Number(m[2]) <= 14 && Number(m[3]) < 60 ? (m[0] ?? null) : null;
}

/** The capture info of the kept tags, or null when none of its fields is present. */
export function captureInfoFromExif(exif: AllowedExif): CaptureInfo | null {
  const info: CaptureInfo = {
    takenAt: asDateTime(find(exif.exif, EXIF_TAGS.DateTimeOriginal)),
    offset: asOffset(find(exif.exif, EXIF_TAGS.OffsetTimeOriginal)),
    make: asText(find(exif.ifd0, IFD0_TAGS.Make)),
    model: asText(find(exif.ifd0, IFD0_TAGS.Model)),
    lens: asText(find(exif.exif, EXIF_TAGS.LensModel)),
    exposureTime: asNumber(find(exif.exif, EXIF_TAGS.ExposureTime)),
    fNumber: asNumber(find(exif.exif, EXIF_TAGS.FNumber)),
    iso: asNumber(find(exif.exif, EXIF_TAGS.ISOSpeedRatings)),
    focalLength: asNumber(find(exif.exif, EXIF_TAGS.FocalLength)),
  };
  return Object.values(info).some((v) => v !== null) ? info : null;
}

/** The capture info of a TIFF/EXIF block (as sharp's `metadata().exif` returns it); null when it has none. */
export function captureInfoOf(tiff: Buffer | undefined): CaptureInfo | null {
  return tiff ? captureInfoFromExif(readAllowedExif(tiff)) : null;
}
