/** Constant-time comparison of secrets of any length (hashing first gives timingSafeEqual equal-length inputs). */
import { createHash, timingSafeEqual } from 'node:crypto';

export function secretsEqual(given: string | null | undefined, expected: string): boolean {
  if (given === null || given === undefined) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
