/**
 * Just enough ISO-BMFF (HEIF) box reading to carry a HEIC's EXIF over to the converted JPEG: the primary
 * item, whether it has rotation/mirror properties (libheif applies them while decoding), and the bytes of
 * its `Exif` item. libheif-js exposes neither, so the boxes are read here. Never throws: a HEIC whose
 * metadata cannot be read still converts, without it.
 */

interface Box {
  type: string;
  /** Where the box's payload starts and ends in the file. */
  start: number;
  end: number;
}

function* boxes(buf: Buffer, from: number, to: number): Generator<Box> {
  let at = from;
  while (at + 8 <= to) {
    let size = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) return;
      size = Number(buf.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) size = to - at;
    if (size < header || at + size > to) return;
    yield { type, start: at + header, end: at + size };
    at += size;
  }
}

const child = (buf: Buffer, parent: Box, type: string, skip = 0) => {
  for (const b of boxes(buf, parent.start + skip, parent.end)) if (b.type === type) return b;
  return undefined;
};

/** Reads an unsigned big-endian integer of 0, 4 or 8 bytes (iloc's variable-width fields). */
function uint(buf: Buffer, at: number, size: number): number {
  if (size === 0) return 0;
  if (size === 4) return buf.readUInt32BE(at);
  if (size === 8) return Number(buf.readBigUInt64BE(at));
  return size === 2 ? buf.readUInt16BE(at) : Number.NaN;
}

function itemTypes(buf: Buffer, iinf: Box): Map<number, string> {
  const types = new Map<number, string>();
  const version = buf[iinf.start] ?? 0;
  for (const infe of boxes(buf, iinf.start + (version === 0 ? 6 : 8), iinf.end)) {
    if (infe.type !== 'infe' || (buf[infe.start] ?? 0) < 2) continue;
    const v3 = buf[infe.start] === 3;
    const id = v3 ? buf.readUInt32BE(infe.start + 4) : buf.readUInt16BE(infe.start + 4);
    const typeAt = infe.start + (v3 ? 10 : 8);
    types.set(id, buf.toString('latin1', typeAt, typeAt + 4));
  }
  return types;
}

/** The bytes of one item (construction methods 0, file offset, and 1, inside `idat`). */
function itemBytes(buf: Buffer, meta: Box, iloc: Box, wanted: number): Buffer | undefined {
  const version = buf[iloc.start] ?? 0;
  let at = iloc.start + 4;
  const sizes = buf.readUInt16BE(at);
  at += 2;
  const [offSize, lenSize, baseSize, indexSize] = [sizes >> 12, (sizes >> 8) & 15, (sizes >> 4) & 15, sizes & 15];
  const count = version < 2 ? buf.readUInt16BE(at) : buf.readUInt32BE(at);
  at += version < 2 ? 2 : 4;
  for (let i = 0; i < count; i++) {
    const id = version < 2 ? buf.readUInt16BE(at) : buf.readUInt32BE(at);
    at += version < 2 ? 2 : 4;
    const method = version >= 1 ? buf.readUInt16BE(at) & 15 : 0;
    at += (version >= 1 ? 2 : 0) + 2;
    const base = uint(buf, at, baseSize);
    at += baseSize;
    const extents = buf.readUInt16BE(at);
    at += 2;
    const parts: Buffer[] = [];
    for (let e = 0; e < extents; e++) {
      at += version >= 1 ? indexSize : 0;
      const offset = uint(buf, at, offSize);
      const length = uint(buf, at + offSize, lenSize);
      at += offSize + lenSize;
      if (id !== wanted) continue;
      const origin = method === 1 ? child(buf, meta, 'idat', 4)?.start : method === 0 ? 0 : undefined;
      if (origin === undefined) return undefined;
      const from = origin + base + offset;
      parts.push(buf.subarray(from, length === 0 ? buf.length : from + length));
    }
    if (id === wanted) return Buffer.concat(parts);
  }
  return undefined;
}

/** Property indexes (1-based into `ipco`) of one item, from `ipma`. */
function itemProperties(buf: Buffer, ipma: Box, wanted: number): number[] {
  const version = buf[ipma.start] ?? 0;
  const wide = ((buf[ipma.start + 3] ?? 0) & 1) === 1;
  let at = ipma.start + 4;
  const count = buf.readUInt32BE(at);
  at += 4;
  for (let i = 0; i < count; i++) {
    const id = version < 1 ? buf.readUInt16BE(at) : buf.readUInt32BE(at);
    at += version < 1 ? 2 : 4;
    const n = buf[at] ?? 0;
    at += 1;
    const props: number[] = [];
    for (let p = 0; p < n; p++) {
      props.push(wide ? buf.readUInt16BE(at) & 0x7fff : (buf[at] ?? 0) & 0x7f);
      at += wide ? 2 : 1;
    }
    if (id === wanted) return props;
  }
  return [];
}

export interface HeicMetadata {
  /** The TIFF block of the primary image's EXIF (after the item's 4-byte header offset), if any. */
  exif: Buffer | null;
  /** The primary image has `irot`/`imir`: its decoded pixels are already upright. */
  transformed: boolean;
}

export function readHeicMetadata(buf: Buffer): HeicMetadata {
  const none: HeicMetadata = { exif: null, transformed: false };
  try {
    const meta = [...boxes(buf, 0, buf.length)].find((b) => b.type === 'meta');
    if (!meta) return none;
    const pitm = child(buf, meta, 'pitm', 4);
    const iinf = child(buf, meta, 'iinf', 4);
    const iloc = child(buf, meta, 'iloc', 4);
    const iprp = child(buf, meta, 'iprp', 4);
    if (!pitm || !iinf || !iloc) return none;
    const primary = buf[pitm.start] === 0 ? buf.readUInt16BE(pitm.start + 4) : buf.readUInt32BE(pitm.start + 4);
    const ipco = iprp && child(buf, iprp, 'ipco');
    const ipma = iprp && child(buf, iprp, 'ipma');
    let transformed = false;
    if (ipco && ipma) {
      const all = [...boxes(buf, ipco.start, ipco.end)];
      transformed = itemProperties(buf, ipma, primary).some((i) => ['irot', 'imir'].includes(all[i - 1]?.type ?? ''));
    }
    const exifId = [...itemTypes(buf, iinf)].find(([, type]) => type === 'Exif')?.[0];
    const item = exifId === undefined ? undefined : itemBytes(buf, meta, iloc, exifId);
    if (!item || item.length < 4) return { exif: null, transformed };
    const tiff = item.subarray(4 + item.readUInt32BE(0));
    const order = tiff.toString('latin1', 0, 2);
    return { exif: order === 'II' || order === 'MM' ? Buffer.from(tiff) : null, transformed };
  } catch {
    // A truncated or odd box structure: convert without metadata rather than refuse the photo.
    return none;
  }
}
