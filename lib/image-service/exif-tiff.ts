/**
 * Minimal EXIF (TIFF) reader/writer for metadata stripping.
 *
 * Only three IFD0 tags are ever read or written. This is deliberately an allowlist:
 * nothing else from the source EXIF may reach the output, so sub-IFDs (Exif, GPS,
 * Interop), thumbnails (IFD1) and MakerNotes are never even followed.
 */

const TAG_ORIENTATION = 0x0112;
const TAG_ARTIST = 0x013b;
const TAG_COPYRIGHT = 0x8298;

const TYPE_ASCII = 2;
const TYPE_SHORT = 3;
const TYPE_LONG = 4;
/** EXIF 3.0 UTF-8 type; accepted on input, written back as ASCII for old readers. */
const TYPE_UTF8 = 129;

const EXIF_PREFIX = Buffer.from('Exif\0\0', 'latin1');

/** ASCII values are kept as raw bytes: Copyright may legally be "photographer\0editor". */
export interface AllowedExif {
  orientation?: number;
  artist?: Buffer;
  copyright?: Buffer;
}

/**
 * Reads the allowed tags from a TIFF block (with or without the "Exif\0\0" prefix).
 * Never throws: a corrupt EXIF inside an otherwise valid image is common in the wild,
 * and dropping it (losing at worst the orientation) is safe for privacy.
 */
export function readAllowedExif(data: Buffer): AllowedExif {
  const tiff = data.subarray(0, 6).equals(EXIF_PREFIX) ? data.subarray(6) : data;
  const out: AllowedExif = {};
  if (tiff.length < 8) return out;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return out;
  const le = order === 'II';
  const u16 = (o: number): number => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number): number => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  if (u16(2) !== 42) return out;
  const ifd = u32(4);
  if (ifd < 8 || ifd + 2 > tiff.length) return out;

  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) break;
    const tag = u16(entry);
    const type = u16(entry + 2);
    const n = u32(entry + 4);
    if (tag === TAG_ORIENTATION && n === 1 && (type === TYPE_SHORT || type === TYPE_LONG)) {
      const value = type === TYPE_SHORT ? u16(entry + 8) : u32(entry + 8);
      if (value >= 1 && value <= 8) out.orientation = value;
    } else if ((tag === TAG_ARTIST || tag === TAG_COPYRIGHT) && (type === TYPE_ASCII || type === TYPE_UTF8)) {
      const start = n <= 4 ? entry + 8 : u32(entry + 8);
      if (start + n > tiff.length) continue;
      let end = start + n;
      while (end > start && tiff[end - 1] === 0) end--;
      if (end === start) continue;
      // Copy so the caller does not pin the whole (possibly large) source image in memory.
      const value = Buffer.from(tiff.subarray(start, end));
      if (tag === TAG_ARTIST) out.artist = value;
      else out.copyright = value;
    }
  }
  return out;
}

interface Entry {
  tag: number;
  type: number;
  count: number;
  value: Buffer;
}

/** Builds a little-endian TIFF with a single IFD0, or undefined when there is nothing to keep. */
export function writeAllowedExif(exif: AllowedExif): Buffer | undefined {
  const entries: Entry[] = [];
  if (exif.orientation !== undefined) {
    const value = Buffer.alloc(2);
    value.writeUInt16LE(exif.orientation);
    entries.push({ tag: TAG_ORIENTATION, type: TYPE_SHORT, count: 1, value });
  }
  // Entries must stay sorted by tag number (TIFF 6.0 §2), hence this order.
  for (const [tag, text] of [
    [TAG_ARTIST, exif.artist],
    [TAG_COPYRIGHT, exif.copyright],
  ] as const) {
    if (text === undefined || text.length === 0) continue;
    const value = Buffer.concat([text, Buffer.alloc(1)]);
    entries.push({ tag, type: TYPE_ASCII, count: value.length, value });
  }
  if (entries.length === 0) return undefined;

  const ifdEnd = 8 + 2 + entries.length * 12 + 4;
  const head = Buffer.alloc(ifdEnd); // zero-filled, so the next-IFD offset is already 0
  head.write('II', 0, 'latin1');
  head.writeUInt16LE(42, 2);
  head.writeUInt32LE(8, 4);
  head.writeUInt16LE(entries.length, 8);
  const data: Buffer[] = [];
  let dataOffset = ifdEnd;
  entries.forEach((e, i) => {
    const at = 10 + i * 12;
    head.writeUInt16LE(e.tag, at);
    head.writeUInt16LE(e.type, at + 2);
    head.writeUInt32LE(e.count, at + 4);
    if (e.value.length <= 4) {
      e.value.copy(head, at + 8);
      return;
    }
    head.writeUInt32LE(dataOffset, at + 8);
    // TIFF wants values to start on a word boundary.
    const padded = e.value.length % 2 === 1 ? Buffer.concat([e.value, Buffer.alloc(1)]) : e.value;
    data.push(padded);
    dataOffset += padded.length;
  });
  return Buffer.concat([head, ...data]);
}
