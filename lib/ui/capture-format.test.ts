import { describe, expect, it } from 'vitest';
import { formatCamera, formatExposure, formatMonth, formatTaken } from './capture-format';

describe('capture formatting', () => {
  it('shows the camera wall time with its offset, and month headers', () => {
    expect(formatTaken('2024-05-01T12:34:56', '+02:00')).toBe('May 1, 2024, 12:34 PM (UTC+02:00)');
    expect(formatTaken('2024-05-01T23:59:00', null)).toBe('May 1, 2024, 11:59 PM');
    expect(formatMonth('2024-05-01T23:59:00')).toBe('May 2024');
    expect(formatMonth('2023-12-31T23:00:00.000Z')).toBe('December 2023');
  });

  it('names the camera once and writes exposure the photographer’s way', () => {
    expect(formatCamera({ make: 'Canon', model: 'Canon EOS R5' })).toBe('Canon EOS R5');
    expect(formatCamera({ make: 'FUJIFILM', model: 'X-T4' })).toBe('FUJIFILM X-T4');
    expect(formatCamera({ make: null, model: null })).toBeNull();
    expect(formatExposure({ exposureTime: 0.008, fNumber: 2.8, iso: 400, focalLength: 50 })).toBe(
      '1/125 s · f/2.8 · ISO 400 · 50 mm',
    );
    expect(formatExposure({ exposureTime: 2, fNumber: null, iso: null, focalLength: 4.25 })).toBe('2 s · 4.3 mm');
    expect(formatExposure({ exposureTime: null, fNumber: null, iso: null, focalLength: null })).toBeNull();
  });
});
