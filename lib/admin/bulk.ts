import 'server-only';
/**
 * Runs one admin action over many items and reports each failure with its reason instead of stopping
 * at the first: the admin sees how many succeeded and exactly which ones did not, and why.
 */
import { ApiError } from '@/lib/api/errors';
import { ImageServiceError } from '@/lib/images/client';
import type { BulkResult } from './bulk-result';

export type { BulkFailure, BulkResult } from './bulk-result';

/** Items worked on at once: the image service is called per item, and the machine may be small. */
const CONCURRENCY = 4;

/** A sentence for the admin; unknown errors are logged and described without their internals. */
export function reasonOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof ImageServiceError) {
    if (err.status === 404) return 'The image service no longer has this image.';
    return `The image service refused: ${err.message}`;
  }
  console.error('[pixvault] bulk action failed:', err);
  return 'Something went wrong on our side.';
}

export async function runBulk<T extends { id: string }>(
  items: readonly T[],
  label: (item: T) => string,
  work: (item: T) => Promise<void>,
): Promise<BulkResult> {
  const result: BulkResult = { attempted: items.length, succeeded: 0, failed: [] };
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      const item = items[i] as T;
      try {
        await work(item);
        result.succeeded++;
      } catch (err) {
        result.failed.push({ id: item.id, label: label(item), reason: reasonOf(err) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  // Failures in the order the items were given, whichever worker met them.
  const order = new Map(items.map((item, i) => [item.id, i]));
  result.failed.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return result;
}
