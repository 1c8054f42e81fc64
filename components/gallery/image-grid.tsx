'use client';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useMemo, useRef } from 'react';
import { errorMessage, LoadError } from '@/components/ui/load-error';
import { CAPTION_HEIGHT, masonryLayout } from '@/lib/gallery/masonry';
import { type GallerySection, gallerySections } from '@/lib/gallery/timeline';
import { useElementWidth } from '@/lib/hooks/use-element-width';
import { useLoadMoreSentinel } from '@/lib/hooks/use-load-more-sentinel';
import {
  type GalleryFilters,
  galleryQueryOptions,
  imageDetailQueryOptions,
  msUntilUrlRefresh,
  retryServerErrors,
} from '@/lib/queries/images';
import styles from './gallery.module.css';
import { GalleryEmpty, GallerySkeleton } from './gallery-states';
import { GalleryTile } from './gallery-tile';
import { Lightbox } from './lightbox';
import { useLightboxUrl } from './use-lightbox-url';

export interface ImageGridProps {
  filters: GalleryFilters;
  canUpload: boolean;
  onClearSearch: () => void;
  /** Select mode: the chosen ids; a tile's click then calls `onToggle` instead of opening the lightbox. */
  selected?: ReadonlySet<string>;
  onToggle?: (id: string) => void;
}

