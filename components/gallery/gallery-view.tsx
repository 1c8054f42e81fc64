'use client';
import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { filtersFromParams } from '@/lib/gallery/filters';
import { useDebouncedValue } from '@/lib/hooks/use-debounced-value';
import type { GalleryFilters } from '@/lib/queries/images';
import styles from './gallery.module.css';
import { GalleryToolbar } from './gallery-toolbar';
import { ImageGrid } from './image-grid';

export interface GalleryViewProps {
  canUpload: boolean;
}

const SEARCH_DEBOUNCE_MS = 300;

/**
 * Writes the filters into the address bar without a server round trip (Next keeps useSearchParams
 * in sync with history.replaceState), so Back from an image page returns to the same view. An
 * address that already says the same is left alone (with any notice it carries, like `denied`).
 */
function writeFiltersToUrl({ filter, q }: GalleryFilters): void {
  const params = new URLSearchParams(window.location.search);
  const shown = filtersFromParams(params);
  if (shown.filter === filter && shown.q === q) return;
  if (filter === 'mine') params.set('filter', 'mine');
  else params.delete('filter');
  if (q) params.set('q', q);
  else params.delete('q');
  params.delete('denied');
  const query = params.toString();
  window.history.replaceState(null, '', query ? `?${query}` : window.location.pathname);
}

export function GalleryView({ canUpload }: GalleryViewProps) {
  const searchParams = useSearchParams();
  const { filter: urlFilter, q: urlQ } = filtersFromParams(searchParams);
  const denied = searchParams.get('denied') === '1';

  // Local state answers input at once; the address bar mirrors it.
  const [filter, setFilter] = useState(urlFilter);
  const [text, setText] = useState(urlQ);
  const q = useDebouncedValue(text.trim(), SEARCH_DEBOUNCE_MS);
  const filters: GalleryFilters = useMemo(() => ({ filter, q }), [filter, q]);

  const applied = useRef(filters);
  useEffect(() => {
    applied.current = filters;
    writeFiltersToUrl(filters);
  }, [filters]);

  // The URL changed without us (e.g. the header's "Gallery" link while filtered): adopt it.
  useEffect(() => {
    if (applied.current.filter === urlFilter && applied.current.q === urlQ) return;
    setFilter(urlFilter);
    setText(urlQ);
  }, [urlFilter, urlQ]);

  const clearSearch = useCallback(() => setText(''), []);

  return (
    <div className={styles.view}>
      <h1 className={styles.heading}>Gallery</h1>
      {denied && (
        <p className="notice" role="status">
          That page needs a role you do not have. Ask an admin if you should have it.
        </p>
      )}
      <GalleryToolbar
        filter={filter}
        onFilterChange={setFilter}
        search={text}
        onSearchChange={setText}
        searchPending={text.trim() !== q}
        canUpload={canUpload}
      />
      <ImageGrid filters={filters} canUpload={canUpload} onClearSearch={clearSearch} />
    </div>
  );
}
