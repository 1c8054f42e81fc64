import { crc32 } from 'node:zlib';
import exifReader from 'exif-reader';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MetadataStripError, stripPrivateMetadata } from './exif-strip';

// ---------------------------------------------------------------- fixtures

const base = () => sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } });

const EXIF = {
  IFD0: { Copyright: 'Jane Doe', Artist: 'Jane', ImageDescription: 'CamMakerX' },
  IFD2: { BodySerialNumber: 'SN12345', CameraOwnerName: 'OwnerNameX', LensSerialNumber: 'LENS9876' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2405/100' },
};
const XMP =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="48,51.4N"/></rdf:RDF></x:xmpmeta>';
/** Strings that only exist in private metadata of the fixtures; none may survive. */
const PRIVATE = ['SN12345', 'OwnerNameX', 'LENS9876', 'CamMakerX', 'GPSLatitude', 'secret', 'xmpmeta'];

const withAllMetadata = (s: ReturnType<typeof base>) =>
  s.withMetadata({ orientation: 6 }).withExif(EXIF).withIccProfile('p3').withXmp(XMP).toBuffer();

const decode = (buf: Buffer) => sharp(buf, { failOn: 'error' }).raw().toBuffer();
const leaks = (buf: Buffer) => PRIVATE.filter((s) => buf.includes(s, 0, 'latin1'));
const u16be = (n: number) => Buffer.from([n >> 8, n & 0xff]);

function readExif(buf: Buffer | undefined) {
  if (!buf) throw new Error('no EXIF in output');
  return exifReader(buf);
}

// ---------------------------------------------------------------- container helpers (independent of the code under test)

function jpegMarkers(buf: Buffer): number[] {
  const markers: number[] = [];
  let pos = 2;
  while (pos + 4 <= buf.length) {
    while (buf[pos] === 0xff && buf[pos + 1] === 0xff) pos++;
    const marker = buf[pos + 1] ?? 0;
    markers.push(marker);
    if (marker === 0xda) break;
    pos += 2 + buf.readUInt16BE(pos + 2);
  }
  return markers;
}
const jpegSegment = (marker: number, payload: Buffer) =>
  Buffer.concat([Buffer.from([0xff, marker]), u16be(payload.length + 2), payload]);
const afterSoi = (jpeg: Buffer, ...segments: Buffer[]) =>
  Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);

const FF_D9 = Buffer.from([0xff, 0xd9]);
const bytes = (...b: number[]) => Buffer.from(b);
function countOf(buf: Buffer, needle: Buffer): number {
  let n = 0;
  for (let at = buf.indexOf(needle); at >= 0; at = buf.indexOf(needle, at + 1)) n++;
  return n;
}

/** 128x128 RGB noise (deterministic LCG): entropy-coded data full of FF 00 stuffing. */
function noisy(): ReturnType<typeof sharp> {
  const raw = Buffer.alloc(128 * 128 * 3);
  let x = 12345;
  for (let i = 0; i < raw.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    raw[i] = x >>> 24;
  }
  return sharp(raw, { raw: { width: 128, height: 128, channels: 3 } });
}

/**
 * Hand-built grayscale baseline JPEG with DRI = 1 (sharp cannot set a restart interval): one
 * flat 8x8 block per DC value, so RST0..RST7 (wrapping) sit between blocks. Quantiser 1, so a
 * block decodes to dc / 8 + 128.
 */
function jpegWithRestarts(dcs: number[]): Buffer {
  // ITU-T T.81 table K.3 (luminance DC); the AC table holds only EOB, coded as "0".
  const dcCodes = [
    '00',
    '010',
    '011',
    '100',
    '101',
    '110',
    '1110',
    '11110',
    '111110',
    '1111110',
    '11111110',
    '111111110',
  ];
  const scan: number[] = [];
  dcs.forEach((dc, i) => {
    if (i > 0) scan.push(0xff, 0xd0 + ((i - 1) % 8)); // DC prediction restarts at 0 after each RSTn
    const cat = dc === 0 ? 0 : Math.abs(dc).toString(2).length;
    const extra = cat === 0 ? '' : (dc < 0 ? dc + (1 << cat) - 1 : dc).toString(2).padStart(cat, '0');
    const bits = `${dcCodes[cat]}${extra}0`;
    const padded = bits.padEnd(Math.ceil(bits.length / 8) * 8, '1');
    for (let b = 0; b < padded.length; b += 8) {
      const byte = parseInt(padded.slice(b, b + 8), 2);
      scan.push(...(byte === 0xff ? [0xff, 0x00] : [byte]));
    }
  });
  const width = dcs.length * 8;
  return Buffer.concat([
    bytes(0xff, 0xd8),
    jpegSegment(0xdb, Buffer.from([0, ...new Array<number>(64).fill(1)])),
    jpegSegment(0xc0, bytes(8, 0, 8, width >> 8, width & 0xff, 1, 1, 0x11, 0)),
    jpegSegment(0xc4, bytes(0x00, 0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, ...dcCodes.keys())),
    jpegSegment(0xc4, bytes(0x10, 1, ...new Array<number>(15).fill(0), 0x00)),
    jpegSegment(0xdd, u16be(1)),
    jpegSegment(0xda, bytes(1, 1, 0x00, 0, 63, 0)),
    Buffer.from(scan),
    FF_D9,
  ]);
}

