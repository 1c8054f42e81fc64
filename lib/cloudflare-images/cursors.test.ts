import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursors';

const raw = (text: string) => Buffer.from(text).toString('base64url');

describe('cursors', () => {
  it('round-trip a position and an id', () => {
    expect(decodeCursor(encodeCursor(1_700_000_000_000, 'rec-1'))).toEqual({
      position: 1_700_000_000_000,
      id: 'rec-1',
    });
    expect(decodeCursor(encodeCursor(0, 's'))).toEqual({ position: 0, id: 's' });
  });

  it('refuse negative and fractional positions unless the caller allows signed ones', () => {
    for (const text of ['-1:s', '-0.5:s', '1.5:s', '1e400:s', 'NaN:s', ':s', 'x:s']) {
      expect(decodeCursor(raw(text)), text).toBeNull();
    }
    // A timeline keyset: a photo taken before 1970 sorts at a negative time.
    expect(decodeCursor(raw('-86400000:rec-1'), { signed: true })).toEqual({ position: -86_400_000, id: 'rec-1' });
    expect(decodeCursor(raw('1.5:rec-1'), { signed: true })).toBeNull();
  });

  it('refuse ids with control characters (PostgreSQL cannot even compare a NUL)', () => {
    for (const id of ['a\u0000', '\u0001', 'x\u001fy', 'del\u007f']) {
      expect(decodeCursor(raw(`5:${id}`)), JSON.stringify(id)).toBeNull();
    }
  });
});
