import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, parseFlexibleOptions } from '@/lib/cloudflare-images/options';
import { shrinkOnLoad, transformWorkingBytes } from './work-estimate';

const MB = 1024 * 1024;
const photo50 = { width: 8660, height: 5774, frames: 1, format: 'jpeg' };
const photo12 = { width: 4000, height: 3000, frames: 1, format: 'jpeg' };
const desktop = { ...DEFAULT_OPTIONS, width: 1920 };

describe('shrinkOnLoad', () => {
  it('lets the JPEG decoder shrink by 2, 4 or 8, never past the output size', () => {
    expect(shrinkOnLoad(photo50, desktop, { width: 1920, height: 1280 })).toBe(4);
    expect(shrinkOnLoad(photo50, desktop, { width: 320, height: 213 })).toBe(8);
    expect(shrinkOnLoad(photo12, desktop, { width: 1920, height: 1440 })).toBe(2);
    expect(shrinkOnLoad(photo12, desktop, { width: 3000, height: 2250 })).toBe(1);
  });

  it('is defeated by trim, and not offered by PNG or animations', () => {
    const trim = parseFlexibleOptions('trim=7;9;11;13,width=320');
    expect(shrinkOnLoad(photo50, trim, { width: 320, height: 213 })).toBe(1);
    expect(shrinkOnLoad({ ...photo50, format: 'png' }, desktop, { width: 320, height: 213 })).toBe(1);
    expect(shrinkOnLoad({ ...photo12, format: 'gif', frames: 3 }, desktop, { width: 400, height: 300 })).toBe(1);
    expect(shrinkOnLoad({ ...photo12, format: 'webp' }, desktop, { width: 400, height: 300 })).toBe(10);
  });
});

describe('transformWorkingBytes', () => {
  it('matches the renders measured in a fresh process within a few MB (8660×5774 JPEG)', () => {
    // Measured peaks: 49 MB (1920 px, WebP and JPEG), 61 MB (trim, PNG at 3000 px), 9 MB (320×320 cover, both).
    const heavy = parseFlexibleOptions('trim=7;9;11;13,format=png,width=3000');
    const cover = { ...DEFAULT_OPTIONS, fit: 'cover' as const, width: 320, height: 320 };
    expect(transformWorkingBytes(photo50, desktop, 'webp', true) / MB).toBeCloseTo(44, -1);
    expect(transformWorkingBytes(photo50, heavy, 'png', false) / MB).toBeCloseTo(69, -1);
    expect(transformWorkingBytes(photo50, cover, 'webp', true) / MB).toBeCloseTo(10, -1);
  });

  it('puts a 50 MP trim render above half of the default 128 MB budget and a desktop variant below it', () => {
    const heavy = parseFlexibleOptions('trim=7;9;11;13,format=png,width=3000');
    expect(transformWorkingBytes(photo50, heavy, 'png', false)).toBeGreaterThan(64 * MB);
    expect(transformWorkingBytes(photo50, desktop, 'webp', true)).toBeLessThan(64 * MB);
    expect(transformWorkingBytes(photo12, desktop, 'webp', true)).toBeLessThan(64 * MB);
  });

  it('counts the whole input when a quarter turn needs it, and every frame of an animation', () => {
    const turned = { ...desktop, rotate: 90 as const };
    const still = transformWorkingBytes(photo12, desktop, 'jpeg', false);
    expect(transformWorkingBytes(photo12, turned, 'jpeg', false)).toBeGreaterThan(still);
    const gif = { width: 400, height: 300, frames: 50, format: 'gif' };
    const frame = transformWorkingBytes({ ...gif, frames: 1 }, DEFAULT_OPTIONS, 'webp', false) - 8 * MB;
    expect(transformWorkingBytes(gif, DEFAULT_OPTIONS, 'webp', false)).toBeCloseTo(8 * MB + 50 * frame, -2);
    // A still of the first frame (JPEG cannot animate) costs one frame.
    expect(transformWorkingBytes(gif, DEFAULT_OPTIONS, 'jpeg', false)).toBeCloseTo(8 * MB + frame, -2);
  });
});
