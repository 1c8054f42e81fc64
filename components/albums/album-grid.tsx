'use client';
import { useCallback, useMemo, useState } from 'react';
import styles from '@/components/gallery/gallery.module.css';
import { GalleryTile } from '@/components/gallery/gallery-tile';
import { Lightbox } from '@/components/gallery/lightbox';
import { gridStyle, tileStyle } from '@/lib/gallery/layout-style';
import { CAPTION_HEIGHT, responsiveMasonry } from '@/lib/gallery/masonry';
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

/** Tiles that load at once, as in the gallery. */
const EAGER_TILES = 10;

/** A fixed set of images (an album, a share) in the gallery's masonry grid, tiles and lightbox. */
export function AlbumGrid({ images, label, shared = false, selected, onToggle }: AlbumGridProps) {
  // Tiles carry their place for every column count and CSS picks one (as in the gallery).
  const layouts = useMemo(() => responsiveMasonry(images), [images]);
  const [openId, setOpenId] = useState<string | null>(null);
  const openIndex = openId === null ? -1 : images.findIndex((img) => img.id === openId);
  const selecting = selected !== undefined && onToggle !== undefined;

  const onOpen = useCallback((id: string) => (selecting ? onToggle(id) : setOpenId(id)), [selecting, onToggle]);
  const navigate = (step: 1 | -1) => {
    const next = images[openIndex + step];
    if (next) setOpenId(next.id);
  };

  return (
    <div className={styles.gridArea}>
      <ul
        className={styles.grid}
        style={{ ...gridStyle(layouts), ['--caption-height' as string]: `${CAPTION_HEIGHT}px` }}
        aria-label={label}
      >
        {images.map((image, i) => (
          <li key={image.id} className={styles.cell} style={tileStyle(layouts, i)}>
            <GalleryTile
              image={image}
              eager={i < EAGER_TILES}
              onOpen={onOpen}
              href={shared ? `#${encodeURIComponent(image.id)}` : undefined}
              selected={selecting ? selected.has(image.id) : undefined}
            />
          </li>
        ))}
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
