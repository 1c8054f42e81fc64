import { type RefObject, useEffect } from 'react';

/**
 * Calls `onLoadMore` when the sentinel comes within `margin` of the viewport. The observer is
 * recreated whenever `generation` changes (a page arrived), because a sentinel that stays in view
 * after a short page would otherwise never report again.
 */
export function useLoadMoreSentinel(
  ref: RefObject<Element | null>,
  {
    enabled,
    onLoadMore,
    generation,
    margin = '800px',
  }: { enabled: boolean; onLoadMore: () => void; generation: number; margin?: string },
): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is unused on purpose; a new page must recreate the observer (see above).
  useEffect(() => {
    const el = ref.current;
    if (!el || !enabled || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) onLoadMore();
      },
      { rootMargin: `${margin} 0px` },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, enabled, onLoadMore, generation, margin]);
}
