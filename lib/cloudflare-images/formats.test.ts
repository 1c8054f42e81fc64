import { describe, expect, it } from 'vitest';
import { ACCEPTED_CONTENT_TYPES, contentTypeForFilename, formatNames } from './formats';

describe('image formats', () => {
  it('lists the accepted content types and names them for people', () => {
    expect(ACCEPTED_CONTENT_TYPES).toEqual([
      'image/jpeg',
      'image/png',
      'image/gif',
      'image/webp',
      'image/avif',
      'image/svg+xml',
      'image/heic',
      'image/heif',
    ]);
    expect(formatNames('and')).toBe('JPEG, PNG, GIF, WebP, AVIF, HEIC and SVG');
    expect(formatNames('or')).toBe('JPEG, PNG, GIF, WebP, AVIF, HEIC or SVG');
  });

  it('knows a content type by file extension, whatever its case', () => {
    expect(contentTypeForFilename('cat.JPG')).toBe('image/jpeg');
    expect(contentTypeForFilename('a.b.svg')).toBe('image/svg+xml');
    expect(contentTypeForFilename('IMG_0001.HEIC')).toBe('image/heic');
    expect(contentTypeForFilename('scan.tiff')).toBeNull();
    expect(contentTypeForFilename('no-extension')).toBeNull();
  });
});
