/** The app server's image work off the request path: variants first (with retries), then periodic reconciliation. */
import { imagesClient } from './client';
import { signingKey } from './signing-keys';
import { reconcilePending } from './uploads';
import { ensureVariants } from './variants';

const RECONCILE_EVERY_MS = 60_000;

async function ensureVariantsWithRetry(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { created, updated } = await ensureVariants(imagesClient());
      if (created.length + updated.length > 0)
        console.log(`[pixvault] variants created: ${created.join(', ') || '-'}; updated: ${updated.join(', ') || '-'}`);
      return;
    } catch (err) {
      if (attempt >= 30) {
        console.error('[pixvault] could not set up image variants:', err instanceof Error ? err.message : err);
        return;
      }
      await new Promise((r) => setTimeout(r, Math.min(5000, 250 * attempt)));
    }
  }
}

export function startImageTasks(): void {
  void ensureVariantsWithRetry();
  // Read the signing keys now, so the first signed URLs already use the newest key.
  void signingKey();
  const timer = setInterval(() => void reconcilePending().catch(() => undefined), RECONCILE_EVERY_MS);
  timer.unref();
}
