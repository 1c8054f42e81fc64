/**
 * The masonry layouts as CSS custom properties: every tile carries its place for each column count
 * (`--c3`, `--a3`, `--b3`…) and gallery.module.css picks one set with container queries. The server's
 * HTML is therefore laid out before any script runs, and a resize needs no re-render.
 */
import type { CSSProperties } from 'react';
import type { ColumnLayout } from './masonry';

type CustomProperties = CSSProperties & Record<`--${string}`, string | number>;

/** Few digits keep the HTML small; 4 decimals of `a` are well under a pixel even after 60 tiles. */
const round = (n: number) => Math.round(n * 10_000) / 10_000;

export function tileStyle(layouts: readonly ColumnLayout[], index: number): CustomProperties {
  const style: CustomProperties = {};
  for (const { columns, placements } of layouts) {
    const p = placements[index];
    if (!p) continue;
    style[`--c${columns}`] = p.column;
    style[`--a${columns}`] = round(p.a);
    style[`--b${columns}`] = p.b;
  }
  return style;
}

/** The list's height for each column count: its tallest column, as `max()` of `a × --w + b`. */
export function gridStyle(layouts: readonly ColumnLayout[]): CustomProperties {
  const style: CustomProperties = {};
  for (const { columns, bottoms } of layouts) {
    const terms = bottoms.filter((t) => t.a > 0).map((t) => `calc(${round(t.a)} * var(--w) + ${t.b}px)`);
    style[`--h${columns}`] = terms.length ? `max(${terms.join(', ')})` : '0px';
  }
  return style;
}
