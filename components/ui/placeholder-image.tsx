'use client';
import { type CSSProperties, useCallback, useState, useSyncExternalStore } from 'react';
import { placeholderColor, placeholderDataUrl } from '@/lib/gallery/thumbhash';
import styles from './placeholder-image.module.css';

export interface PlaceholderImageProps {
  src: string;
  srcSet: string;
  sizes: string;
  alt: string;
  /** Intrinsic size of `src`, for the `width`/`height` attributes. */
  width: number;
  height: number;
  /** Proportions the frame reserves (width / height); defaults to width / height. */
  ratio?: number;
  /** Base64 ThumbHash shown until the image has loaded. */
  placeholder: string | null;
  /** An already-cached smaller rendition to show above the ThumbHash meanwhile (the lightbox uses the thumbnail). */
  previewSrc?: string;
  /** The largest rendition's pixel size: the image is never drawn larger (an icon stays small, centred). */
  maxSize?: { width: number; height: number };
  loading?: 'lazy' | 'eager';
  fetchPriority?: 'high' | 'low' | 'auto';
  className?: string;
  style?: CSSProperties;
}

const noSubscribe = () => () => {};

/**
 * False in the server's HTML and while hydrating, true after: the ThumbHash picture (a ~4 KB PNG data
 * URL per image) is drawn in the browser only, so the HTML carries just the average colour per tile.
 */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
}

/**
 * An image in a frame that has its final size from the first render. The image is never hidden: the
 * placeholder (ThumbHash, optional preview) sits behind it and shows until the bytes paint over it, so
 * a cached image appears at once, also before the page's scripts run, with no fade to wait for.
 */
export function PlaceholderImage({
  src,
  srcSet,
  sizes,
  alt,
  width,
  height,
  ratio,
  placeholder,
  previewSrc,
  maxSize,
  loading = 'lazy',
  fetchPriority,
  className,
  style,
}: PlaceholderImageProps) {
  const [state, setState] = useState<'loading' | 'loaded' | 'failed'>('loading');
  const hydrated = useHydrated();
  const waiting = state !== 'loaded';
  const hashUrl = waiting && hydrated ? placeholderDataUrl(placeholder) : null;
  const layers = [previewSrc && `url("${previewSrc}")`, hashUrl && `url("${hashUrl}")`].filter(Boolean).join(', ');
  const color = waiting ? placeholderColor(placeholder) : null;

  // A cached image can finish before React attaches onLoad (or before hydration); check once the element exists.
  const imgRef = useCallback((img: HTMLImageElement | null) => {
    if (img?.complete && img.naturalWidth > 0) setState('loaded');
  }, []);

  return (
    <div
      className={[styles.frame, className].filter(Boolean).join(' ')}
      style={{ aspectRatio: String(ratio ?? width / height), ...style }}
      data-state={state}
    >
      {waiting && (layers || color) && (
        <div
          className={styles.placeholder}
          style={{ backgroundImage: layers || undefined, backgroundColor: color ?? undefined }}
          aria-hidden="true"
        />
      )}
      <img
        ref={imgRef}
        className={styles.image}
        style={maxSize && { maxWidth: maxSize.width, maxHeight: maxSize.height }}
        src={src}
        srcSet={srcSet}
        sizes={sizes}
        alt={alt}
        width={width}
        height={height}
        loading={loading}
        decoding="async"
        fetchPriority={fetchPriority}
        onLoad={() => setState('loaded')}
        onError={() => setState('failed')}
      />
      {state === 'failed' && (
        <span className={styles.failed} aria-hidden="true">
          Image unavailable
        </span>
      )}
    </div>
  );
}