export function ImageGrid({ filters, canUpload, onClearSearch, selected, onToggle }: ImageGridProps) {
  const query = useInfiniteQuery({
    ...galleryQueryOptions(filters),
    // While a new search loads, the previous results stay (dimmed) instead of flashing a skeleton.
    placeholderData: keepPreviousData,
    refetchInterval: (q) => msUntilUrlRefresh(q.state.data?.pages),
    retry: retryServerErrors,
  });
  const { data, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage, isPlaceholderData } = query;

  const images = useMemo(() => {
    const seen = new Set<string>();
    return (data?.pages ?? []).flatMap((p) => p.images).filter((img) => !seen.has(img.id) && Boolean(seen.add(img.id)));
  }, [data]);

  const containerRef = useRef<HTMLDivElement>(null);
  const sentinelRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(containerRef);
  // A search is in order of relevance: month headers would repeat, so only the plain timeline has them.
  const ranked = data?.pages[0]?.ranked ?? false;
  const sections = useMemo(
    () => gallerySections(images, filters.sort === 'taken' && !ranked),
    [images, filters.sort, ranked],
  );

  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  useLoadMoreSentinel(sentinelRef, {
    enabled: hasNextPage && !isFetchingNextPage && !isFetchNextPageError && !isPlaceholderData,
    onLoadMore: loadMore,
    generation: data?.pages.length ?? 0,
  });

  const lightbox = useLightboxUrl();
  const { openId } = lightbox;
  const listedIndex = openId === null ? -1 : images.findIndex((img) => img.id === openId);
  // An address naming an image beyond the loaded pages (a shared or reloaded view) fetches just that
  // one, through the same authorization as its page.
  const single = useQuery({
    ...imageDetailQueryOptions(openId ?? ''),
    enabled: openId !== null && listedIndex < 0 && !query.isPending,
    retry: retryServerErrors,
  });
  const shown =
    listedIndex >= 0
      ? { images, index: listedIndex, hasMore: hasNextPage }
      : single.data
        ? { images: [single.data], index: 0, hasMore: false }
        : null;

  // Focus goes back to the tile of the image last shown (however the lightbox closed: button, Escape, Back).
  const lastOpen = useRef<string | null>(null);
  useEffect(() => {
    const id = lastOpen.current;
    lastOpen.current = openId;
    if (openId !== null || id === null) return;
    const tile = containerRef.current?.querySelector<HTMLElement>(`[data-image-id="${CSS.escape(id)}"]`);
    tile?.focus({ preventScroll: true });
    tile?.scrollIntoView({ block: 'nearest' });
  }, [openId]);

  const { show } = lightbox;
  const navigate = useCallback(
    async (step: 1 | -1) => {
      const next = images[listedIndex + step];
      if (listedIndex >= 0 && next) return show(next.id);
      if (step === 1 && hasNextPage && !isFetchingNextPage) {
        const result = await fetchNextPage();
        const all = (result.data?.pages ?? []).flatMap((p) => p.images);
        const after = all[all.findIndex((img) => img.id === openId) + 1];
        if (after) show(after.id);
      }
    },
    [images, listedIndex, openId, hasNextPage, isFetchingNextPage, fetchNextPage, show],
  );

  let content: ReactNode;
  if (query.isPending) content = <GallerySkeleton />;
  else if (query.isError && !data)
    content = <LoadError what="gallery" error={query.error} onRetry={() => void query.refetch()} />;
  else if (images.length === 0)
    content = <GalleryEmpty filters={filters} canUpload={canUpload} onClearSearch={onClearSearch} />;
  else
    content = (
      <>
        {sections.map((section, i) => (
          <GridSection
            key={section.key}
            section={section}
            width={width}
            first={i === 0}
            stale={isPlaceholderData}
            order={
              ranked
                ? 'Images, best match first'
                : filters.sort === 'taken'
                  ? 'newest taken first'
                  : 'Images, newest first'
            }
            onOpen={onToggle ?? lightbox.open}
            selected={selected}
          />
        ))}
        <div ref={sentinelRef} className={styles.footer}>
          {isFetchNextPageError ? (
            <div className="alert" role="alert">
              <p>Could not load more images. {errorMessage(query.error)}</p>
              <button type="button" className="button" onClick={loadMore}>
                Try again
              </button>
            </div>
          ) : hasNextPage ? (
            <button type="button" className="button" onClick={loadMore} disabled={isFetchingNextPage}>
              {isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          ) : (
            images.length > 12 && <p className="muted">That’s everything.</p>
          )}
        </div>
        <p className="sr-only" role="status">
          {isFetchingNextPage ? 'Loading more images…' : `${images.length} images shown.`}
        </p>
      </>
    );

  return (
    <div ref={containerRef} className={styles.gridArea}>
      {content}
      {single.isError && openId !== null && listedIndex < 0 && (
        <div className="alert" role="alert">
          <p>Could not open that image. {errorMessage(single.error)}</p>
          <button type="button" className="button" onClick={lightbox.close}>
            Dismiss
          </button>
        </div>
      )}
      {shown && (
        <Lightbox
          images={shown.images}
          index={shown.index}
          hasMore={shown.hasMore}
          loadingMore={isFetchingNextPage}
          onNavigate={(step) => void navigate(step)}
          onClose={lightbox.close}
        />
      )}
    </div>
  );
}

interface GridSectionProps {
  section: GallerySection;
  width: number;
  first: boolean;
  stale: boolean;
  order: string;
  onOpen: (id: string) => void;
  /** Select mode's chosen ids (undefined outside select mode). */
  selected?: ReadonlySet<string>;
}

/** One masonry block; in the timeline, one per month under its header. */
function GridSection({ section, width, first, stale, order, onOpen, selected }: GridSectionProps) {
  const layout = useMemo(() => masonryLayout(section.images, width), [section.images, width]);
  const list = (
    <ul
      className={styles.grid}
      style={{ height: layout.height, ['--caption-height' as string]: `${CAPTION_HEIGHT}px` }}
      aria-label={section.label ? `${section.label}, ${order}` : order}
      aria-busy={stale || undefined}
      data-stale={stale || undefined}
    >
      {width > 0 &&
        section.images.map((image, i) => {
          const pos = layout.positions[i];
          if (!pos) return null;
          return (
            <li key={image.id} className={styles.cell} style={{ left: pos.left, top: pos.top, width: pos.width }}>
              <GalleryTile
                image={image}
                eager={first && i < layout.columns}
                onOpen={onOpen}
                selected={selected ? selected.has(image.id) : undefined}
              />
            </li>
          );
        })}
    </ul>
  );
  if (!section.label) return list;
  return (
    <section className={styles.month} aria-label={section.label}>
      <h2 className={styles.monthHeading}>{section.label}</h2>
      {list}
    </section>
  );
}
