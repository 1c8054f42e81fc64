/**
 * The one entry of the embedded image service: a node `http` request handler with no framework.
 * Routes: REST under `/client/v4`, the one-time upload endpoint (POST), delivery (GET/HEAD).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Envelope, errorEnvelope, okEnvelope } from '@/lib/cloudflare-images/envelope';
import { CloudflareImagesError, cfError } from '@/lib/cloudflare-images/errors';
import { secretsEqual } from '@/lib/cloudflare-images/secrets';
import { USAGE_REPORT_PATH } from '@/lib/cloudflare-images/usage-report';
import { apiImage, matchRoute } from './api';
import { maxFormBytes } from './body';
import { CDN_PREFIX, handleDelivery, sendDeliveryError } from './delivery';
import { receiveDirectUpload } from './direct-uploads';
import { answerAndClose, type DrainPolicy, discardBody } from './early-answer';
import { formLimits } from './ingest-gate';
import type { ImageService } from './service';
import { usageReport } from './usage-report';

const API_PREFIX = '/client/v4/accounts/';

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

function sendJson(
  res: ServerResponse,
  status: number,
  body: Envelope<unknown>,
  extra: Record<string, string> = {},
): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { ...JSON_HEADERS, 'content-length': Buffer.byteLength(text), ...extra });
  res.end(text);
}

/** What is read and discarded of a refused request's body so its client receives the answer (early-answer.ts). */
function drainPolicy(svc: ImageService): DrainPolicy {
  return { ...svc.config.uploads, maxBytes: maxFormBytes(formLimits(svc.config)) };
}

async function sendError(
  svc: ImageService,
  res: ServerResponse,
  err: unknown,
  extra: Record<string, string> = {},
): Promise<void> {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (!(err instanceof CloudflareImagesError)) console.error('[image-service] unexpected error:', err);
  const known = err instanceof CloudflareImagesError ? err : cfError(5500);
  const headers = { ...extra, ...known.headers };
  const req = res.req;
  // The rest of a refused body is read first, so a client still sending gets the answer — except a
  // body that was refused for arriving too slowly: that one is not waited for.
  const drained = req.complete || (known.status !== 408 && (await discardBody(req, drainPolicy(svc))));
  if (drained) sendJson(res, known.status, errorEnvelope(known), headers);
  else answerAndClose(req, res, known.status, JSON.stringify(errorEnvelope(known)), { ...JSON_HEADERS, ...headers });
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return secretsEqual(m?.[1]?.trim(), token);
}

async function handleApi(
  svc: ImageService,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
): Promise<void> {
  if (!tokenMatches(req.headers.authorization, svc.config.apiToken)) throw cfError(10000);
  const rest = path.slice(API_PREFIX.length);
  const slash = rest.indexOf('/');
  const accountId = slash < 0 ? rest : rest.slice(0, slash);
  const tail = slash < 0 ? '' : rest.slice(slash + 1);
  if (accountId !== svc.config.accountId) throw cfError(10000);
  if (!tail.startsWith('images/')) throw cfError(7003);
  // The one route outside Cloudflare's API (usage-report.ts); kept out of the route table so its words
  // never become reserved image-id parts.
  if (tail === `images/${USAGE_REPORT_PATH}`) {
    if (req.method !== 'GET') throw cfError(10405, 'Method not allowed for this route');
    sendJson(res, 200, okEnvelope(usageReport(svc, query)));
    return;
  }
  const match = matchRoute(req.method ?? 'GET', tail.slice('images/'.length));
  if (match === null) throw cfError(7003);
  if (match === 'method') throw cfError(10405, 'Method not allowed for this route');
  const out = await match.handler({ svc, req, res, query, param: match.param });
  if ('raw' in out) return;
  sendJson(res, 200, okEnvelope(out.result, out.resultInfo === undefined ? null : out.resultInfo));
}

const UPLOAD_CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-max-age': '86400',
  // Not a CORS-safelisted header: without this the uploader could not see how long a 429 asks it to wait.
  'access-control-expose-headers': 'Retry-After',
};

async function handleUpload(svc: ImageService, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const prefix = `/${svc.config.accountHash}/`;
  let id: string;
  try {
    id = path.slice(prefix.length).split('/').map(decodeURIComponent).join('/');
  } catch {
    throw cfError(5404, 'Unknown upload URL.');
  }
  const row = await receiveDirectUpload(svc, req, id);
  sendJson(res, 200, okEnvelope(apiImage(svc, row)), UPLOAD_CORS);
}

/** The service as a node `http` request handler. */
export function createHandler(svc: ImageService): (req: IncomingMessage, res: ServerResponse) => void {
  const uploadPrefix = `/${svc.config.accountHash}/`;
  return (req, res) => {
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const path = q < 0 ? raw : raw.slice(0, q);
    const rawQuery = q < 0 ? '' : raw.slice(q + 1);
    const method = req.method ?? 'GET';
    let work: Promise<void>;
    if (path.startsWith(API_PREFIX)) {
      work = handleApi(svc, req, res, path, new URLSearchParams(rawQuery)).catch((err) => sendError(svc, res, err));
    } else if (path.startsWith(uploadPrefix) && method === 'OPTIONS') {
      res.writeHead(204, {
        ...UPLOAD_CORS,
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
      });
      res.end();
      return;
    } else if (path.startsWith(uploadPrefix) && method === 'POST') {
      work = handleUpload(svc, req, res, path).catch((err) => sendError(svc, res, err, UPLOAD_CORS));
    } else if (method === 'GET' || method === 'HEAD') {
      if (path === '/healthz') {
        sendJson(res, 200, okEnvelope({ status: 'ok', queue: svc.queue.stats(), usage: svc.usage.sinceStart() }));
        return;
      }
      if (!path.startsWith(uploadPrefix) && !path.startsWith(`${CDN_PREFIX}/`)) {
        sendDeliveryError(res, cfError(9431), method === 'HEAD');
        return;
      }
      const failed = (err: unknown) => {
        if (!(err instanceof CloudflareImagesError)) console.error('[image-service] delivery failed:', err);
        const known = err instanceof CloudflareImagesError ? err : cfError(9500);
        if (res.headersSent) res.destroy();
        else sendDeliveryError(res, known, method === 'HEAD');
      };
      // A variant in memory is answered synchronously (no promise): the hot path of the service.
      try {
        handleDelivery(svc, req, res, path, rawQuery)?.catch(failed);
      } catch (err) {
        failed(err);
      }
      return;
    } else {
      work = sendError(svc, res, cfError(10405));
    }
    void work;
  };
}
