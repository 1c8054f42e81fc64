'use client';
import { useSearchParams } from 'next/navigation';
import { useCallback, useRef } from 'react';
import { IMAGE_PARAM, lightboxHref } from '@/lib/gallery/lightbox-url';

export interface LightboxUrl {
  /** The image the address names (`?image=<id>`), or null. */
  openId: string | null;
  /** Opens: a new history entry, so Back closes the lightbox instead of leaving the gallery. */
  open: (id: string) => void;
  /** Next/previous: replaces the entry, so Back does not step through every image seen. */
  show: (id: string) => void;
  close: () => void;
}

/**
 * The lightbox's state lives in the address. Plain history calls (Next keeps useSearchParams in sync
 * with them) instead of router.push: no server round trip for what is only a view of loaded data.
 */
export function useLightboxUrl(): LightboxUrl {
  const openId = useSearchParams().get(IMAGE_PARAM);
  // Whether the entry showing the lightbox is one we pushed; after a reload of `?image=` it is not,
  // and Back would leave the gallery, so closing then rewrites the entry instead.
  const pushed = useRef(false);

  const open = useCallback((id: string) => {
    window.history.pushState(null, '', lightboxHref(window.location, id));
    pushed.current = true;
  }, []);
  const show = useCallback(
    (id: string) => window.history.replaceState(null, '', lightboxHref(window.location, id)),
    [],
  );
  const close = useCallback(() => {
    if (pushed.current) {
      pushed.current = false;
      window.history.back();
    } else window.history.replaceState(null, '', lightboxHref(window.location, null));
  }, []);

  return { openId, open, show, close };
}
