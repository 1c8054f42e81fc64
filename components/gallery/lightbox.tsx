'use client';
import Link from 'next/link';
import { type KeyboardEvent, type MouseEvent, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { PlaceholderImage } from '@/components/ui/placeholder-image';
import { lightboxSizes } from '@/lib/gallery/ladder';
import { scaledHeight, variantSrcSet } from '@/lib/gallery/srcset';
import type { GalleryImage } from '@/lib/schemas/api';
import { LIGHTBOX_VARIANTS } from '@/lib/schemas/gallery-variants';
import styles from './lightbox.module.css';
import { LightboxInfo } from './lightbox-info';
import { useBodyScrollLock } from './use-body-scroll-lock';
import { ZoomView } from './zoom-view';

export interface LightboxProps {
  images: readonly GalleryImage[];
  index: number;
  /** More pages exist beyond the last loaded image. */
  hasMore: boolean;
  loadingMore: boolean;
  onNavigate: (step: 1 | -1) => void;
  onClose: () => void;
  /** Offer the image page ("Details") and Download; off on share pages, whose visitors may not be signed in. */
  detailsLink?: boolean;
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

export function Lightbox({
  images,
  index,
  hasMore,
  loadingMore,
  onNavigate,
  onClose,
  detailsLink = true,
}: LightboxProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const touchX = useRef<number | null>(null);
  const titleId = useId();
  const [showInfo, setShowInfo] = useState(false);
  const image = images[index];
  const hasPrevious = index > 0;
  const hasNext = index < images.length - 1 || hasMore;
  // Zoom belongs to one image: moving to the next shows it fitted again.
  const [zoom, setZoom] = useState<{ id: string; focus: { x: number; y: number } } | null>(null);
  const zoomed = image !== undefined && zoom?.id === image.id;
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

  const zoomIn = (focus = { x: 0.5, y: 0.5 }) => setZoom({ id: image.id, focus });
  const zoomOut = () => setZoom(null);
  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    // While zoomed the arrow keys move the image (the zoom view has focus and scrolls natively).
    if (e.key === 'ArrowRight' && hasNext && !zoomed) onNavigate(1);
    else if (e.key === 'ArrowLeft' && hasPrevious && !zoomed) onNavigate(-1);
    else if ((e.key === '+' || e.key === '=') && !zoomed) zoomIn();
    else if (e.key === '-' && zoomed) zoomOut();
    else if (e.key === 'Escape') onClose();
    else return;
    e.preventDefault();
  };
  const zoomAt = (e: MouseEvent<HTMLButtonElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    // A keyboard "click" has no position: zoom into the middle.
    if (e.detail === 0 || box.width === 0) return zoomIn();
    zoomIn({ x: (e.clientX - box.left) / box.width, y: (e.clientY - box.top) / box.height });
  };
  const fullHeight = scaledHeight(image, image.widths.desktop);

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
            {image.owner.name && (
              <>
                <span aria-hidden="true"> · </span>
                <span>by {image.owner.name}</span>
              </>
            )}
          </p>
        </div>
        <div className={styles.tools}>
          <button
            type="button"
            className={`button ${styles.tool} ${styles.zoomButton}`}
            onClick={zoomOut}
            aria-disabled={!zoomed}
            aria-label="Zoom out to fit"
            title="Zoom out to fit (−)"
          >
            −
          </button>
          <button
            type="button"
            className={`button ${styles.tool} ${styles.zoomButton}`}
            onClick={() => !zoomed && zoomIn()}
            aria-disabled={zoomed}
            aria-label="Zoom in to full size"
            title="Zoom in to full size (+)"
          >
            +
          </button>
          {/* Same origin, so `download` is honoured; the route names the file and checks who may have it. */}
          {detailsLink && (
            <a
              href={`/api/images/${encodeURIComponent(image.id)}/download`}
              download
              className={`button ${styles.tool}`}
              title={image.mine ? 'Download the original' : 'Download'}
            >
              <svg viewBox="0 0 24 24" aria-hidden="true" className={styles.icon}>
                <path d="M12 4v11m0 0-4.5-4.5M12 15l4.5-4.5M5 19h14" />
              </svg>
              <span className="sr-only">Download</span>
            </a>
          )}
        </div>
        {detailsLink && (
          <button type="button" className="button" aria-pressed={showInfo} onClick={() => setShowInfo((v) => !v)}>
            Info
          </button>
        )}
        {detailsLink && (
          <Link href={`/images/${encodeURIComponent(image.id)}`} className="button">
            Details
          </Link>
        )}
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
          if (zoomed) return; // a swipe pans the zoomed image
          const end = e.changedTouches[0]?.clientX;
          touchX.current = null;
          if (start === null || end === undefined || Math.abs(end - start) < 50) return;
          if (end < start && hasNext) onNavigate(1);
          else if (end > start && hasPrevious) onNavigate(-1);
        }}
      >
        {zoomed ? (
          <ZoomView
            src={image.urls.desktop}
            width={image.widths.desktop}
            height={fullHeight}
            alt={image.title}
            focus={zoom.focus}
            onExit={zoomOut}
          />
        ) : (
          <div
            className={styles.frameBox}
            data-backdrop=""
            style={{
              ['--ratio' as string]: String(image.width / Math.max(1, image.height)),
              // Never wider than its pixels: an icon stays icon-sized, centred, instead of a blurry blow-up.
              ['--natural-width' as string]: `${image.widths.desktop}px`,
            }}
          >
            <button type="button" className={styles.zoomIn} onClick={zoomAt}>
              <span className="sr-only">Zoom in: </span>
              <PlaceholderImage
                key={image.id}
                className={styles.frame}
                src={image.urls.desktop}
                srcSet={variantSrcSet(image, LIGHTBOX_VARIANTS)}
                sizes={lightboxSizes(image)}
                alt={image.title}
                width={image.widths.desktop}
                height={fullHeight}
                placeholder={image.placeholder}
                previewSrc={tilePicture(image.id) ?? image.urls.tile300}
                loading="eager"
                fetchPriority="high"
              />
            </button>
          </div>
        )}
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
      {showInfo && detailsLink && <LightboxInfo id={image.id} />}
    </dialog>
  );
}
