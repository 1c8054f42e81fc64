/**
 * Minimal EXIF (TIFF) reader/writer for metadata stripping.
 *
 * Deliberately an allowlist (exif-tags.ts): only the listed tags of IFD0, the Exif sub-IFD and
 * (when a deployment keeps location) the GPS sub-IFD are read and written back. Nothing else from
 * the source EXIF may reach the output, so serial numbers, MakerNotes, thumbnails (IFD1), Interop
 * and unknown vendor tags cannot leak: they are never even followed.
 */
import { EXIF_IFD_POINTER, GPS_IFD_POINTER, KEPT_EXIF_TAGS, KEPT_IFD0_TAGS, TAG_ORIENTATION } from './exif-tags';

const TYPE_ASCII = 2;
const TYPE_SHORT = 3;
const TYPE_LONG = 4;
/** EXIF 3.0 UTF-8 type; accepted on input, written back as ASCII for old readers. */
const TYPE_UTF8 = 129;
/** Bytes per element of each TIFF type; types not listed are never copied. */
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8 };
/** Element width of the numbers inside each type, for byte-order conversion (rationals are two LONGs). */
const WORD_SIZE: Record<number, number> = { 3: 2, 4: 4, 5: 4, 8: 2, 9: 4, 10: 4, 11: 4, 12: 8 };
/** No kept tag needs more; a longer value is dropped rather than copied. */
const MAX_VALUE_BYTES = 1024;

const EXIF_PREFIX = Buffer.from('Exif\0\0', 'latin1');

/** One kept tag, its value bytes already little-endian (ASCII/UTF-8 values without trailing NULs). */
export interface ExifEntry {
  tag: number;
  type: number;
  count: number;
  value: Buffer;
}

/** The kept tags per IFD, each list sorted by tag. */
export interface AllowedExif {
  ifd0: ExifEntry[];
  exif: ExifEntry[];
  gps: ExifEntry[];
}

export interface ReadOptions {
  /** Keep the GPS sub-IFD (all of it: every GPS tag is location). Default false. */
  keepLocation?: boolean;
}

interface Tiff {
  buf: Buffer;
  u16: (o: number) => number;
  u32: (o: number) => number;
  le: boolean;
}

function openTiff(data: Buffer): Tiff | null {
  const buf = data.subarray(0, 6).equals(EXIF_PREFIX) ? data.subarray(6) : data;
  if (buf.length < 8) return null;
  const order = buf.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (o: number): number => (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o));
  const u32 = (o: number): number => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  return u16(2) === 42 ? { buf, u16, u32, le } : null;
}

/** The value bytes of one entry, little-endian, or null when out of bounds or not a copyable type. */
function entryValue(t: Tiff, entry: number, type: number, count: number): Buffer | null {
  const size = TYPE_SIZE[type === TYPE_UTF8 ? TYPE_ASCII : type];
  if (size === undefined || count === 0 || count * size > MAX_VALUE_BYTES) return null;
  const length = count * size;
  const start = length <= 4 ? entry + 8 : t.u32(entry + 8);
  if (start + length > t.buf.length) return null;
  // Copy so the caller does not pin the whole (possibly large) source image in memory.
  const value = Buffer.from(t.buf.subarray(start, start + length));
  const word = WORD_SIZE[type];
  if (!t.le && word !== undefined && word > 1) {
    for (let i = 0; i + word <= value.length; i += word) value.subarray(i, i + word).reverse();
  }
  return value;
}

function readIfd(t: Tiff, offset: number, keep: (tag: number) => boolean): ExifEntry[] {
  const entries: ExifEntry[] = [];
  if (offset < 8 || offset + 2 > t.buf.length) return entries;
  const count = t.u16(offset);
  for (let i = 0; i < count; i++) {
    const entry = offset + 2 + i * 12;
    if (entry + 12 > t.buf.length) break;
    const tag = t.u16(entry);
    if (!keep(tag) || entries.some((e) => e.tag === tag)) continue;
    let type = t.u16(entry + 2);
    const n = t.u32(entry + 4);
    let value = entryValue(t, entry, type, n);
    if (value === null) continue;
    if (type === TYPE_ASCII || type === TYPE_UTF8) {
      let end = value.length;
      while (end > 0 && value[end - 1] === 0) end--;
      if (end === 0) continue;
      value = value.subarray(0, end);
      type = TYPE_ASCII;
    }
    entries.push({ tag, type, count: type === TYPE_ASCII ? value.length : n, value });
  }
  return entries.sort((a, b) => a.tag - b.tag);
}

function pointer(t: Tiff, ifd0: number, tag: number): number | null {
  const count = t.u16(ifd0);
  for (let i = 0; i < count; i++) {
    const entry = ifd0 + 2 + i * 12;
    if (entry + 12 > t.buf.length) return null;
    if (t.u16(entry) === tag && t.u32(entry + 4) === 1) return t.u32(entry + 8);
  }
  return null;
}

