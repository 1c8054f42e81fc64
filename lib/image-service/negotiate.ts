/** Output format choice: `format=auto` picks AVIF, then WebP, then the original's format, by `Accept`. */
import type { OutputFormat } from '@/lib/cloudflare-images/formats';
import type { TransformOptions } from '@/lib/cloudflare-images/options';
import { planSize } from '@/lib/cloudflare-images/sizing';
import type { StoredImage } from './db';
import { AVIF_MAX_SIDE, rendersAnimation } from './transform';

export interface FormatChoice {
  format: OutputFormat;
  /** True when `Accept` decided it, so the response must carry `Vary: Accept`. */
  negotiated: boolean;
}

/** What a current browser sends; used to pre-generate the variants most viewers will ask for. */
export const MODERN_ACCEPT = 'image/avif,image/webp,image/apng,image/*,*/*;q=0.8';

/** What a client that takes neither AVIF nor WebP gets. */
export function fallbackFormat(image: Pick<StoredImage, 'format'>): OutputFormat {
  if (image.format === 'jpeg' || image.format === 'png' || image.format === 'gif') return image.format;
  // WebP/AVIF originals for a client that takes neither: PNG keeps transparency, JPEG is smaller.
  return image.format === 'webp' || image.format === 'avif' ? 'png' : 'jpeg';
}

export function chooseFormat(image: StoredImage, opts: TransformOptions, accept: string): FormatChoice {
  const planned = planSize(image.width, image.height, opts);
  const avifFits = Math.max(planned.width, planned.height) <= AVIF_MAX_SIDE;
  const animated = image.frames > 1 && opts.anim;
  const requested = opts.format;
  if (requested !== 'auto') {
    const format: OutputFormat = requested === 'baseline-jpeg' ? 'jpeg' : requested;
    // AVIF is capped like Cloudflare does (and sharp cannot write animated AVIF): WebP stands in.
    if (format === 'avif' && (!avifFits || animated)) return { format: 'webp', negotiated: false };
    return { format, negotiated: false };
  }
  const takesAvif = /image\/avif/i.test(accept);
  const takesWebp = /image\/webp/i.test(accept);
  if (animated && rendersAnimation(image, opts, 'webp')) {
    return { format: takesWebp ? 'webp' : 'gif', negotiated: true };
  }
  if (takesAvif && avifFits) return { format: 'avif', negotiated: true };
  if (takesWebp) return { format: 'webp', negotiated: true };
  return { format: fallbackFormat(image), negotiated: true };
}
