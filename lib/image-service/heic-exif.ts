/** Puts a HEIC's EXIF (TIFF) block into a JPEG as its APP1 segment, optionally marking it upright. */

const TAG_ORIENTATION = 0x0112;
const TYPE_SHORT = 3;
/** An APP1 segment's length field counts itself: 65,535 bytes at most, of which 8 are header. */
const MAX_TIFF_BYTES = 65_535 - 8;

/** Sets IFD0's Orientation to 1 in place (a copy); a block it cannot read is returned unchanged. */
export function markUpright(tiff: Buffer): Buffer {
  const out = Buffer.from(tiff);
  if (out.length < 8) return out;
  const le = out.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? out.readUInt16LE(o) : out.readUInt16BE(o));
  const u32 = (o: number) => (le ? out.readUInt32LE(o) : out.readUInt32BE(o));
  const ifd = u32(4);
  if (ifd + 2 > out.length) return out;
  for (let i = 0; i < u16(ifd); i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > out.length) break;
    if (u16(entry) === TAG_ORIENTATION && u16(entry + 2) === TYPE_SHORT) {
      if (le) out.writeUInt16LE(1, entry + 8);
      else out.writeUInt16BE(1, entry + 8);
    }
  }
  return out;
}

/** The JPEG with `tiff` as its EXIF, right after SOI; a block too large for one segment is dropped. */
export function withExifBlock(jpeg: Buffer, tiff: Buffer, upright: boolean): Buffer {
  if (tiff.length > MAX_TIFF_BYTES) return jpeg;
  const block = upright ? markUpright(tiff) : tiff;
  const header = Buffer.alloc(10);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(block.length + 8, 2);
  header.write('Exif\0\0', 4, 'latin1');
  return Buffer.concat([jpeg.subarray(0, 2), header, block, jpeg.subarray(2)]);
}
