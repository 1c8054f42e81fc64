import { describe, expect, it } from 'vitest';
import { customIdProblem, encodeDeliveryId } from './ids';

describe('custom image ids', () => {
  it('accepts what Cloudflare accepts', () => {
    for (const id of [
      'cat',
      'albums/2026/cat.jpg',
      'ünïcödé/名前',
      'a b',
      "x!$&'()*+,;=:@~",
      'x'.repeat(1024),
      '100%',
    ]) {
      expect(customIdProblem(id), id).toBeNull();
    }
  });
  it('refuses ids that break the rules, saying which rule', () => {
    expect(customIdProblem('')).toMatch(/empty/);
    expect(customIdProblem('x'.repeat(1025))).toMatch(/1024/);
    expect(customIdProblem('2B1E9F0E-6D7C-4E8A-9D1B-3C2A1F0E9D8C')).toMatch(/UUID/);
    expect(customIdProblem('/a')).toMatch(/start or end/);
    expect(customIdProblem('a/')).toMatch(/start or end/);
    expect(customIdProblem('a//b')).toMatch(/empty/);
    expect(customIdProblem('a/./b')).toMatch(/"\."/);
    expect(customIdProblem('../etc/passwd')).toMatch(/"\.\."/);
    expect(customIdProblem('tab\there')).toMatch(/control/);
    expect(customIdProblem('a?b')).toMatch(/"\?"/);
    expect(customIdProblem('a#b')).toMatch(/"#"/);
    expect(customIdProblem('a\\b')).toMatch(/\\/);
  });
  it('refuses ids with a route word of the API as any path part, so no id reads like another route', () => {
    for (const id of ['keys/default', 'variants/x', 'x/blob', 'stats', 'config', 'a/direct_upload/b', 'KEYS/default']) {
      expect(customIdProblem(id), id).toMatch(/route/);
    }
    for (const id of ['keyset/default', 'my-variants', 'blobs/x', 'x/statsy'])
      expect(customIdProblem(id), id).toBeNull();
  });
  it('encodes only what a URL path cannot hold, so % becomes %25 and / stays', () => {
    expect(encodeDeliveryId('albums/2026/cat')).toBe('albums/2026/cat');
    expect(encodeDeliveryId('100%/a b')).toBe('100%25/a%20b');
    expect(encodeDeliveryId('名前')).toBe('%E5%90%8D%E5%89%8D');
  });
});
