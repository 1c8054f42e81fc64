/**
 * GIF's part of stripPrivateMetadata (exif-strip.ts): the file is walked block by block, as a decoder
 * does. Kept byte for byte: the screen, colour tables, frames, graphic control and plain-text blocks,
 * and the application extensions for looping (NETSCAPE2.0, ANIMEXTS1.0) and colour (ICCRGBG1012).
 * Dropped: comments, other application extensions (XMP...), and anything after the trailer, where a
 * GIF/JavaScript or GIF/HTML polyglot keeps its payload. A file that ends inside a block is cut off
 * mid-stream: decoders show what they got without complaint, so only this walk notices.
 */
// A cycle, but MetadataStripError is only used when a file is walked, long after both modules loaded.
import { MetadataStripError } from './exif-strip';

const KEPT_APPLICATIONS = new Set(['NETSCAPE2.0', 'ANIMEXTS1.0', 'ICCRGBG1012']);
const TRAILER = Buffer.from([0x3b]);

/** Size of the colour table announced by a packed-fields byte (0 when there is none). */
const colourTable = (packed: number) => (packed & 0x80 ? 3 * 2 ** ((packed & 0x07) + 1) : 0);

export function stripGif(input: Buffer): Buffer {
  const header = input.toString('latin1', 0, 6);
  if (header !== 'GIF87a' && header !== 'GIF89a') throw new MetadataStripError('GIF: bad signature');
  const need = (end: number, what: string) => {
    if (end > input.length) throw new MetadataStripError(`GIF: the file ends inside ${what} (truncated)`);
  };
  /** Offset just past the data sub-blocks starting at `pos` (each a length byte, then data; 0 ends them). */
  const subBlocks = (start: number, what: string) => {
    let pos = start;
    for (;;) {
      need(pos + 1, what);
      const length = input[pos] ?? 0;
      pos += 1 + length;
      if (length === 0) return pos;
      need(pos, what);
    }
  };
  need(13, 'the screen descriptor');
  let pos = 13 + colourTable(input[10] ?? 0);
  need(pos, 'the global colour table');
  const kept: Buffer[] = [input.subarray(0, pos)];
  while (pos < input.length) {
    const start = pos;
    const introducer = input[pos];
    if (introducer === 0x3b) break;
    if (introducer === 0x2c) {
      need(pos + 10, 'a frame descriptor');
      pos += 10 + colourTable(input[pos + 9] ?? 0);
      need(pos + 1, 'a frame');
      pos = subBlocks(pos + 1, 'a frame'); // after the LZW minimum code size
      kept.push(input.subarray(start, pos));
    } else if (introducer === 0x21) {
      need(pos + 2, 'an extension');
      const label = input[pos + 1];
      const application = label === 0xff ? input.toString('latin1', pos + 3, pos + 14) : '';
      pos = subBlocks(pos + 2, 'an extension');
      const keep = label === 0xf9 || label === 0x01 || KEPT_APPLICATIONS.has(application);
      if (keep) kept.push(input.subarray(start, pos));
    } else {
      throw new MetadataStripError(`GIF: unknown block 0x${(introducer ?? 0).toString(16)} at offset ${pos}`);
    }
  }
  // A missing trailer after a complete block is common in the wild and harmless: it is added back.
  const out = Buffer.concat([...kept, TRAILER]);
  return out.equals(input) ? input : out;
}
