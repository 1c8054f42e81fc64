'use client';
import type { MouseEvent } from 'react';
import { PlaceholderImage } from '@/components/ui/placeholder-image';
import { tileVariants } from '@/lib/gallery/ladder';
import { coverScale, displayRatio, gridSizes } from '@/lib/gallery/masonry';
import { scaledHeight, variantSrcSet } from '@/lib/gallery/srcset';
import type { GalleryImage } from '@/lib/schemas/api';
import styles from './gallery.module.css';

export interface GalleryTileProps {
  image: GalleryImage;
  /** The first row loads at once; the rest wait until they approach the viewport. */
  eager: boolean;
  onOpen: (id: string) => void;
  /** Where the tile leads when opened in a new tab; default the image page. */
  href?: string;
  /** Defined in select mode: a click then toggles the selection (the parent's `onOpen`) instead of opening. */
  selected?: boolean;
}

/**
 * A real link to the image page, so opening in a new tab works; a plain click opens the lightbox.
 * The visible title repeats the image's alt text, so it is hidden from screen readers.
 */
export function GalleryTile({ image, eager, onOpen, href, selected }: GalleryTileProps) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    onOpen(image.id);
  };
  return (
    <a
      href={href ?? `/images/${encodeURIComponent(image.id)}`}
      className={styles.tile}
      data-testid="gallery-tile"
      data-image-id={image.id}
      onClick={onClick}
      {...(selected === undefined
        ? {}
        : { role: 'checkbox', 'aria-checked': selected, 'data-selected': selected || undefined })}
    >
      <PlaceholderImage
        className={styles.tileImage}
        src={image.urls.tile300}
        srcSet={variantSrcSet(image, tileVariants(image))}
        sizes={gridSizes(coverScale(image))}
        alt={image.title}
        width={image.widths.tile300}
        height={scaledHeight(image, image.widths.tile300)}
        ratio={displayRatio(image)}
        placeholder={image.placeholder}
        maxSize={{ width: image.widths.desktop, height: scaledHeight(image, image.widths.desktop) }}
        loading={eager ? 'eager' : 'lazy'}
      />
      <span className={styles.caption}>
        <span className={styles.title} aria-hidden="true" title={image.title}>
          {image.title}
        </span>
        <span className={styles.owner}>
          <span className="sr-only">by </span>
          {image.owner.name}
        </span>
      </span>
    </a>
  );
}
