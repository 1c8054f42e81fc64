import { describe, expect, it } from 'vitest';
import { UploadSlots } from './upload-slots';

const retryAfter = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return (err as { headers?: Record<string, string> }).headers?.['retry-after'];
  }
  return undefined;
};

describe('UploadSlots Retry-After', () => {
  it('follows how long uploads really hold their slots (pinned clock)', () => {
    let clock = 0;
    const slots = new UploadSlots({ maxActive: 2, perClient: 2 }, () => clock);
    // Nothing measured yet: the cautious guess of 4 s an upload, two slots held.
    const held = [slots.acquire('a'), slots.acquire('a')];
    expect(retryAfter(() => slots.acquire('a'))).toBe('2');
    for (const release of held) release();
    // Uploads that take 200 ms each: a slot frees well within a second.
    for (let i = 0; i < 30; i++) {
      const release = slots.acquire('b');
      clock += 200;
      release();
    }
    const again = [slots.acquire('c'), slots.acquire('d')];
    expect(retryAfter(() => slots.acquire('e'))).toBe('1');
    // Slow uploads (20 s each) push it up again.
    for (const release of again) release();
    for (let i = 0; i < 30; i++) {
      const release = slots.acquire('b');
      clock += 20_000;
      release();
    }
    const full = [slots.acquire('c'), slots.acquire('d')];
    expect(retryAfter(() => slots.acquire('e'))).toBe('10');
    for (const release of full) release();
  });
});