function pngChunks(buf: Buffer): { type: string; data: Buffer; crcOk: boolean }[] {
  const chunks = [];
  for (let pos = 8; pos < buf.length; ) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    const crcOk = crc32(buf.subarray(pos + 4, pos + 8 + len)) === buf.readUInt32BE(pos + 8 + len);
    chunks.push({ type, data, crcOk });
    pos += 12 + len;
  }
  return chunks;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function insertBeforeIdat(png: Buffer, ...chunks: Buffer[]): Buffer {
  const at = png.indexOf('IDAT', 0, 'latin1') - 4;
  return Buffer.concat([png.subarray(0, at), ...chunks, png.subarray(at)]);
}

function webpChunks(buf: Buffer): { fourcc: string; payload: Buffer }[] {
  const chunks = [];
  let pos = 12;
  for (; pos < buf.length; ) {
    const size = buf.readUInt32LE(pos + 4);
    chunks.push({ fourcc: buf.toString('latin1', pos, pos + 4), payload: buf.subarray(pos + 8, pos + 8 + size) });
    pos += 8 + size + (size % 2);
  }
  expect(pos).toBe(buf.length);
  return chunks;
}

/** Big-endian TIFF with IFD0 plus an Exif sub-IFD, to exercise "MM" parsing and tags sharp cannot write. */
type Entry = { tag: number; type: number; count: number; value: Buffer };
const ascii = (tag: number, s: string): Entry => ({
  tag,
  type: 2,
  count: s.length + 1,
  value: Buffer.from(`${s}\0`, 'latin1'),
});
function tiffBE(ifd0: Entry[], exifIfd: Entry[]): Buffer {
  const size = (n: number) => 2 + n * 12 + 4;
  const exifOffset = 8 + size(ifd0.length + 1);
  let dataOffset = exifOffset + size(exifIfd.length);
  const data: Buffer[] = [];
  const encode = (entries: Entry[]) => {
    const b = Buffer.alloc(size(entries.length));
    b.writeUInt16BE(entries.length);
    [...entries]
      .sort((a, z) => a.tag - z.tag)
      .forEach((e, i) => {
        const at = 2 + i * 12;
        b.writeUInt16BE(e.tag, at);
        b.writeUInt16BE(e.type, at + 2);
        b.writeUInt32BE(e.count, at + 4);
        if (e.value.length <= 4) e.value.copy(b, at + 8);
        else {
          b.writeUInt32BE(dataOffset, at + 8);
          data.push(e.value);
          dataOffset += e.value.length;
        }
      });
    return b;
  };
  const pointer = Buffer.alloc(4);
  pointer.writeUInt32BE(exifOffset);
  const ifd0Bytes = encode([...ifd0, { tag: 0x8769, type: 4, count: 1, value: pointer }]);
  const exifBytes = encode(exifIfd);
  return Buffer.concat([Buffer.from('MM\0\x2a\0\0\0\x08', 'latin1'), ifd0Bytes, exifBytes, ...data]);
}

// ---------------------------------------------------------------- tests

