'use client';
import { useLayoutEffect, useRef } from 'react';
import styles from './lightbox.module.css';

export interface ZoomViewProps {
  src: string;
  /** The rendition's real pixel size: shown 1:1. */
  width: number;
  height: number;
  alt: string;
  /** The point (0–1 of width and height) to bring to the middle, e.g. where the image was clicked. */
  focus: { x: number; y: number };
  onExit: () => void;
}

/**
 * The image at full size in a scrolling box: wheel, touch, the arrow keys (it takes focus) and mouse
 * dragging move it; a click without a drag (or Enter) goes back to the fitted view.
 */
export function ZoomView({ src, width, height, alt, focus, onExit }: ZoomViewProps) {
  const ref = useRef<HTMLElement>(null);
  const drag = useRef<{ x: number; y: number; left: number; top: number; moved: boolean } | null>(null);

  // Only on entering: after that the position is the person's.
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus is the starting point, not a live input
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    box.scrollLeft = focus.x * width - box.clientWidth / 2;
    box.scrollTop = focus.y * height - box.clientHeight / 2;
    box.focus({ preventScroll: true });
  }, []);

  return (
    <section
      ref={ref}
      className={styles.zoom}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus for the arrow keys to scroll it
      tabIndex={0}
      aria-label={`${alt} at full size. Scroll, drag or use the arrow keys to move around.`}
      data-testid="lightbox-zoom"
      onPointerDown={(e) => {
        const box = ref.current;
        if (!box || e.button !== 0) return;
        drag.current = { x: e.clientX, y: e.clientY, left: box.scrollLeft, top: box.scrollTop, moved: false };
        // Touch pans natively; the mouse drags through here.
        if (e.pointerType === 'mouse') box.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        const box = ref.current;
        if (!d || !box) return;
        const dx = e.clientX - d.x;
        const dy = e.clientY - d.y;
        if (Math.abs(dx) + Math.abs(dy) > 4) d.moved = true;
        if (e.pointerType === 'mouse') {
          box.scrollLeft = d.left - dx;
          box.scrollTop = d.top - dy;
        }
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Enter') return;
        e.preventDefault();
        onExit();
      }}
      onPointerCancel={() => {
        drag.current = null;
      }}
      onClick={(e) => {
        const moved = drag.current?.moved ?? false;
        drag.current = null;
        // The second click of a double-click that zoomed in should not zoom straight out again.
        if (!moved && e.detail === 1) onExit();
      }}
    >
      <img className={styles.zoomImage} src={src} width={width} height={height} alt="" draggable={false} />
    </section>
  );
}
