import { describe, expect, it } from 'vitest';
import type { GalleryImage } from '@/lib/schemas/api';
import { gallerySections } from './timeline';

const img = (id: string, takenAt: string | null, createdAt = '2026-11-30T10:00:00.000Z') =>
  ({ id, takenAt, createdAt }) as GalleryImage;

describe('timeline sections', () => {
  it('groups consecutive images by capture month, undated ones by upload month', () => {
    const sections = gallerySections(
      [
        img('a', '2024-05-20T10:00:00'),
        img('b', '2024-05-01T00:10:00'),
        img('c', null, '2024-04-03T09:00:00.000Z'),
        img('d', '2023-12-31T23:59:59'),
      ],
      true,
    );
    expect(sections.map((s) => [s.label, s.images.map((i) => i.id)])).toEqual([
      ['May 2024', ['a', 'b']],
      ['April 2024', ['c']],
      ['December 2023', ['d']],
    ]);
  });

  it('is one unlabelled section when not grouped', () => {
    expect(gallerySections([img('a', null)], false)).toEqual([{ key: 'all', label: null, images: [img('a', null)] }]);
  });
});
