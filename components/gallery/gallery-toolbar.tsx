'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useId } from 'react';
import { type GalleryFilters, popularTagsQueryOptions } from '@/lib/queries/images';
import styles from './gallery-toolbar.module.css';

export interface GalleryToolbarProps {
  filter: GalleryFilters['filter'];
  onFilterChange: (filter: GalleryFilters['filter']) => void;
  search: string;
  onSearchChange: (value: string) => void;
  /** Typed but not yet applied (debounce running). */
  searchPending: boolean;
  sort: GalleryFilters['sort'];
  onSortChange: (sort: GalleryFilters['sort']) => void;
  tag: string;
  onTagChange: (tag: string) => void;
  canUpload: boolean;
}

const FILTERS: readonly { value: GalleryFilters['filter']; label: string }[] = [
  { value: 'all', label: 'All images' },
  { value: 'mine', label: 'My images' },
];

const SORTS: readonly { value: GalleryFilters['sort']; label: string }[] = [
  { value: 'uploaded', label: 'Uploaded' },
  { value: 'taken', label: 'Date taken' },
];

function Segmented<T extends string>(props: {
  legend: string;
  name: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset className={styles.segmented}>
      <legend className="sr-only">{props.legend}</legend>
      {props.options.map((o) => (
        <label key={o.value} className={styles.segment}>
          <input
            type="radio"
            name={props.name}
            value={o.value}
            checked={props.value === o.value}
            onChange={() => props.onChange(o.value)}
          />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** The most used tags as toggles; the active one stays listed even when it is not among them. */
function TagFilter({
  filter,
  tag,
  onTagChange,
}: {
  filter: GalleryFilters['filter'];
  tag: string;
  onTagChange: (tag: string) => void;
}) {
  const { data } = useQuery(popularTagsQueryOptions(filter));
  const tags = data?.tags.map((t) => t.tag) ?? [];
  const shown = tag && !tags.includes(tag) ? [tag, ...tags] : tags;
  if (shown.length === 0) return null;
  return (
    <ul className={styles.tags} aria-label="Filter by tag">
      {shown.map((t) => (
        <li key={t}>
          <button
            type="button"
            className={styles.tag}
            aria-pressed={t === tag}
            onClick={() => onTagChange(t === tag ? '' : t)}
          >
            #{t}
          </button>
        </li>
      ))}
    </ul>
  );
}

export function GalleryToolbar({
  filter,
  onFilterChange,
  search,
  onSearchChange,
  searchPending,
  sort,
  onSortChange,
  tag,
  onTagChange,
  canUpload,
}: GalleryToolbarProps) {
  const searchId = useId();
  return (
    <div className={styles.toolbar}>
      {/* "My images" means nothing to someone who cannot upload, so viewers get no filter at all. */}
      {canUpload && (
        <Segmented legend="Show" name="gallery-filter" options={FILTERS} value={filter} onChange={onFilterChange} />
      )}
      <Segmented legend="Order by" name="gallery-sort" options={SORTS} value={sort} onChange={onSortChange} />
      <search className={styles.search}>
        <label htmlFor={searchId} className="sr-only">
          Search titles, captions, tags, file names and people
        </label>
        <input
          id={searchId}
          className="input"
          type="search"
          placeholder="Search titles, captions, tags…"
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
      <TagFilter filter={filter} tag={tag} onTagChange={onTagChange} />
    </div>
  );
}