describe('stripPrivateMetadata: JPEG', () => {
  it('drops GPS, serials, ImageDescription, XMP, APP13 and COM; keeps Orientation, Copyright, Artist, ICC and the scan bytes', async () => {
    const jfif = jpegSegment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'));
    const iptc = jpegSegment(
      0xed,
      Buffer.from('Photoshop 3.0\x008BIM\x04\x04\0\0\0\0\0\x10secret-iptc-city', 'latin1'),
    );
    const com = jpegSegment(0xfe, Buffer.from('secret location 48.85N 2.35E', 'latin1'));
    const input = afterSoi(await withAllMetadata(base().jpeg()), jfif, iptc, com);
    const before = await sharp(input).metadata();
    expect(readExif(before.exif).GPSInfo).toBeDefined();
    expect(before.xmp).toBeDefined();
    expect(leaks(input)).toEqual(PRIVATE);

    const out = await stripPrivateMetadata(input, 'jpeg');
    const after = await sharp(out).metadata();
    const exif = readExif(after.exif);
    expect(exif.Image).toEqual({ Orientation: 6, Copyright: 'Jane Doe', Artist: 'Jane' });
    expect(exif.GPSInfo).toBeUndefined();
    expect(exif.Photo).toBeUndefined();
    expect(after.orientation).toBe(6);
    // Raw layout: "II", one IFD0 of 3 entries, word-aligned out-of-line values, next-IFD offset 0.
    const tiff = (after.exif ?? Buffer.alloc(0)).subarray(6);
    expect(tiff.subarray(0, 8).equals(Buffer.from('II\x2a\0\x08\0\0\0', 'latin1'))).toBe(true);
    expect(tiff.readUInt16LE(8)).toBe(3);
    const offsets = [1, 2].map((i) => tiff.readUInt32LE(10 + i * 12 + 8));
    expect(offsets.map((o) => o % 2)).toEqual([0, 0]);
    expect(tiff.readUInt32LE(10 + 3 * 12)).toBe(0);
    expect(after.xmp).toBeUndefined();
    expect(leaks(out)).toEqual([]);
    expect(after.icc).toBeDefined();
    expect(after.icc?.equals(before.icc ?? Buffer.alloc(0))).toBe(true);
    // SOI, then JFIF first, then the rebuilt Exif, then ICC and coding segments only.
    const markers = jpegMarkers(out);
    expect(markers.slice(0, 3)).toEqual([0xe0, 0xe1, 0xe2]);
    expect(markers.filter((m) => m === 0xe1 || m === 0xed || m === 0xfe)).toEqual([0xe1]);
    const scan = (b: Buffer) => b.subarray(b.indexOf(Buffer.from([0xff, 0xda])));
    expect(scan(out).equals(scan(input))).toBe(true);
    expect((await decode(out)).equals(await decode(input))).toBe(true);
  });

  it('parses big-endian EXIF and never copies MakerNote, ImageUniqueID or serials; tolerates fill bytes', async () => {
    const orientation = Buffer.from([0, 3, 0, 0]);
    const tiff = tiffBE(
      [
        { tag: 0x0112, type: 3, count: 1, value: orientation },
        ascii(0x013b, 'Al'), // fits inline (<= 4 bytes)
        ascii(0x8298, 'Photo Co\0Editor Co'), // photographer + editor copyright
        ascii(0x013c, 'CamMakerX'), // HostComputer
        ascii(0xc62f, 'SN12345'), // CameraSerialNumber
      ],
      [
        { tag: 0x927c, type: 7, count: 24, value: Buffer.from('MAKERNOTE secret SN12345', 'latin1') },
        ascii(0xa420, 'UID-0123456789abcdef0123456789ab'),
        ascii(0xa430, 'OwnerNameX'),
        ascii(0xa431, 'SN12345'),
        ascii(0xa435, 'LENS9876'),
      ],
    );
    const app1 = jpegSegment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]));
    const plain = await base().jpeg().toBuffer();
    const input = afterSoi(plain, Buffer.from([0xff, 0xff]), app1); // 0xFF fill bytes before the APP1 marker
    expect(readExif((await sharp(input).metadata()).exif).Photo?.ImageUniqueID).toBe(
      'UID-0123456789abcdef0123456789ab',
    );

    const out = await stripPrivateMetadata(input, 'jpeg');
    const exif = readExif((await sharp(out).metadata()).exif);
    expect(exif.bigEndian).toBe(false);
    expect(exif.Image).toEqual({ Orientation: 3, Artist: 'Al', Copyright: 'Photo Co\0Editor Co' });
    expect(exif.Photo).toBeUndefined();
    expect(leaks(out)).toEqual([]);
    expect(out.includes('UID-0123', 0, 'latin1')).toBe(false);
    expect(out.includes('MAKERNOTE', 0, 'latin1')).toBe(false);
    expect((await decode(out)).equals(await decode(plain))).toBe(true);
  });
});

