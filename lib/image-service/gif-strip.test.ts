import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MetadataStripError, stripPrivateMetadata } from './exif-strip';

const latin1 = (s: string) => Buffer.from(s, 'latin1');

async function animated(): Promise<Buffer> {
  const frames = await Promise.all(
    ['#c33', '#3c3', '#33c'].map((background) =>
      sharp({ create: { width: 40, height: 30, channels: 3, background } })
        .png()
        .toBuffer(),
    ),
  );
  return sharp(frames, { join: { animated: true } })
    .gif({ loop: 0 })
    .toBuffer();
}

/** Where the blocks start: after the screen descriptor and the global colour table. */
function firstBlock(gif: Buffer): number {
  const packed = gif[10] ?? 0;
  return 13 + (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);
}

const comment = (text: string) =>
  Buffer.concat([Buffer.from([0x21, 0xfe, text.length]), latin1(text), Buffer.alloc(1)]);
const application = (id: string, data: string) =>
  Buffer.concat([Buffer.from([0x21, 0xff, 11]), latin1(id), Buffer.from([data.length]), latin1(data), Buffer.alloc(1)]);

const frames = (gif: Buffer) => sharp(gif, { animated: true, failOn: 'error' }).raw().toBuffer();

describe('stripPrivateMetadata: GIF', () => {
  it('drops comments, XMP and whatever follows the trailer; keeps every frame and the loop', async () => {
    const gif = await animated();
    const at = firstBlock(gif);
    const dirty = Buffer.concat([
      gif.subarray(0, at),
      comment('secret comment'),
      application('XMP DataXMP', '<x:xmpmeta>secret</x:xmpmeta>'),
      gif.subarray(at),
      latin1('*/=alert(document.domain)//<script>alert(1)</script>'),
    ]);
    const out = await stripPrivateMetadata(dirty, 'gif');
    expect(out.equals(gif)).toBe(true);
    expect(out.includes('NETSCAPE2.0', 0, 'latin1')).toBe(true);
    expect((await frames(out)).equals(await frames(gif))).toBe(true);
    expect((await sharp(out).metadata()).pages).toBe(3);
  });

  it('refuses a file that ends inside a frame', async () => {
    const gif = await animated();
    const cut = gif.subarray(0, gif.length - 20);
    await expect(stripPrivateMetadata(cut, 'gif')).rejects.toThrow(/ends inside a frame/);
    await expect(stripPrivateMetadata(cut, 'gif')).rejects.toBeInstanceOf(MetadataStripError);
  });

  it('refuses an unknown block, and adds the trailer a complete file lacks', async () => {
    const gif = await animated();
    const noTrailer = gif.subarray(0, gif.length - 1);
    expect((await stripPrivateMetadata(noTrailer, 'gif')).equals(gif)).toBe(true);
    const junk = Buffer.concat([noTrailer, latin1('<html>')]);
    await expect(stripPrivateMetadata(junk, 'gif')).rejects.toThrow(/unknown block 0x3c/);
  });
});
