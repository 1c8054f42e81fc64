'use client';
import { useCallback, useMemo, useRef, useState } from 'react';
import styles from '@/components/gallery/gallery.module.css';
import { GalleryTile } from '@/components/gallery/gallery-tile';
import { Lightbox } from '@/components/gallery/lightbox';
import { CAPTION_HEIGHT, masonryLayout } from '@/lib/gallery/masonry';
import { useElementWidth } from '@/lib/hooks/use-element-width';
import type { GalleryImage } from '@/lib/schemas/api';

export interface AlbumGridProps {
  images: readonly GalleryImage[];
  label: string;
  /** Share pages: tiles lead nowhere else and the lightbox offers no "Details". */
  shared?: boolean;
  /** Select mode: the chosen ids, toggled by a click instead of opening the lightbox. */
  selected?: ReadonlySet<string>;
  onToggle?: (id: string) => void;
}

/** A fixed set of images (an album, a share) in the gallery's masonry grid, tiles and lightbox. */
export function AlbumGrid({ images, label, shared = false, selected, onToggle }: AlbumGridProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(containerRef);
  const layout = useMemo(() => masonryLayout(images, width), [images, width]);
  const [openId, setOpenId] = useState<string | null>(null);
  const openIndex = openId === null ? -1 : images.findIndex((img) => img.id === openId);
  const selecting = selected !== undefined && onToggle !== undefined;

  const onOpen = useCallback((id: string) => (selecting ? onToggle(id) : setOpenId(id)), [selecting, onToggle]);
  const navigate = (step: 1 | -1) => {
    const next = images[openIndex + step];
    if (next) setOpenId(next.id);
  };

  return (
    <div ref={containerRef} className={styles.gridArea}>
      <ul
        className={styles.grid}
        style={{ height: layout.height, ['--caption-height' as string]: `${CAPTION_HEIGHT}px` }}
        aria-label={label}
      >
        {width > 0 &&
          images.map((image, i) => {
            const pos = layout.positions[i];
            if (!pos) return null;
            return (
              <li key={image.id} className={styles.cell} style={{ left: pos.left, top: pos.top, width: pos.width }}>
                <GalleryTile
                  image={image}
                  eager={i < layout.columns}
                  onOpen={onOpen}
                  href={shared ? `#${encodeURIComponent(image.id)}` : undefined}
                  selected={selecting ? selected.has(image.id) : undefined}
                />
              </li>
            );
          })}
      </ul>
      {openIndex >= 0 && (
        <Lightbox
          images={images}
          index={openIndex}
          hasMore={false}
          loadingMore={false}
          onNavigate={navigate}
          onClose={() => setOpenId(null)}
          detailsLink={!shared}
        />
      )}
    </div>
  );
}
