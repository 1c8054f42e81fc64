import exifReader from 'exif-reader';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readCaptureInfo } from '@/lib/cloudflare-images/capture-info';
import { DEFAULT_LIMITS } from '@/lib/cloudflare-images/limits';
import { captureInfoOf } from './capture';
import { EXIF_TAGS, IFD0_TAGS, SERIAL_AND_PERSONAL_TAGS } from './exif-tags';
import { prepareUpload } from './ingest';

/** A photo as a phone or camera writes it: when, with what, where, and which device exactly. */
const CAMERA_EXIF = {
  IFD0: { Make: 'Canon', Model: 'EOS R5', Artist: 'Jane', ImageDescription: 'desc-private' },
  IFD2: {
    DateTimeOriginal: '2024:05:01 12:34:56',
    OffsetTimeOriginal: '+02:00',
    ExposureTime: '1/125',
    FNumber: '28/10',
    ISOSpeedRatings: '400',
    FocalLength: '50/1',
    LensModel: 'RF50mm F1.8 STM',
    BodySerialNumber: 'BODY-SN-1',
    LensSerialNumber: 'LENS-SN-2',
    CameraOwnerName: 'Owner Person',
    ImageUniqueID: 'UNIQUE-ID-3',
  },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 31/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '13/1 24/1 0/1' },
};
const SECRETS = ['BODY-SN-1', 'LENS-SN-2', 'Owner Person', 'UNIQUE-ID-3', 'desc-private'];

const photo = (format: 'jpeg' | 'png' | 'webp' | 'avif') =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: '#48c' } })
    [format]()
    .withExif(CAMERA_EXIF)
    .toBuffer();

async function storedExif(bytes: Buffer) {
  const { exif } = await sharp(bytes).metadata();
  if (!exif) throw new Error('the stored original has no EXIF');
  return exifReader(exif);
}

describe('ingest keeps capture date and camera, removes location and serial numbers', () => {
  it.each(['jpeg', 'png', 'webp'] as const)('%s: the stored original keeps the kept list only', async (format) => {
    const input = await photo(format);
    expect((await storedExif(input)).GPSInfo).toBeDefined();
    expect((await storedExif(input)).Photo?.BodySerialNumber).toBe('BODY-SN-1');

    const prepared = await prepareUpload(input, DEFAULT_LIMITS);
    const exif = await storedExif(prepared.bytes);
    expect(exif.Image).toMatchObject({ Make: 'Canon', Model: 'EOS R5', Artist: 'Jane' });
    expect(exif.Photo).toEqual({
      ExposureTime: 0.008,
      FNumber: 2.8,
      ISOSpeedRatings: 400,
      DateTimeOriginal: new Date('2024-05-01T12:34:56Z'),
      OffsetTimeOriginal: '+02:00',
      FocalLength: 50,
      LensModel: 'RF50mm F1.8 STM',
    });
    expect(exif.GPSInfo).toBeUndefined();
    expect(exif.Image?.ImageDescription).toBeUndefined();
    expect(SECRETS.filter((s) => prepared.bytes.includes(s, 0, 'latin1'))).toEqual([]);
    expect(prepared.bytes.includes('GPS', 0, 'latin1')).toBe(false);
    expect(prepared.capture).toEqual({
      takenAt: '2024-05-01T12:34:56',
      offset: '+02:00',
      make: 'Canon',
      model: 'EOS R5',
      lens: 'RF50mm F1.8 STM',
      exposureTime: 0.008,
      fNumber: 2.8,
      iso: 400,
      focalLength: 50,
    });
  });

  it('keeps the GPS IFD (and still no serial) when the deployment keeps location', async () => {
    const prepared = await prepareUpload(await photo('jpeg'), DEFAULT_LIMITS, { keepLocation: true });
    const exif = await storedExif(prepared.bytes);
    expect(exif.GPSInfo).toEqual({
      GPSLatitudeRef: 'N',
      GPSLatitude: [52, 31, 12.34],
      GPSLongitudeRef: 'E',
      GPSLongitude: [13, 24, 0],
    });
    expect(exif.Photo?.DateTimeOriginal).toEqual(new Date('2024-05-01T12:34:56Z'));
    expect(SECRETS.filter((s) => prepared.bytes.includes(s, 0, 'latin1'))).toEqual([]);
  });

  it('AVIF (re-encoded) keeps date and camera, never GPS or serials', async () => {
    const prepared = await prepareUpload(await photo('avif'), DEFAULT_LIMITS, { keepLocation: true });
    const exif = await storedExif(prepared.bytes);
    expect(exif.Image?.Model).toBe('EOS R5');
    expect(exif.Photo?.DateTimeOriginal).toEqual(new Date('2024-05-01T12:34:56Z'));
    expect(exif.Photo?.FNumber).toBe(2.8);
    expect(exif.GPSInfo).toBeUndefined();
    expect(SECRETS.filter((s) => prepared.bytes.includes(s, 0, 'latin1'))).toEqual([]);
    expect(prepared.capture?.model).toBe('EOS R5');
  });

  it('lists: no serial or personal tag is kept', () => {
    const kept = new Set<number>([...Object.values(IFD0_TAGS), ...Object.values(EXIF_TAGS)]);
    for (const tag of Object.values(SERIAL_AND_PERSONAL_TAGS)) expect(kept.has(tag)).toBe(false);
  });
});

describe('capture info', () => {
  it('is null without EXIF, and ignores invalid dates and offsets', async () => {
    const plain = await prepareUpload(
      await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
        .jpeg()
        .toBuffer(),
      DEFAULT_LIMITS,
    );
    expect(plain.capture).toBeNull();
    const odd = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'X' }, IFD2: { DateTimeOriginal: '0000:00:00 00:00:00', OffsetTimeOriginal: 'bogus' } })
      .toBuffer();
    const info = captureInfoOf((await sharp(odd).metadata()).exif);
    expect(info).toMatchObject({ make: 'X', takenAt: null, offset: null });
  });

  it('the app reads the extension field when present and tolerates its absence (real Cloudflare)', () => {
    expect(readCaptureInfo({ id: 'a', filename: 'x.jpg' })).toBeNull();
    expect(readCaptureInfo({ id: 'a', x_pixvault_exif: { takenAt: 5 } })).toBeNull();
    const info = {
      takenAt: '2024-05-01T12:34:56',
      offset: null,
      make: 'A',
      model: null,
      lens: null,
      exposureTime: null,
      fNumber: null,
      iso: null,
      focalLength: null,
    };
    expect(readCaptureInfo({ id: 'a', x_pixvault_exif: info })).toEqual(info);
  });
});
