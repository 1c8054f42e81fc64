import { describe, expect, it } from 'vitest';
import { contentDisposition, downloadFilename } from './attachment';

describe('downloadFilename', () => {
  it('names the file after the title with the extension of the bytes sent', () => {
    expect(downloadFilename('Harbour at dusk', 'image/jpeg')).toBe('Harbour at dusk.jpg');
    expect(downloadFilename('icon.png', 'image/png')).toBe('icon.png');
  });

  it('drops path separators, control characters and leading dots', () => {
    expect(downloadFilename('../../etc/passwd\n', 'image/webp')).toBe('etc passwd.webp');
    expect(downloadFilename('Screenshot 2026-12-01 14:03', 'image/png')).toBe('Screenshot 2026-12-01 14 03.png');
  });

  it('falls back to "image" for an empty title', () => {
    expect(downloadFilename('///', 'application/octet-stream')).toBe('image');
  });
});

describe('contentDisposition', () => {
  it('keeps quotes out of the ASCII name and the UTF-8 name encoded', () => {
    expect(contentDisposition('Café "x".jpg')).toBe(
      `attachment; filename="Caf_ _x_.jpg"; filename*=UTF-8''Caf%C3%A9%20%22x%22.jpg`,
    );
  });
});
