/**
 * The REST API under `/client/v4/accounts/<account_id>/images`: one table of routes, each a small
 * function returning the `result` (and optional `result_info`) of Cloudflare's envelope.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cfError } from '@/lib/cloudflare-images/errors';
import { type ApiImage, deliveryBase, toApiImage } from './api-image';
import { readJson } from './body';
import { type ImageRow, isStored } from './db';
import { createDirectUpload } from './direct-uploads';
import { listV1, listV2 } from './listing';
import { compileRoutes, findRoute, type RouteSpec } from './routes';
import type { ImageService } from './service';
import { createImage } from './uploads';

export interface ApiContext {
  svc: ImageService;
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  /** Decoded path parameters, e.g. the image id or variant name. */
  param: string;
}

export type ApiResult = { result: unknown; resultInfo?: unknown } | { raw: true };

export type Handler = (ctx: ApiContext) => Promise<ApiResult> | ApiResult;

/** Records as the API shows them, with the delivery URL of every named variant. */
function apiShape(svc: ImageService): (row: ImageRow) => ApiImage {
  const base = deliveryBase(svc.config.publicUrl, svc.config.accountHash);
  const names = svc.variants.names();
  return (row) => toApiImage(row, base, names);
}

export const apiImage = (svc: ImageService, row: ImageRow): ApiImage => apiShape(svc)(row);

/**
 * A draft whose upload URL expired is gone, even before the sweeper removes it — unless an upload
 * to it is still being received: that one may yet complete, and must not be reported gone.
 */
function visibleRow(svc: ImageService, id: string): ImageRow {
  const row = svc.records.mustGet(id);
  if (row.draft && row.upload_state !== 'receiving' && (row.draft_expires ?? 0) <= svc.now()) throw cfError(5404);
  return row;
}

/** Deletes the record first (so it stops being served at once), then its files. */
async function deleteImage(svc: ImageService, row: ImageRow): Promise<void> {
  svc.records.remove(row.id);
  if (row.file_key) await svc.renders.dropImage(row.file_key);
}

const routes: RouteSpec<Handler>[] = [
  {
    method: 'POST',
    path: 'v1',
    handler: async ({ svc, req }) => ({ result: apiImage(svc, await createImage(svc, req)) }),
  },
  {
    method: 'GET',
    path: 'v1',
    handler: ({ svc, query }) => {
      const { rows, resultInfo } = listV1(svc.db, query);
      return { result: { images: rows.map(apiShape(svc)) }, resultInfo };
    },
  },
  {
    method: 'GET',
    path: 'v1/stats',
    handler: ({ svc }) => {
      const { n } = svc.db.prepare('SELECT COUNT(*) AS n FROM images WHERE draft = 0').get() as { n: number };
      return { result: { count: { current: n, allowed: svc.config.imagesAllowed } } };
    },
  },
  {
    method: 'GET',
    path: 'v1/variants',
    handler: ({ svc }) => ({ result: { variants: Object.fromEntries(svc.variants.list().map((v) => [v.id, v])) } }),
  },
  {
    method: 'POST',
    path: 'v1/variants',
    handler: async ({ svc, req }) => ({ result: { variant: svc.variants.create(await readJson(req)) } }),
  },
  {
    method: 'GET',
    path: 'v1/variants/:name',
    handler: ({ svc, param }) => ({ result: { variant: svc.variants.mustGet(param) } }),
  },
  {
    method: 'PATCH',
    path: 'v1/variants/:name',
    handler: async ({ svc, req, param }) => ({
      result: { variant: svc.variants.update(param, await readJson(req)) },
    }),
  },
  {
    method: 'DELETE',
    path: 'v1/variants/:name',
    handler: ({ svc, param }) => {
      svc.variants.delete(param);
      return { result: {} };
    },
  },
  { method: 'GET', path: 'v1/keys', handler: ({ svc }) => ({ result: { keys: svc.keys.list() } }) },
  {
    method: 'PUT',
    path: 'v1/keys/:name',
    handler: ({ svc, param }) => ({ result: { keys: svc.keys.put(param) } }),
  },
  {
    method: 'DELETE',
    path: 'v1/keys/:name',
    handler: ({ svc, param }) => ({ result: { keys: svc.keys.delete(param) } }),
  },
  { method: 'GET', path: 'v1/config', handler: ({ svc }) => ({ result: svc.settings.get() }) },
  {
    method: 'PATCH',
    path: 'v1/config',
    handler: async ({ svc, req }) => ({ result: svc.settings.patch(await readJson(req)) }),
  },
  {
    method: 'GET',
    path: 'v1/:id/blob',
    handler: async ({ svc, res, param }) => {
      const row = svc.records.mustGet(param);
      if (!isStored(row)) throw cfError(5404, 'The image has not been uploaded yet (draft).');
      const entry = await svc.renders.original(row);
      res.writeHead(200, {
        'content-type': entry.contentType,
        'content-length': String(entry.bytes.length),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      });
      res.end(entry.bytes);
      return { raw: true };
    },
  },
  {
    method: 'GET',
    path: 'v1/:id',
    handler: ({ svc, param }) => ({ result: apiImage(svc, visibleRow(svc, param)) }),
  },
  {
    method: 'PATCH',
    path: 'v1/:id',
    handler: async ({ svc, req, param }) => {
      visibleRow(svc, param);
      return { result: apiImage(svc, svc.records.patch(param, await readJson(req))) };
    },
  },
  {
    method: 'DELETE',
    path: 'v1/:id',
    handler: async ({ svc, param }) => {
      await svc.work.track(deleteImage(svc, svc.records.mustGet(param)));
      return { result: {} };
    },
  },
  {
    method: 'GET',
    path: 'v2',
    handler: ({ svc, query }) => {
      const { rows, continuationToken } = listV2(svc.db, query);
      return { result: { images: rows.map(apiShape(svc)), continuation_token: continuationToken } };
    },
  },
  {
    method: 'POST',
    path: 'v2/direct_upload',
    handler: async ({ svc, req }) => ({ result: await createDirectUpload(svc, req) }),
  },
];

const compiled = compileRoutes(routes);

/** The fixed words of the route table (`stats`, `keys`, `blob`, ...): no image id may use them as a path part. */
export const ROUTE_WORDS: ReadonlySet<string> = compiled.words;

/**
 * Finds the handler for `rest` (the raw path after `/images/`), by exact shape: a path with a route
 * word in it belongs to that route only, and an image id is never taken from one — so `v1/keys/default`
 * is the keys API whatever images exist, and an old image whose id contains such a word is reached
 * with its `/` encoded (`v1/keys%2Fdefault`). The captured parameter is percent-decoded.
 */
export function matchRoute(method: string, rest: string): { handler: Handler; param: string } | 'method' | null {
  return findRoute(compiled, method, rest);
}
