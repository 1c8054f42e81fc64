/**
 * The timeline's month sections. Images come ordered by date taken, those without one at their
 * upload date (the server's order, lib/db/gallery-list.ts); each is put under the month of the
 * date it is ordered by, so sections never repeat while pages load.
 */
import type { GalleryImage } from '@/lib/schemas/api';
import { formatMonth } from '@/lib/ui/capture-format';

export interface GallerySection {
  /** `YYYY-MM`, or 'all' when not grouped. */
  key: string;
  /** Month header; null when not grouped. */
  label: string | null;
  images: GalleryImage[];
}

/** The month an image sits under: its capture month (camera wall time), else its upload month (UTC). */
export const timelineMonth = (image: Pick<GalleryImage, 'takenAt' | 'createdAt'>): string =>
  (image.takenAt ?? image.createdAt).slice(0, 7);

export function gallerySections(images: GalleryImage[], byMonth: boolean): GallerySection[] {
  if (!byMonth) return [{ key: 'all', label: null, images }];
  const sections: GallerySection[] = [];
  for (const image of images) {
    const key = timelineMonth(image);
    const last = sections.at(-1);
    if (last?.key === key) last.images.push(image);
    else sections.push({ key, label: formatMonth(key), images: [image] });
  }
  return sections;
}
