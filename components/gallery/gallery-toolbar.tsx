'use client';
import Link from 'next/link';
import { useId } from 'react';
import type { GalleryFilters } from '@/lib/queries/images';
import styles from './gallery-toolbar.module.css';

export interface GalleryToolbarProps {
  filter: GalleryFilters['filter'];
  onFilterChange: (filter: GalleryFilters['filter']) => void;
  search: string;
  onSearchChange: (value: string) => void;
  /** Typed but not yet applied (debounce running). */
  searchPending: boolean;
  canUpload: boolean;
}

const FILTERS: readonly { value: GalleryFilters['filter']; label: string }[] = [
  { value: 'all', label: 'All images' },
  { value: 'mine', label: 'My images' },
];

export function GalleryToolbar({
  filter,
  onFilterChange,
  search,
  onSearchChange,
  searchPending,
  canUpload,
}: GalleryToolbarProps) {
  const searchId = useId();
  return (
    <div className={styles.toolbar}>
      {/* "My images" means nothing to someone who cannot upload, so viewers get no filter at all. */}
      {canUpload && (
        <fieldset className={styles.segmented}>
          <legend className="sr-only">Show</legend>
          {FILTERS.map((f) => (
            <label key={f.value} className={styles.segment}>
              <input
                type="radio"
                name="gallery-filter"
                value={f.value}
                checked={filter === f.value}
                onChange={() => onFilterChange(f.value)}
              />
              <span>{f.label}</span>
            </label>
          ))}
        </fieldset>
      )}
      <search className={styles.search}>
        <label htmlFor={searchId} className="sr-only">
          Search titles
        </label>
        <input
          id={searchId}
          className="input"
          type="search"
          placeholder="Search titles"
          autoComplete="off"
          maxLength={100}
          value={search}
          onChange={(e) => onSearchChange(e.target.value)}
        />
        {searchPending && <span className={`spinner ${styles.searchSpinner}`} aria-hidden="true" />}
      </search>
      {canUpload && (
        <Link href="/upload" className={`button button-primary ${styles.upload}`}>
          Upload
        </Link>
      )}
    </div>
  );
}
