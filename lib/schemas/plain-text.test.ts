import { describe, expect, it } from 'vitest';
import { adminImageEditSchema, adminImageFilterSchema } from './admin-images';
import { albumCreateSchema, albumUpdateSchema } from './albums';
import { imageUpdateSchema, listQuerySchema, uploadRequestSchema } from './api';
import { imageTextSchema } from './image-text';
import { nameSchema } from './user';

const upload = (filename: string) => ({ filename, size: 10, type: 'image/jpeg' });

/** Every free-text field, as a parse of one value. */
const fields: [string, (v: string) => { success: boolean; error?: { issues: { message: string }[] } }][] = [
  ['image title', (v) => imageUpdateSchema.safeParse({ title: v })],
  ['caption', (v) => imageUpdateSchema.safeParse({ caption: v })],
  ['caption (text route)', (v) => imageTextSchema.safeParse({ caption: v })],
  ['admin title', (v) => adminImageEditSchema.safeParse({ title: v })],
  ['album title', (v) => albumCreateSchema.safeParse({ title: v })],
  ['album rename', (v) => albumUpdateSchema.safeParse({ title: v })],
  ['display name', (v) => nameSchema.safeParse(v)],
  ['upload filename', (v) => uploadRequestSchema.safeParse(upload(v))],
  ['gallery search', (v) => listQuerySchema.safeParse({ q: v })],
  ['admin search', (v) => adminImageFilterSchema.safeParse({ q: v })],
];

describe('plain text', () => {
  it('refuses NUL, other C0 control characters and DEL in every free-text field, saying why', () => {
    for (const [name, parse] of fields) {
      for (const bad of ['x\u0000', 'a\u0001b', 'esc\u001b[31m', 'del\u007f']) {
        const result = parse(bad);
        expect(result.success, `${name}: ${JSON.stringify(bad)}`).toBe(false);
        expect(result.error?.issues[0]?.message).toBe('Control characters (such as NUL) are not allowed.');
      }
    }
  });

  it('accepts ordinary text, tabs, new lines and any script', () => {
    for (const [name, parse] of fields) {
      for (const good of ['Harbour at dusk', 'a\tb', 'été 東京 🌅']) {
        expect(parse(good).success, `${name}: ${JSON.stringify(good)}`).toBe(true);
      }
    }
    expect(imageUpdateSchema.parse({ caption: 'one\ntwo\r\nthree' }).caption).toBe('one\ntwo\r\nthree');
  });
});
