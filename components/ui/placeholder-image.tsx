'use client';
import { type CSSProperties, useCallback, useState } from 'react';
import { placeholderDataUrl } from '@/lib/gallery/thumbhash';
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

/**
 * An image in a frame that has its final size from the first render: the ThumbHash (and optional
 * preview) fill the frame until the real image has loaded, then the two cross-fade.
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
  const hashUrl = placeholderDataUrl(placeholder);
  const layers = [previewSrc && `url("${previewSrc}")`, hashUrl && `url("${hashUrl}")`].filter(Boolean).join(', ');

  // A cached image can finish before React attaches onLoad; check once the element exists.
  const imgRef = useCallback((img: HTMLImageElement | null) => {
    if (img?.complete && img.naturalWidth > 0) setState('loaded');
  }, []);

  return (
    <div
      className={[styles.frame, className].filter(Boolean).join(' ')}
      style={{ aspectRatio: String(ratio ?? width / height), ...style }}
      data-state={state}
    >
      {layers && <div className={styles.placeholder} style={{ backgroundImage: layers }} aria-hidden="true" />}
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
