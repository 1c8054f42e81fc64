import { describe, expect, it } from 'vitest';
import { formatBytes } from './format';

describe('formatBytes', () => {
  it('uses binary multiples like the upload limit', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2.4 * 1024 * 1024)).toBe('2.4 MB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
  });
});
