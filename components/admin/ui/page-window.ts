/** Which page numbers a pagination control shows: the first, the last, and a few around the current one. */

export type PageItem = number | 'gap';

export function pageWindow(current: number, count: number, around = 1): PageItem[] {
  if (count <= 0) return [];
  const shown = new Set<number>([1, count]);
  for (let p = current - around; p <= current + around; p++) if (p >= 1 && p <= count) shown.add(p);
  const pages = [...shown].sort((a, b) => a - b);
  const items: PageItem[] = [];
  for (const [i, p] of pages.entries()) {
    const prev = pages[i - 1];
    // A gap of exactly one page shows that page instead of an ellipsis standing for it.
    if (prev !== undefined && p - prev === 2) items.push(p - 1);
    else if (prev !== undefined && p - prev > 2) items.push('gap');
    items.push(p);
  }
  return items;
}

/** The number of pages for `total` items, at least 1 (an empty list still has its one empty page). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
