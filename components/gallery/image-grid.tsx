'use client';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage, LoadError } from '@/components/ui/load-error';
import { CAPTION_HEIGHT, masonryLayout } from '@/lib/gallery/masonry';
import { type GallerySection, gallerySections } from '@/lib/gallery/timeline';
import { useElementWidth } from '@/lib/hooks/use-element-width';
import { useLoadMoreSentinel } from '@/lib/hooks/use-load-more-sentinel';
import { type GalleryFilters, galleryQueryOptions, msUntilUrlRefresh, retryServerErrors } from '@/lib/queries/images';
import styles from './gallery.module.css';
import { GalleryEmpty, GallerySkeleton } from './gallery-states';
import { GalleryTile } from './gallery-tile';
import { Lightbox } from './lightbox';

export interface ImageGridProps {
  filters: GalleryFilters;
  canUpload: boolean;
  onClearSearch: () => void;
}

export function ImageGrid({ filters, canUpload, onClearSearch }: ImageGridProps) {
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

  const [openId, setOpenId] = useState<string | null>(null);
  const focusAfterClose = useRef<string | null>(null);
  const openIndex = openId === null ? -1 : images.findIndex((img) => img.id === openId);

  const closeLightbox = useCallback(() => {
    focusAfterClose.current = openId;
    setOpenId(null);
  }, [openId]);

  // Focus goes back to the tile of the image last shown, which may not be the one first clicked.
  useEffect(() => {
    const id = focusAfterClose.current;
    if (openId !== null || id === null) return;
    focusAfterClose.current = null;
    const tile = containerRef.current?.querySelector<HTMLElement>(`[data-image-id="${CSS.escape(id)}"]`);
    tile?.focus({ preventScroll: true });
    tile?.scrollIntoView({ block: 'nearest' });
  }, [openId]);

  const navigate = useCallback(
    async (step: 1 | -1) => {
      const next = images[openIndex + step];
      if (next) return setOpenId(next.id);
      if (step === 1 && hasNextPage && !isFetchingNextPage) {
        const result = await fetchNextPage();
        const all = (result.data?.pages ?? []).flatMap((p) => p.images);
        const after = all[all.findIndex((img) => img.id === openId) + 1];
        if (after) setOpenId(after.id);
      }
    },
    [images, openIndex, openId, hasNextPage, isFetchingNextPage, fetchNextPage],
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
            onOpen={setOpenId}
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
      {openIndex >= 0 && (
        <Lightbox
          images={images}
          index={openIndex}
          hasMore={hasNextPage}
          loadingMore={isFetchingNextPage}
          onNavigate={(step) => void navigate(step)}
          onClose={closeLightbox}
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
}

/** One masonry block; in the timeline, one per month under its header. */
function GridSection({ section, width, first, stale, order, onOpen }: GridSectionProps) {
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
              <GalleryTile image={image} eager={first && i < layout.columns} onOpen={onOpen} />
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
