'use client';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { type ReactNode, useCallback, useEffect, useMemo, useRef } from 'react';
import { errorMessage, LoadError } from '@/components/ui/load-error';
import { gridStyle, tileStyle } from '@/lib/gallery/layout-style';
import { CAPTION_HEIGHT, responsiveMasonry } from '@/lib/gallery/masonry';
import { type GallerySection, gallerySections } from '@/lib/gallery/timeline';
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
import { useLightboxUrl } from './use-lightbox-url';

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
  /** Select mode: the chosen ids; a tile's click then calls `onToggle` instead of opening the lightbox. */
  selected?: ReadonlySet<string>;
  onToggle?: (id: string) => void;
}

/**
 * Tiles that load at once, with the HTML: a 1280×800 first screen holds 15–20 (5 columns, 3–4 rows),
 * and a lazy image inside the first screen waits for layout before it is even requested, which
 * delayed the largest paint. A phone's first screen holds fewer; the extra ones are its next screen.
 * The rest wait until they approach the viewport.
 */
const EAGER_TILES = 20;

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

  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 1));
    idle(() => void loadLightbox());
  }, []);

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
    <div className={styles.gridArea}>
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
  first: boolean;
  stale: boolean;
  order: string;
  onOpen: (id: string) => void;
  /** Select mode's chosen ids (undefined outside select mode). */
  selected?: ReadonlySet<string>;
}

/**
 * One masonry block; in the timeline, one per month under its header. Tiles carry their place for every
 * column count and CSS picks one, so the server's HTML is laid out before any script runs.
 */
function GridSection({ section, first, stale, order, onOpen, selected }: GridSectionProps) {
  const layouts = useMemo(() => responsiveMasonry(section.images), [section.images]);
  const list = (
    <ul
      className={styles.grid}
      style={{ ...gridStyle(layouts), ['--caption-height' as string]: `${CAPTION_HEIGHT}px` }}
      aria-label={section.label ? `${section.label}, ${order}` : order}
      aria-busy={stale || undefined}
      data-stale={stale || undefined}
    >
      {section.images.map((image, i) => (
        <li key={image.id} className={styles.cell} style={tileStyle(layouts, i)}>
          <GalleryTile
            image={image}
            eager={first && i < EAGER_TILES}
            onOpen={onOpen}
            selected={selected ? selected.has(image.id) : undefined}
          />
        </li>
      ))}
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
