'use client';
import { usePathname } from 'next/navigation';
import { useEffect } from 'react';

/** The header stays mounted across client navigations, so its popover menu is closed when the page changes. */
export function CloseMenuOnNavigate({ menuId }: { menuId: string }) {
  const pathname = usePathname();
  useEffect(() => {
    const menu = document.getElementById(menuId);
    if (pathname && menu?.matches(':popover-open')) menu.hidePopover();
  }, [pathname, menuId]);
  return null;
}
