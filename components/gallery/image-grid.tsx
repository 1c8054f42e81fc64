'use client';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage, LoadError } from '@/components/ui/load-error';
import { gridStyle, tileStyle } from '@/lib/gallery/layout-style';
import { CAPTION_HEIGHT, responsiveMasonry } from '@/lib/gallery/masonry';
import { useLoadMoreSentinel } from '@/lib/hooks/use-load-more-sentinel';
import { type GalleryFilters, galleryQueryOptions, msUntilUrlRefresh, retryServerErrors } from '@/lib/queries/images';
import styles from './gallery.module.css';
import { GalleryEmpty, GallerySkeleton } from './gallery-states';
import { GalleryTile } from './gallery-tile';

/**
 * The lightbox is a separate chunk: nothing on the first screen needs it. It is fetched when the
 * browser is idle after load, so the first click does not wait for it either.
 */
const loadLightbox = () => import('./lightbox').then((m) => m.Lightbox);
const Lightbox = dynamic(loadLightbox, { ssr: false });

export interface ImageGridProps {
  filters: GalleryFilters;
  canUpload: boolean;
  onClearSearch: () => void;
}

/**
 * Tiles that load at once, with the HTML (about the first screen at 1280 px; a phone's first screen
 * holds fewer). The rest wait until they approach the viewport.
 */
const EAGER_TILES = 10;

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

  const listRef = useRef<HTMLUListElement>(null);
  const sentinelRef = useRef<HTMLDivElement>(null);
  const layouts = useMemo(() => responsiveMasonry(images), [images]);

  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  useLoadMoreSentinel(sentinelRef, {
    enabled: hasNextPage && !isFetchingNextPage && !isFetchNextPageError && !isPlaceholderData,
    onLoadMore: loadMore,
    generation: data?.pages.length ?? 0,
  });

  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 1));
    idle(() => void loadLightbox());
  }, []);

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
    const tile = listRef.current?.querySelector<HTMLElement>(`[data-image-id="${CSS.escape(id)}"]`);
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
        <ul
          ref={listRef}
          className={styles.grid}
          style={{ ...gridStyle(layouts), ['--caption-height' as string]: `${CAPTION_HEIGHT}px` }}
          aria-label="Images, newest first"
          aria-busy={isPlaceholderData || undefined}
          data-stale={isPlaceholderData || undefined}
        >
          {images.map((image, i) => (
            <li key={image.id} className={styles.cell} style={tileStyle(layouts, i)}>
              <GalleryTile image={image} eager={i < EAGER_TILES} onOpen={setOpenId} />
            </li>
          ))}
        </ul>
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
    <div className={styles.gridArea}>
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
