'use client';
import Link from 'next/link';
import { type KeyboardEvent, useEffect, useId, useLayoutEffect, useRef } from 'react';
import { PlaceholderImage } from '@/components/ui/placeholder-image';
import { lightboxSizes } from '@/lib/gallery/ladder';
import { scaledHeight, variantSrcSet } from '@/lib/gallery/srcset';
import type { GalleryImage } from '@/lib/schemas/api';
import { LIGHTBOX_VARIANTS } from '@/lib/schemas/gallery-variants';
import styles from './lightbox.module.css';
import { useBodyScrollLock } from './use-body-scroll-lock';

export interface LightboxProps {
  images: readonly GalleryImage[];
  index: number;
  /** More pages exist beyond the last loaded image. */
  hasMore: boolean;
  loadingMore: boolean;
  onNavigate: (step: 1 | -1) => void;
  onClose: () => void;
}

/** What the grid's tile already shows (in the browser's cache), as the preview while the large image loads. */
function tilePicture(id: string): string | undefined {
  const img = document.querySelector<HTMLImageElement>(`[data-image-id="${CSS.escape(id)}"] img`);
  return img?.complete && img.currentSrc ? img.currentSrc : undefined;
}

function preload(image: GalleryImage | undefined): void {
  if (!image) return;
  const img = new Image();
  img.sizes = lightboxSizes(image); // before srcset, or the browser picks with the default 100vw
  img.srcset = variantSrcSet(image, LIGHTBOX_VARIANTS);
}

export function Lightbox({ images, index, hasMore, loadingMore, onNavigate, onClose }: LightboxProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const touchX = useRef<number | null>(null);
  const titleId = useId();
  const image = images[index];
  const hasPrevious = index > 0;
  const hasNext = index < images.length - 1 || hasMore;
  useBodyScrollLock();

  // showModal() makes the rest of the page inert and puts the dialog in the top layer.
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    closeRef.current?.focus();
    return () => dialog.close();
  }, []);

  useEffect(() => {
    preload(images[index + 1]);
    preload(images[index - 1]);
  }, [images, index]);

  if (!image) return null;

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key === 'ArrowRight' && hasNext) onNavigate(1);
    else if (e.key === 'ArrowLeft' && hasPrevious) onNavigate(-1);
    else if (e.key === 'Escape') onClose();
    else return;
    e.preventDefault();
  };

  return (
    <dialog
      ref={dialogRef}
      aria-modal="true"
      aria-labelledby={titleId}
      className={styles.dialog}
      onKeyDown={onKeyDown}
      // A click on the dark backdrop closes, as Escape and the Close button do.
      onClick={(e) => e.target instanceof HTMLElement && e.target.dataset.backdrop !== undefined && onClose()}
      onCancel={(e) => {
        e.preventDefault(); // React owns whether the dialog exists
        onClose();
      }}
    >
      <div className={styles.bar}>
        <div className={styles.heading}>
          <h2 id={titleId} className={styles.title}>
            {image.title}
          </h2>
          <p className={styles.meta}>
            <span>
              {index + 1} of {images.length}
              {hasMore ? '+' : ''}
            </span>
            <span aria-hidden="true"> · </span>
            <span>by {image.owner.name}</span>
          </p>
        </div>
        <Link href={`/images/${encodeURIComponent(image.id)}`} className="button">
          Details
        </Link>
        <button ref={closeRef} type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
      <div
        className={styles.stage}
        data-backdrop=""
        onTouchStart={(e) => (touchX.current = e.touches[0]?.clientX ?? null)}
        onTouchEnd={(e) => {
          const start = touchX.current;
          const end = e.changedTouches[0]?.clientX;
          touchX.current = null;
          if (start === null || end === undefined || Math.abs(end - start) < 50) return;
          if (end < start && hasNext) onNavigate(1);
          else if (end > start && hasPrevious) onNavigate(-1);
        }}
      >
        <div
          className={styles.frameBox}
          data-backdrop=""
          style={{ ['--ratio' as string]: String(image.width / Math.max(1, image.height)) }}
        >
          <PlaceholderImage
            key={image.id}
            className={styles.frame}
            src={image.urls.desktop}
            srcSet={variantSrcSet(image, LIGHTBOX_VARIANTS)}
            sizes={lightboxSizes(image)}
            alt={image.title}
            width={image.widths.desktop}
            height={scaledHeight(image, image.widths.desktop)}
            placeholder={image.placeholder}
            previewSrc={tilePicture(image.id) ?? image.urls.tile300}
            loading="eager"
            fetchPriority="high"
          />
        </div>
        {/* aria-disabled rather than disabled: a focused button that becomes disabled drops focus out of the dialog. */}
        <button
          type="button"
          className={`${styles.nav} ${styles.previous}`}
          onClick={() => hasPrevious && onNavigate(-1)}
          aria-disabled={!hasPrevious}
          aria-label="Previous image"
        >
          <span aria-hidden="true">‹</span>
        </button>
        <button
          type="button"
          className={`${styles.nav} ${styles.next}`}
          onClick={() => hasNext && onNavigate(1)}
          aria-disabled={!hasNext}
          aria-label="Next image"
        >
          <span aria-hidden="true">{loadingMore ? '…' : '›'}</span>
        </button>
      </div>
    </dialog>
  );
}
