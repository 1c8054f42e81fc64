/**
 * Names of generated files: the options, the output format and the sharp version decide their bytes.
 * Delivery asks for a name on every request, so names are remembered; named variants hand out one
 * options object per definition, so theirs are remembered by that object's identity (no key to build).
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { OutputFormat } from '@/lib/cloudflare-images/formats';
import type { TransformOptions } from '@/lib/cloudflare-images/options';

/** A stable text for a set of options: equal options give equal keys. */
export function canonicalOptions(o: TransformOptions): string {
  const g = o.gravity;
  const gravity = g.kind === 'side' ? g.side : g.kind === 'point' ? `${g.x}x${g.y}` : g.kind;
  return [
    `w${o.width ?? ''}`,
    `h${o.height ?? ''}`,
    o.fit,
    gravity,
    `q${o.quality ?? ''}`,
    o.format,
    `d${o.dpr}`,
    `b${o.blur}`,
    `s${o.sharpen}`,
    `r${o.rotate}`,
    `f${o.flip ?? ''}`,
    `bg${o.background ?? ''}`,
    o.metadata,
    o.anim ? 'a' : 'na',
    `t${o.trim?.join(';') ?? ''}`,
  ].join(',');
}

export class CacheNames {
  private readonly byKey = new Map<string, string>();
  private readonly byVariant = new WeakMap<TransformOptions, Map<string, string>>();

  /** `prefix` is `v-<variant>` for a named variant, `f` for flexible options. */
  name(prefix: string, opts: TransformOptions, format: OutputFormat): string {
    const byFormat = this.byVariant.get(opts);
    const known = byFormat?.get(`${prefix}|${format}`);
    if (known) return known;
    const key = `${prefix}|${canonicalOptions(opts)}|${format}`;
    let name = this.byKey.get(key);
    if (name === undefined) {
      const digest = createHash('sha256').update(`${key}|${sharp.versions.sharp}`).digest('hex').slice(0, 20);
      name = `${prefix}.${digest}.${format}`;
      if (this.byKey.size > 10_000) this.byKey.clear();
      this.byKey.set(key, name);
    }
    if (prefix.startsWith('v-')) {
      const map = byFormat ?? new Map<string, string>();
      map.set(`${prefix}|${format}`, name);
      this.byVariant.set(opts, map);
    }
    return name;
  }
}
