/**
 * The one entry of the embedded image service: a node `http` request handler with no framework.
 * Routes: REST under `/client/v4`, the one-time upload endpoint (POST), delivery (GET/HEAD).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { secretsEqual } from '@/lib/secure-compare';
import { matchRoute } from './api';
import type { Core } from './core';
import { CDN_PREFIX, handleDelivery, sendDeliveryError } from './delivery';
import { type Envelope, errorEnvelope, okEnvelope, ServiceError } from './errors';
import { deliveryBase, toApiImage } from './images';
import { receiveDirectUpload } from './uploads';

const API_PREFIX = '/client/v4/accounts/';

function sendJson(
  res: ServerResponse,
  status: number,
  body: Envelope<unknown>,
  extra: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...extra,
  });
  res.end(text);
}

function sendError(res: ServerResponse, err: unknown, extra: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (err instanceof ServiceError) {
    // A refused body (too large, malformed) is not read to its end: close the connection instead.
    const close: Record<string, string> = res.req.complete ? {} : { connection: 'close' };
    sendJson(res, err.status, errorEnvelope(err.code, err.message), { ...extra, ...err.headers, ...close });
    return;
  }
  console.error('[image-service] unexpected error:', err);
  sendJson(res, 500, errorEnvelope(5500, 'ERROR 5500: Internal error'), extra);
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return secretsEqual(m?.[1]?.trim(), token);
}

async function handleApi(
  core: Core,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
): Promise<void> {
  if (!tokenMatches(req.headers.authorization, core.config.apiToken)) {
    throw new ServiceError(403, 10000, 'Authentication error');
  }
  const rest = path.slice(API_PREFIX.length);
  const slash = rest.indexOf('/');
  const accountId = slash < 0 ? rest : rest.slice(0, slash);
  const tail = slash < 0 ? '' : rest.slice(slash + 1);
  if (accountId !== core.config.accountId) throw new ServiceError(403, 10000, 'Authentication error');
  if (!tail.startsWith('images/')) throw new ServiceError(404, 7003, 'No route for the URI');
  const match = matchRoute(req.method ?? 'GET', tail.slice('images/'.length));
  if (match === null) throw new ServiceError(404, 7003, 'No route for the URI');
  if (match === 'method') throw new ServiceError(405, 10405, 'Method not allowed for this route');
  const out = await match.handler({ core, req, res, query, param: match.param });
  if ('raw' in out) return;
  sendJson(res, 200, okEnvelope(out.result, out.resultInfo === undefined ? null : out.resultInfo));
}

const UPLOAD_CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-max-age': '86400',
};

async function handleUpload(core: Core, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const prefix = `/${core.config.accountHash}/`;
  let id: string;
  try {
    id = path.slice(prefix.length).split('/').map(decodeURIComponent).join('/');
  } catch {
    throw new ServiceError(404, 5404, 'ERROR 5404: Unknown upload URL.');
  }
  const row = await receiveDirectUpload(core, req, id);
  const image = toApiImage(row, deliveryBase(core.config.publicUrl, core.config.accountHash), core.variants.names());
  sendJson(res, 200, okEnvelope(image), UPLOAD_CORS);
}

export function createHandler(core: Core): (req: IncomingMessage, res: ServerResponse) => void {
  const uploadPrefix = `/${core.config.accountHash}/`;
  return (req, res) => {
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const path = q < 0 ? raw : raw.slice(0, q);
    const rawQuery = q < 0 ? '' : raw.slice(q + 1);
    const method = req.method ?? 'GET';
    let work: Promise<void>;
    if (path.startsWith(API_PREFIX)) {
      work = handleApi(core, req, res, path, new URLSearchParams(rawQuery)).catch((err) => sendError(res, err));
    } else if (path.startsWith(uploadPrefix) && method === 'OPTIONS') {
      res.writeHead(204, {
        ...UPLOAD_CORS,
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
      });
      res.end();
      return;
    } else if (path.startsWith(uploadPrefix) && method === 'POST') {
      work = handleUpload(core, req, res, path).catch((err) => sendError(res, err, UPLOAD_CORS));
    } else if (method === 'GET' || method === 'HEAD') {
      if (path === '/healthz') {
        sendJson(res, 200, okEnvelope({ status: 'ok', queue: core.queue.stats(), usage: core.usage.sinceStart() }));
        return;
      }
      if (!path.startsWith(uploadPrefix) && !path.startsWith(`${CDN_PREFIX}/`)) {
        sendDeliveryError(res, new ServiceError(404, 9431, 'ERROR 9431: Not found'), method === 'HEAD');
        return;
      }
      work = handleDelivery(core, req, res, path, rawQuery).catch((err) => {
        if (!(err instanceof ServiceError)) console.error('[image-service] delivery failed:', err);
        const known = err instanceof ServiceError ? err : new ServiceError(500, 9500, 'ERROR 9500: Internal error');
        if (res.headersSent) res.destroy();
        else sendDeliveryError(res, known, method === 'HEAD');
      });
    } else {
      sendJson(res, 405, errorEnvelope(10405, 'Method not allowed'));
      return;
    }
    void work;
  };
}
