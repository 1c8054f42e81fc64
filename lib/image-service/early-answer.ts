/**
 * Answering a request whose body is still arriving (a refusal before or while reading it). A server
 * that answers and closes at once makes a client that is still sending fail with EPIPE or a reset
 * ("fetch failed", the SDK's connection error) instead of reading the answer. So the rest of the body
 * is read and thrown away first, and the answer follows on a connection that stays usable. A body too
 * large to wait for, or too slow, is answered at once with `Connection: close`; the connection then
 * keeps discarding input until the client is done sending or has gone, or a short linger has passed,
 * and only then closes — so the answer is not lost to a reset.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type RatePolicy, watchBodyRate } from './body-rate';

export interface DrainPolicy extends RatePolicy {
  /** The most body bytes read (and discarded) to deliver an answer on a connection that stays open. */
  maxBytes: number;
}

/** How long a closing connection keeps discarding input after the answer was written. */
const LINGER_MS = 5_000;

/**
 * Reads and discards the rest of `req`'s body. True once the body has ended; false when it is larger
 * than `maxBytes`, arrives too slowly, or the client went away.
 */
export function discardBody(req: IncomingMessage, policy: DrainPolicy): Promise<boolean> {
  if (req.complete) return Promise.resolve(true);
  if (req.socket.destroyed || Number(req.headers['content-length'] ?? '0') > policy.maxBytes) {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const rate = watchBodyRate(req, policy);
    let total = 0;
    const finish = (ended: boolean) => {
      rate.stop();
      req.off('data', onData);
      req.off('end', onEnd);
      req.socket.off('close', onGone);
      rate.signal.removeEventListener('abort', onGone);
      resolve(ended);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > policy.maxBytes) finish(false);
    };
    const onEnd = () => finish(true);
    const onGone = () => finish(false);
    req.on('data', onData);
    req.on('end', onEnd);
    req.socket.on('close', onGone);
    rate.signal.addEventListener('abort', onGone);
    req.resume();
  });
}

/**
 * Writes the whole answer with `Connection: close`, keeps discarding the body, and ends the response
 * (which closes the connection) once the body has ended or the linger has passed.
 */
export function answerAndClose(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string>,
): void {
  if (res.destroyed || req.socket.destroyed) return;
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(text)), connection: 'close' });
  res.write(text);
  const end = () => {
    clearTimeout(timer);
    req.off('end', end);
    if (!res.writableEnded) res.end();
  };
  const timer = setTimeout(end, LINGER_MS);
  req.on('end', end);
  res.once('close', () => clearTimeout(timer));
  req.on('data', () => undefined);
  req.resume();
}
