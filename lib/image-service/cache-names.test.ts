import { describe, expect, it } from 'vitest';
import { optionsFromVariant, parseFlexibleOptions } from '@/lib/cloudflare-images/options';
import { CacheNames, canonicalOptions } from './cache-names';

describe('generated file names', () => {
  it('gives equal options equal canonical keys, and different ones different keys', () => {
    expect(canonicalOptions(parseFlexibleOptions('w=100,h=50'))).toBe(
      canonicalOptions(parseFlexibleOptions('height=50,width=100')),
    );
    expect(canonicalOptions(parseFlexibleOptions('w=100'))).not.toBe(canonicalOptions(parseFlexibleOptions('w=101')));
    expect(canonicalOptions(optionsFromVariant({ fit: 'cover', width: 100, height: 50, metadata: 'none' }))).toBe(
      canonicalOptions(parseFlexibleOptions('w=100,h=50,fit=cover')),
    );
  });
});

describe('CacheNames', () => {
  it('names a variant file by prefix, options and format, the same each time', () => {
    const names = new CacheNames();
    const opts = optionsFromVariant({ fit: 'scale-down', width: 400, height: 400, metadata: 'none' });
    const name = names.name('v-thumbnail', opts, 'avif');
    expect(name).toMatch(/^v-thumbnail\.[0-9a-f]{20}\.avif$/);
    expect(names.name('v-thumbnail', opts, 'avif')).toBe(name);
    expect(names.name('v-thumbnail', { ...opts }, 'avif')).toBe(name); // equal options, another object
    const webp = names.name('v-thumbnail', opts, 'webp');
    expect(webp.split('.')[1]).not.toBe(name.split('.')[1]); // the format is part of what the digest covers
    expect(names.name('f', opts, 'avif')).toMatch(/^f\.[0-9a-f]{20}\.avif$/);
  });
});
