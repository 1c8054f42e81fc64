/** The app server's image work off the request path: variants first (with retries), then periodic reconciliation and trash sweeps. */
import { imagesClient } from './client';
import { signingKey } from './signing-keys';
import { sweepTrash } from './trash';
import { reconcilePending } from './uploads';
import { ensureVariants } from './variants';

const RECONCILE_EVERY_MS = 60_000;
/** Trashed images are purged within this long after their 30 days are over. */
const TRASH_SWEEP_EVERY_MS = 10 * 60_000;

function sweep(): void {
  void sweepTrash()
    .then((n) => n > 0 && console.log(`[pixvault] trash: ${n} image(s) deleted forever after 30 days`))
    .catch((err) => console.error('[pixvault] trash sweep failed:', err instanceof Error ? err.message : err));
}

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
  sweep();
  setInterval(sweep, TRASH_SWEEP_EVERY_MS).unref();
}