describe('stripPrivateMetadata: JPEG end of image', () => {
  it('drops a second JPEG appended after EOI (MPF / motion photo) together with its EXIF GPS', async () => {
    const primary = await withAllMetadata(base().jpeg());
    const appended = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#3c3' } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2405/100', GPSMapDatum: 'GPSSECRET' } })
      .toBuffer();
    expect(readExif((await sharp(appended).metadata()).exif).GPSInfo).toBeDefined();
    expect(appended.includes('GPSSECRET', 0, 'latin1')).toBe(true);
    const input = Buffer.concat([primary, appended]);

    const out = await stripPrivateMetadata(input, 'jpeg');
    expect(out.subarray(-2).equals(FF_D9)).toBe(true);
    expect(out.includes('GPSSECRET', 0, 'latin1')).toBe(false);
    expect(countOf(out, bytes(0xff, 0xd8))).toBe(1);
    expect(out.equals(await stripPrivateMetadata(primary, 'jpeg'))).toBe(true);
    expect(leaks(out)).toEqual([]);
    expect((await decode(out)).equals(await decode(primary))).toBe(true);
  });

  it('walks progressive scans (DHT between scans, FF 00 stuffing) to the real EOI', async () => {
    const progressive = await noisy().jpeg({ progressive: true, quality: 95 }).toBuffer();
    expect(countOf(progressive, bytes(0xff, 0xda))).toBeGreaterThan(2);
    expect(countOf(progressive, bytes(0xff, 0x00))).toBeGreaterThan(30);
    const trailer = Buffer.from('\xff\xd8\xff\xfe\x00\x08secret\xff\xd9 motion photo', 'latin1');
    // A COM holding FF D9 between two scans: a blind search for FF D9 would cut there.
    const secondSos = progressive.indexOf(bytes(0xff, 0xda), progressive.indexOf(bytes(0xff, 0xda)) + 2);
    const com = jpegSegment(0xfe, Buffer.from('secret \xff\xd9 not the end', 'latin1'));
    const withCom = Buffer.concat([progressive.subarray(0, secondSos), com, progressive.subarray(secondSos)]);
    expect((await decode(withCom)).equals(await decode(progressive))).toBe(true);

    for (const input of [Buffer.concat([progressive, trailer]), Buffer.concat([withCom, trailer])]) {
      const out = await stripPrivateMetadata(input, 'jpeg');
      expect(out.length).toBe(progressive.length);
      expect(out.equals(progressive)).toBe(true);
      expect(leaks(out)).toEqual([]);
      expect((await decode(out)).equals(await decode(progressive))).toBe(true);
    }
  });

  it('passes restart markers (RST0..RST7, wrapping) inside the scan through', async () => {
    const dcs = [-1024, -512, 0, 512, 1016, 2047, -8, 8, -1024, 512];
    const restarts = jpegWithRestarts(dcs);
    for (let n = 0; n < 8; n++) expect(restarts.includes(bytes(0xff, 0xd0 + n))).toBe(true);
    expect(restarts.includes(bytes(0xff, 0x00))).toBe(true);
    const row = await sharp(restarts, { failOn: 'error' }).extractChannel(0).raw().toBuffer();
    expect(dcs.map((_, i) => row[i * 8])).toEqual(dcs.map((dc) => Math.min(255, Math.round(dc / 8 + 128))));

    // FF FF fill bytes may precede EOI; they are kept.
    const filled = Buffer.concat([restarts.subarray(0, -2), bytes(0xff, 0xff), FF_D9]);
    const input = Buffer.concat([filled, Buffer.from('\xff\xd9 trailer \xff\xd9', 'latin1')]);
    const out = await stripPrivateMetadata(input, 'jpeg');
    expect(out.equals(filled)).toBe(true);
    expect((await decode(out)).equals(await decode(restarts))).toBe(true);
  });

  it('refuses a JPEG truncated inside the entropy-coded data', async () => {
    const baseline = await noisy().jpeg().toBuffer();
    const progressive = await noisy().jpeg({ progressive: true }).toBuffer();
    const firstSos = baseline.indexOf(bytes(0xff, 0xda));
    const lastSos = progressive.lastIndexOf(bytes(0xff, 0xda));
    const cuts = [
      baseline.subarray(0, (firstSos + baseline.length) >> 1),
      baseline.subarray(0, baseline.length - 2), // everything but the EOI
      progressive.subarray(0, (lastSos + progressive.length) >> 1),
      jpegWithRestarts([0, 512, 1016, -512]).subarray(0, -5),
    ];
    for (const cut of cuts) {
      const result = stripPrivateMetadata(cut, 'jpeg');
      await expect(result).rejects.toBeInstanceOf(MetadataStripError);
      await expect(result).rejects.toThrow('JPEG has no end-of-image marker');
    }
  });
});

