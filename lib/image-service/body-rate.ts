/**
 * A request body must keep arriving. Once the grace period has passed, a body slower on average than
 * the minimum rate is cut off: an upload slot (or a connection) held by a trickle is what a slow client
 * would hold hostage. Bytes are counted on the socket, so the watch works whoever reads the body.
 */
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { cfError } from '@/lib/cloudflare-images/errors';
import type { UploadPolicy } from './config';

export type RatePolicy = Pick<UploadPolicy, 'minBytesPerSecond' | 'rateGraceMs'>;

export const tooSlow = (rate: number, min: number) =>
  cfError(
    5400,
    `The upload arrived too slowly (${Math.round(rate)} bytes/s; at least ${min} are needed) and was stopped. Try again on a faster connection.`,
    { status: 408 },
  );

/**
 * Watches `req` from now until its body is complete or `stop()` is called; `signal` aborts (with a 408
 * error as its reason) when the body falls under the minimum rate after the grace period.
 */
export function watchBodyRate(req: IncomingMessage, policy: RatePolicy): { signal: AbortSignal; stop: () => void } {
  const controller = new AbortController();
  if (policy.minBytesPerSecond <= 0) return { signal: controller.signal, stop: () => undefined };
  const socket = req.socket;
  const startBytes = socket.bytesRead;
  const start = performance.now();
  const check = () => {
    if (req.complete) {
      clearInterval(timer);
      return;
    }
    const elapsed = performance.now() - start;
    if (elapsed < policy.rateGraceMs) return;
    const rate = ((socket.bytesRead - startBytes) * 1000) / elapsed;
    if (rate >= policy.minBytesPerSecond) return;
    clearInterval(timer);
    controller.abort(tooSlow(rate, policy.minBytesPerSecond));
  };
  // Often enough to act soon after the grace period, rarely enough to cost nothing.
  const timer = setInterval(check, Math.min(1000, Math.max(20, policy.rateGraceMs / 4)));
  timer.unref();
  return { signal: controller.signal, stop: () => clearInterval(timer) };
}