const validOrientation = (e: ExifEntry): boolean => {
  if (e.count !== 1 || (e.type !== TYPE_SHORT && e.type !== TYPE_LONG)) return false;
  const v = e.type === TYPE_SHORT ? e.value.readUInt16LE(0) : e.value.readUInt32LE(0);
  return v >= 1 && v <= 8;
};

/**
 * Reads the allowed tags from a TIFF block (with or without the "Exif\0\0" prefix).
 * Never throws: a corrupt EXIF inside an otherwise valid image is common in the wild,
 * and dropping it (losing at worst the orientation) is safe for privacy.
 */
export function readAllowedExif(data: Buffer, options: ReadOptions = {}): AllowedExif {
  const out: AllowedExif = { ifd0: [], exif: [], gps: [] };
  const t = openTiff(data);
  if (!t) return out;
  const ifd0 = t.u32(4);
  if (ifd0 < 8 || ifd0 + 2 > t.buf.length) return out;
  out.ifd0 = readIfd(t, ifd0, (tag) => KEPT_IFD0_TAGS.has(tag)).filter(
    (e) => e.tag !== TAG_ORIENTATION || validOrientation(e),
  );
  const exifAt = pointer(t, ifd0, EXIF_IFD_POINTER);
  if (exifAt !== null) out.exif = readIfd(t, exifAt, (tag) => KEPT_EXIF_TAGS.has(tag));
  const gpsAt = options.keepLocation ? pointer(t, ifd0, GPS_IFD_POINTER) : null;
  // Every GPS tag is location (or its time and direction), so the whole IFD goes or stays.
  if (gpsAt !== null) out.gps = readIfd(t, gpsAt, (tag) => tag <= 0x1f);
  return out;
}

export const isEmptyExif = (exif: AllowedExif): boolean =>
  exif.ifd0.length === 0 && exif.exif.length === 0 && exif.gps.length === 0;

/** The stored bytes of a value: ASCII gets its terminating NUL back. */
const stored = (e: ExifEntry): ExifEntry =>
  e.type === TYPE_ASCII ? { ...e, value: Buffer.concat([e.value, Buffer.alloc(1)]), count: e.value.length + 1 } : e;

const ifdSize = (entries: ExifEntry[]) => 2 + entries.length * 12 + 4;
const dataSize = (entries: ExifEntry[]) =>
  entries.reduce((n, e) => n + (e.value.length > 4 ? e.value.length + (e.value.length % 2) : 0), 0);

/** Writes one IFD (entries, next-IFD 0, then its out-of-line values) at `offset`. */
function writeIfd(out: Buffer, offset: number, entries: ExifEntry[]): void {
  out.writeUInt16LE(entries.length, offset);
  let data = offset + ifdSize(entries);
  entries.forEach((e, i) => {
    const at = offset + 2 + i * 12;
    out.writeUInt16LE(e.tag, at);
    out.writeUInt16LE(e.type, at + 2);
    out.writeUInt32LE(e.count, at + 4);
    if (e.value.length <= 4) {
      e.value.copy(out, at + 8);
      return;
    }
    out.writeUInt32LE(data, at + 8);
    e.value.copy(out, data);
    // TIFF wants values to start on a word boundary.
    data += e.value.length + (e.value.length % 2);
  });
}

const longEntry = (tag: number, value: number): ExifEntry => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value);
  return { tag, type: TYPE_LONG, count: 1, value: b };
};

/** Builds a little-endian TIFF (IFD0, then Exif and GPS sub-IFDs), or undefined when there is nothing to keep. */
export function writeAllowedExif(exif: AllowedExif): Buffer | undefined {
  if (isEmptyExif(exif)) return undefined;
  const sub = exif.exif.map(stored);
  const gps = exif.gps.map(stored);
  // Pointers are placeholders first: the sizes do not depend on their values.
  const ifd0 = [
    ...exif.ifd0.map(stored),
    ...(sub.length ? [longEntry(EXIF_IFD_POINTER, 0)] : []),
    ...(gps.length ? [longEntry(GPS_IFD_POINTER, 0)] : []),
  ].sort((a, b) => a.tag - b.tag); // TIFF 6.0 §2: entries sorted by tag
  const subAt = 8 + ifdSize(ifd0) + dataSize(ifd0);
  const gpsAt = subAt + (sub.length ? ifdSize(sub) + dataSize(sub) : 0);
  for (const e of ifd0) {
    if (e.tag === EXIF_IFD_POINTER) e.value.writeUInt32LE(subAt);
    if (e.tag === GPS_IFD_POINTER) e.value.writeUInt32LE(gpsAt);
  }
  const out = Buffer.alloc(gpsAt + (gps.length ? ifdSize(gps) + dataSize(gps) : 0));
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  writeIfd(out, 8, ifd0);
  if (sub.length) writeIfd(out, subAt, sub);
  if (gps.length) writeIfd(out, gpsAt, gps);
  return out;
}
