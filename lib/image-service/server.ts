/**
 * Starts the embedded image service on a port: used by `npm run image-service`, by the app's start
 * command (beside Next.js) and by tests (port 0). Shutdown stops accepting, lets background renders
 * and in-flight requests and writes finish, then closes the database.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceConfig } from './config';
import { warnIfDataIsLoose } from './data-modes';
import { createHandler } from './http';
import { closeImageService, type ImageService, openImageService } from './service';
import { svgPoolWarm } from './svg-pool';
import { sweepAfterCrash, sweepExpiredDrafts } from './sweep';

/** How long start-up waits for the SVG workers to load jsdom (seconds on a busy machine). */
const SVG_WARM_MAX_MS = 30_000;

export interface RunningService {
  /** The service's parts (records, files, queue, ...), for the start-up code and for tests. */
  core: ImageService;
  /** Base URL it listens on, e.g. http://127.0.0.1:3001 */
  url: string;
  port: number;
  close(): Promise<void>;
}

const SWEEP_INTERVAL_MS = 60_000;

/**
 * `publicUrl` may be left empty to mean "wherever it ends up listening" (tests on port 0).
 */
export async function startImageService(
  config: ServiceConfig,
  options: { port: number; host: string; now?: () => number },
): Promise<RunningService> {
  // Requests that arrive before the start-up sweep is done wait for it instead of being dropped.
  let handler: ((req: http.IncomingMessage, res: http.ServerResponse) => void) | null = null;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  // Short header and request timeouts, checked often: a client that sends slowly holds a connection
  // (and, while uploading, a slot) for no longer than that (see also body-rate.ts).
  const timeouts = {
    headersTimeout: config.http.headersTimeoutMs,
    requestTimeout: Math.max(config.http.requestTimeoutMs, config.http.headersTimeoutMs), // node refuses less
    connectionsCheckingInterval: Math.min(5_000, config.http.headersTimeoutMs),
  };
  const server = http.createServer(timeouts, (req, res) => {
    if (handler) handler(req, res);
    else void ready.then(() => handler?.(req, res));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  const svc = openImageService({ ...config, publicUrl: config.publicUrl || url }, options.now);
  warnIfDataIsLoose(config.dataDir);
  const swept = await sweepAfterCrash(svc.db, svc.store);
  if (swept.tmp + swept.originals + swept.variantDirs > 0) {
    console.log(
      `[image-service] start-up sweep removed ${swept.tmp} temp files, ${swept.originals} orphan originals, ${swept.variantDirs} orphan variant folders`,
    );
  }
  sweepExpiredDrafts(svc.db, svc.now());
  // The first SVG must not pay for jsdom's start-up behind raster work (it once took 14 s): requests
  // that arrive meanwhile wait here, like those that arrive during the sweep.
  await svgPoolWarm(SVG_WARM_MAX_MS);
  handler = createHandler(svc);
  markReady();
  const sweeper = setInterval(() => sweepExpiredDrafts(svc.db, svc.now()), SWEEP_INTERVAL_MS);
  sweeper.unref();

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      clearInterval(sweeper);
      const requestsDone = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closeImageService(svc, requestsDone);
    })();
    return closing;
  };
  return { core: svc, url, port, close };
}
