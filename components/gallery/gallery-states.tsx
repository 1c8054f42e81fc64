'use client';
import Link from 'next/link';
import stateStyles from '@/components/ui/state-box.module.css';
import type { GalleryFilters } from '@/lib/queries/images';
import styles from './gallery-states.module.css';

/** Varied proportions so the skeleton looks like the gallery it stands in for. */
const SKELETON_TILES = ['4 / 5', '3 / 2', '1 / 1', '2 / 3', '16 / 9', '3 / 4', '1 / 1', '4 / 3', '2 / 3', '3 / 2'].map(
  (ratio, slot) => ({ slot, ratio }),
);

export function GallerySkeleton() {
  return (
    <div role="status" className={styles.skeleton}>
      <span className="sr-only">Loading images…</span>
      {SKELETON_TILES.map(({ slot, ratio }) => (
        <div key={slot} className={styles.skeletonTile} aria-hidden="true">
          <div className={`shimmer ${styles.skeletonImage}`} style={{ aspectRatio: ratio }} />
          <div className={`shimmer ${styles.skeletonLine}`} />
        </div>
      ))}
    </div>
  );
}

export interface GalleryEmptyProps {
  filters: GalleryFilters;
  canUpload: boolean;
  onClearSearch: () => void;
}

export function GalleryEmpty({ filters, canUpload, onClearSearch }: GalleryEmptyProps) {
  if (filters.q || filters.tag) {
    const what = [filters.q && `“${filters.q}”`, filters.tag && `#${filters.tag}`].filter(Boolean).join(' and ');
    return (
      <div className={`card ${stateStyles.stateBox}`}>
        <h2>No images match {what}</h2>
        <p className="muted">
          {filters.filter === 'mine' ? 'Only your images were searched. ' : ''}Titles, captions, tags, file names and
          uploaders’ names are searched; try fewer or other words.
        </p>
        <button type="button" className="button" onClick={onClearSearch}>
          Clear search
        </button>
      </div>
    );
  }
  return (
    <div className={`card ${stateStyles.stateBox}`}>
      <h2>No images yet</h2>
      <p className="muted">
        {filters.filter === 'mine'
          ? 'You have not uploaded any images.'
          : canUpload
            ? 'Nobody has uploaded an image so far. Uploaded images appear here, newest first.'
            : 'Nobody has uploaded an image so far. Images appear here once an uploader adds them.'}
      </p>
      {canUpload && (
        <Link href="/upload" className="button button-primary">
          Upload images
        </Link>
      )}
    </div>
  );
}