describe('stripPrivateMetadata: PNG', () => {
  it('drops eXIf private tags, iTXt/zTXt XMP, tEXt Comment, tIME and unknown chunks; writes valid CRCs', async () => {
    const input = insertBeforeIdat(
      await withAllMetadata(base().png()),
      pngChunk('iTXt', Buffer.from(`XML:com.adobe.xmp\0\0\0\0\0${XMP}`, 'latin1')),
      pngChunk('tEXt', Buffer.from('Comment\0secret location 48.85N', 'latin1')),
      pngChunk('tEXt', Buffer.from('Copyright\0Jane Doe 2025', 'latin1')),
      pngChunk('tEXt', Buffer.from('Author\0Jane', 'latin1')),
      pngChunk('tIME', Buffer.from([0x07, 0xe9, 1, 2, 3, 4, 5])),
      pngChunk('prVt', Buffer.from('secret private chunk', 'latin1')),
    );
    const before = await sharp(input).metadata();
    expect(readExif(before.exif).Photo?.BodySerialNumber).toBe('SN12345');
    expect(before.xmp).toBeDefined();
    expect(leaks(input)).toEqual(PRIVATE);

    const out = await stripPrivateMetadata(input, 'png');
    const chunks = pngChunks(out);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'iCCP', 'pHYs', 'tEXt', 'tEXt', 'eXIf', 'IDAT', 'IEND']);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    expect(chunks.filter((c) => c.type === 'tEXt').map((c) => c.data.toString('latin1'))).toEqual([
      'Copyright\0Jane Doe 2025',
      'Author\0Jane',
    ]);
    const after = await sharp(out).metadata();
    expect(readExif(after.exif).Image).toEqual({ Orientation: 6, Copyright: 'Jane Doe', Artist: 'Jane' });
    expect(after.xmp).toBeUndefined();
    expect(leaks(out)).toEqual([]);
    expect(after.icc?.equals(before.icc ?? Buffer.alloc(0))).toBe(true);
    expect((await decode(out)).equals(await decode(input))).toBe(true);
  });
});

describe('stripPrivateMetadata: WebP', () => {
  it('rebuilds EXIF, drops XMP, and keeps VP8X flags and RIFF size consistent', async () => {
    const input = await withAllMetadata(base().webp());
    const before = await sharp(input).metadata();
    expect(webpChunks(input).map((c) => c.fourcc)).toEqual(['VP8X', 'ICCP', 'VP8 ', 'EXIF', 'XMP ']);
    expect(readExif(before.exif).GPSInfo).toBeDefined();

    const out = await stripPrivateMetadata(input, 'webp');
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    const chunks = webpChunks(out);
    expect(chunks.map((c) => c.fourcc)).toEqual(['VP8X', 'ICCP', 'VP8 ', 'EXIF']);
    const flags = chunks[0]?.payload[0] ?? 0;
    expect(flags & 0x08).toBe(0x08); // EXIF present
    expect(flags & 0x04).toBe(0); // XMP gone
    expect(flags & 0x20).toBe(0x20); // ICC kept
    expect(chunks[2]?.payload.equals(webpChunks(input)[2]?.payload ?? Buffer.alloc(0))).toBe(true);
    const after = await sharp(out).metadata();
    expect(readExif(after.exif).Image).toEqual({ Orientation: 6, Copyright: 'Jane Doe', Artist: 'Jane' });
    expect(after.xmp).toBeUndefined();
    expect(leaks(out)).toEqual([]);
    expect(after.icc?.equals(before.icc ?? Buffer.alloc(0))).toBe(true);
    expect((await decode(out)).equals(await decode(input))).toBe(true);
  });

  it('drops an EXIF chunk with no allowed tags and clears the EXIF flag', async () => {
    const xmpOnly = await base().webp().withIccProfile('p3').withXmp(XMP).toBuffer();
    const tiff = tiffBE([ascii(0x013c, 'CamMakerX')], [ascii(0xa431, 'SN12345')]);
    const exifChunk = Buffer.concat([
      Buffer.from('EXIF', 'latin1'),
      Buffer.alloc(4),
      tiff,
      Buffer.alloc(tiff.length % 2),
    ]);
    exifChunk.writeUInt32LE(tiff.length, 4);
    const input = Buffer.concat([xmpOnly, exifChunk]);
    input.writeUInt32LE(input.length - 8, 4);
    input[20] = (input[20] ?? 0) | 0x08;
    expect(webpChunks(input).map((c) => c.fourcc)).toEqual(['VP8X', 'ICCP', 'VP8 ', 'XMP ', 'EXIF']);

    const out = await stripPrivateMetadata(input, 'webp');
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    const chunks = webpChunks(out);
    expect(chunks.map((c) => c.fourcc)).toEqual(['VP8X', 'ICCP', 'VP8 ']);
    expect((chunks[0]?.payload[0] ?? 0) & 0x0c).toBe(0);
    const after = await sharp(out).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(leaks(out)).toEqual([]);
    expect((await decode(out)).equals(await decode(input))).toBe(true);
  });
});

