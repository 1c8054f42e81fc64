'use client';
import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { filtersFromParams, sameFilters } from '@/lib/gallery/filters';
import { useDebouncedValue } from '@/lib/hooks/use-debounced-value';
import type { GalleryFilters } from '@/lib/queries/images';
import styles from './gallery.module.css';
import { GalleryToolbar } from './gallery-toolbar';
import { ImageGrid } from './image-grid';
import { SelectionBar, useSelection } from './selection-bar';

export interface GalleryViewProps {
  canUpload: boolean;
}

const SEARCH_DEBOUNCE_MS = 300;

/**
 * Writes the filters into the address bar without a server round trip (Next keeps useSearchParams
 * in sync with history.replaceState), so Back from an image page returns to the same view. An
 * address that already says the same is left alone (with any notice it carries, like `denied`).
 */
function writeFiltersToUrl(filters: GalleryFilters): void {
  const { filter, q, sort, tag } = filters;
  const params = new URLSearchParams(window.location.search);
  if (sameFilters(filtersFromParams(params), filters)) return;
  const put = (key: string, value: string | false) => (value ? params.set(key, value) : params.delete(key));
  put('filter', filter === 'mine' && 'mine');
  put('q', q);
  put('sort', sort === 'taken' && 'taken');
  put('tag', tag);
  params.delete('denied');
  const query = params.toString();
  window.history.replaceState(null, '', query ? `?${query}` : window.location.pathname);
}

export function GalleryView({ canUpload }: GalleryViewProps) {
  const searchParams = useSearchParams();
  const { filter: urlFilter, q: urlQ, sort: urlSort, tag: urlTag } = filtersFromParams(searchParams, canUpload);
  const denied = searchParams.get('denied') === '1';

  // Local state answers input at once; the address bar mirrors it.
  const [filter, setFilter] = useState(urlFilter);
  const [text, setText] = useState(urlQ);
  const [sort, setSort] = useState(urlSort);
  const [tag, setTag] = useState(urlTag);
  const q = useDebouncedValue(text.trim(), SEARCH_DEBOUNCE_MS);
  const filters: GalleryFilters = useMemo(() => ({ filter, q, sort, tag }), [filter, q, sort, tag]);

  const applied = useRef(filters);
  useEffect(() => {
    applied.current = filters;
    writeFiltersToUrl(filters);
  }, [filters]);

  // The URL changed without us (e.g. the header's "Gallery" link while filtered): adopt it.
  useEffect(() => {
    const url = { filter: urlFilter, q: urlQ, sort: urlSort, tag: urlTag };
    if (sameFilters(applied.current, url)) return;
    setFilter(urlFilter);
    setText(urlQ);
    setSort(urlSort);
    setTag(urlTag);
  }, [urlFilter, urlQ, urlSort, urlTag]);

  const clearSearch = useCallback(() => {
    setText('');
    setTag('');
  }, []);
  const selection = useSelection();

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
        sort={sort}
        onSortChange={setSort}
        tag={tag}
        onTagChange={setTag}
        canUpload={canUpload}
      />
      {canUpload && <SelectionBar selection={selection} />}
      <ImageGrid
        filters={filters}
        canUpload={canUpload}
        onClearSearch={clearSearch}
        selected={selection.selected ?? undefined}
        onToggle={selection.selected ? selection.toggle : undefined}
      />
    </div>
  );
}
