import { describe, expect, it } from 'vitest';
import { megabytes, metadataBytes } from './limits';

describe('limits', () => {
  it('measures metadata as serialized UTF-8 bytes', () => {
    expect(metadataBytes({ a: 'é' })).toBe(Buffer.byteLength('{"a":"é"}'));
  });
  it('states a limit in megabytes', () => {
    expect(megabytes(10 * 1024 * 1024)).toBe('10 MB');
  });
});