describe('stripPrivateMetadata: files without metadata', () => {
  it.each([
    ['jpeg', () => base().jpeg().toBuffer()],
    ['png', () => base().png().toBuffer()],
    ['webp', () => base().webp().toBuffer()],
    ['gif', () => base().gif().toBuffer()],
    ['avif', () => base().avif().toBuffer()],
  ] as const)('%s passes through unchanged', async (format, make) => {
    const input = await make();
    const out = await stripPrivateMetadata(input, format);
    expect(out.equals(input)).toBe(true);
    expect((await decode(out)).equals(await decode(input))).toBe(true);
  });
});

describe('stripPrivateMetadata: invalid input', () => {
  it('rejects structurally broken files with MetadataStripError', async () => {
    const jpeg = await withAllMetadata(base().jpeg());
    const png = await base().png().toBuffer();
    const webp = await withAllMetadata(base().webp());
    const cases: [Buffer, 'jpeg' | 'png' | 'webp' | 'avif'][] = [
      [jpeg.subarray(0, 40), 'jpeg'], // truncated inside the APP1 header
      [jpeg.subarray(0, jpeg.indexOf(Buffer.from([0xff, 0xda]))), 'jpeg'], // no SOS
      [jpeg.subarray(2), 'jpeg'], // no SOI
      [Buffer.concat([Buffer.from('\x89PNG\r\n\x1b\n', 'latin1'), png.subarray(8)]), 'png'], // bad signature
      [png.subarray(0, png.length - 20), 'png'], // no IEND
      [webp.subarray(0, webp.length - 10), 'webp'], // RIFF size beyond the data
      [Buffer.from('RIFF\x0c\0\0\0WEBPJUNK\0\0\0\0', 'latin1'), 'webp'], // no VP8/VP8L/VP8X first
      [Buffer.from('not an image at all'), 'avif'],
    ];
    await expect(stripPrivateMetadata(jpeg.subarray(0, 40), 'jpeg')).rejects.toThrow(/truncated segment/);
    for (const [bytes, format] of cases) {
      await expect(stripPrivateMetadata(bytes, format), `${format} ${bytes.length}`).rejects.toBeInstanceOf(
        MetadataStripError,
      );
    }
  });
});

describe('stripPrivateMetadata: AVIF', () => {
  it('re-encodes files with EXIF/XMP, removing GPS and serials but keeping Copyright and Artist', async () => {
    const input = await withAllMetadata(base().avif());
    expect(readExif((await sharp(input).metadata()).exif).GPSInfo).toBeDefined();

    const out = await stripPrivateMetadata(input, 'avif');
    const after = await sharp(out).metadata();
    expect(after.format).toBe('heif');
    const exif = after.exif ? exifReader(after.exif) : undefined;
    expect(exif?.GPSInfo).toBeUndefined();
    expect(exif?.Photo?.BodySerialNumber).toBeUndefined();
    expect(exif?.Image?.ImageDescription).toBeUndefined();
    expect(exif?.Image?.Copyright).toBe('Jane Doe');
    expect(exif?.Image?.Artist).toBe('Jane');
    expect(after.xmp).toBeUndefined();
    expect(leaks(out)).toEqual([]);
    expect([after.autoOrient.width, after.autoOrient.height]).toEqual([48, 64]);
  });
});
