/** Bad form fields: custom ids that break the id rules, and metadata that is not a plain JSON object. */
import sharp from 'sharp';
import { fieldsRefused, type HostileCase, inCategory, PNG_FILE } from './case';

const NOT_AN_OBJECT = fieldsRefused(/metadata must be a JSON object/);

export async function badFields(): Promise<HostileCase[]> {
  const file = {
    bytes: await sharp({ create: { width: 8, height: 8, channels: 3, background: '#e76f51' } })
      .png()
      .toBuffer(),
    ...PNG_FILE,
  };
  const ids: [string, string, RegExp][] = [
    ['a UUID', '2b1e9f0e-6d7c-4e8a-9d1b-3c2a1f0e9d8c', /UUID/],
    ['a ".." part', 'a/../b', /"\.\." path parts/],
    ['an empty part', 'a//b', /empty/],
    ['a leading "/"', '/etc/passwd', /start or end with "\/"/],
    ['a NUL character', 'nul\u0000byte', /control characters/],
    ['a newline', 'line\nbreak', /control characters/],
    ['"?"', 'has?query=1', /"\?", "#" or "\\"/],
    ['"#"', 'has#fragment', /"\?", "#" or "\\"/],
    ['"\\"', 'back\\slash', /"\?", "#" or "\\"/],
    ['the route words keys/default', 'keys/default', /"keys" as a path part/],
    ['the route words variants/x', 'variants/x', /"variants" as a path part/],
    ['the route word blob as a part', 'x/blob', /"blob" as a path part/],
    ['1025 characters', `long/${'i'.repeat(1020)}`, /longer than 1024 characters/],
  ];
  const metadata: [string, [string, string][], HostileCase['expected']][] = [
    ['invalid JSON', [['metadata', '{"owner": ']], NOT_AN_OBJECT],
    ['a JSON array', [['metadata', '[1,2,3]']], NOT_AN_OBJECT],
    ['a JSON string', [['metadata', '"owner"']], NOT_AN_OBJECT],
    ['JSON null', [['metadata', 'null']], NOT_AN_OBJECT],
    ['a __proto__ key in JSON', [['metadata', '{"__proto__":{"polluted":true}}']], fieldsRefused(/"__proto__"/)],
    [
      'constructor.prototype nested in JSON',
      [['metadata', '{"a":{"constructor":{"prototype":{"polluted":true}}}}']],
      fieldsRefused(/"constructor"/),
    ],
    ['a metadata[__proto__][…] form field', [['metadata[__proto__][polluted]', '1']], fieldsRefused(/"__proto__"/)],
    ['a metadata[a][prototype] form field', [['metadata[a][prototype]', '1']], fieldsRefused(/"prototype"/)],
  ];
  return [
    ...inCategory(
      'bad id',
      ids.map(([what, id, message]) => ({
        name: `custom id with ${what}`,
        file,
        fields: [['id', id]],
        expected: fieldsRefused(message),
      })),
    ),
    ...inCategory(
      'bad metadata',
      metadata.map(([what, fields, expected]) => ({ name: `metadata: ${what}`, file, fields, expected })),
    ),
  ];
}
