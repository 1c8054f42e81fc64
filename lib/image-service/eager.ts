/** Eager variants: the named variants most viewers will ask for, rendered in the background right after upload. */
import { chooseFormat, MODERN_ACCEPT } from './negotiate';
import type { ImageService } from './service';

export function prerenderVariants(svc: ImageService, id: string): void {
  if (!svc.config.eagerVariants) return;
  const image = svc.records.storedImage(id);
  if (!image || image.format === 'svg') return;
  for (const variant of svc.variants.list()) {
    const opts = svc.variants.transformOptions(variant.id);
    if (!opts) continue;
    const { format } = chooseFormat(image, opts, MODERN_ACCEPT);
    svc.renders.prerender(image, svc.cacheNames.name(`v-${variant.id}`, opts, format), opts, format);
  }
}
