/** Files that are not images at all, whatever their name and declared type say. */
import { exe, HTML, heicHeader, latin1, PDF, zip } from './bytes';
import { type HostileCase, inCategory, JPEG_FILE, PNG_FILE, refused } from './case';

const NOT_AN_IMAGE = refused(415, /not a JPEG, PNG, GIF, WebP, AVIF, HEIC or SVG image/);

export function wrongTypes(): HostileCase[] {
  const bmp = Buffer.alloc(70);
  bmp.write('BM', 0, 'latin1');
  return inCategory('wrong type', [
    { name: 'PDF with a JavaScript OpenAction', file: { bytes: PDF, ...JPEG_FILE }, expected: NOT_AN_IMAGE },
    { name: 'HTML page named photo.jpg', file: { bytes: HTML, ...JPEG_FILE }, expected: NOT_AN_IMAGE },
    {
      name: 'plain text',
      file: { bytes: latin1('just some words\n'), filename: 'notes.png', type: 'text/plain' },
      expected: NOT_AN_IMAGE,
    },
    { name: 'empty file', file: { bytes: Buffer.alloc(0), ...PNG_FILE }, expected: refused(400, /empty \(0 bytes\)/) },
    { name: 'ZIP archive', file: { bytes: zip('a.txt', latin1('hello')), ...PNG_FILE }, expected: NOT_AN_IMAGE },
    { name: 'Windows executable (MZ/PE header)', file: { bytes: exe(), ...JPEG_FILE }, expected: NOT_AN_IMAGE },
    {
      name: 'XML document whose root is not <svg>',
      file: { bytes: latin1('<?xml version="1.0"?><html><body/></html>'), filename: 'x.svg', type: 'image/svg+xml' },
      expected: NOT_AN_IMAGE,
    },
    { name: 'BMP header', file: { bytes: bmp, ...PNG_FILE }, expected: NOT_AN_IMAGE },
    { name: 'TIFF header', file: { bytes: latin1('II*\0\x08\0\0\0\0\0'), ...PNG_FILE }, expected: NOT_AN_IMAGE },
    {
      name: 'HEIC header with no image in it',
      file: { bytes: heicHeader(), ...JPEG_FILE },
      expected: refused(400, /HEIC/),
    },
  ]);
}
