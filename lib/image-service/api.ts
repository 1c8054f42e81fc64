/**
 * The REST API under `/client/v4/accounts/<account_id>/images`: one table of routes, each a small
 * function returning the `result` (and optional `result_info`) of Cloudflare's envelope.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJson } from './body';
import type { Core } from './core';
import { isStored } from './db';
import { notFound, ServiceError } from './errors';
import { deliveryBase, listV1, listV2, mustGetRow, toApiImage } from './images';
import { createDirectUpload, createImage } from './uploads';

export interface ApiContext {
  core: Core;
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  /** Decoded path parameters, e.g. the image id or variant name. */
  param: string;
}

export type ApiResult = { result: unknown; resultInfo?: unknown } | { raw: true };

type Handler = (ctx: ApiContext) => Promise<ApiResult> | ApiResult;

const api = (core: Core) => ({
  image: (row: Parameters<typeof toApiImage>[0]) =>
    toApiImage(row, deliveryBase(core.config.publicUrl, core.config.accountHash), core.variants.names()),
});

/**
 * A draft whose upload URL expired is gone, even before the sweeper removes it — unless an upload
 * to it is still being received: that one may yet complete, and must not be reported gone.
 */
function visibleRow(core: Core, id: string) {
  const row = mustGetRow(core.db, id);
  if (row.draft && row.upload_state !== 'receiving' && (row.draft_expires ?? 0) <= core.now()) throw notFound();
  return row;
}

const routes: { method: string; pattern: RegExp; handler: Handler }[] = [
  {
    method: 'POST',
    pattern: /^v1$/,
    handler: async ({ core, req }) => ({ result: api(core).image(await createImage(core, req)) }),
  },
  {
    method: 'GET',
    pattern: /^v1$/,
    handler: ({ core, query }) => {
      const { rows, resultInfo } = listV1(core.db, query);
      return { result: { images: rows.map(api(core).image) }, resultInfo };
    },
  },
  {
    method: 'GET',
    pattern: /^v1\/stats$/,
    handler: ({ core }) => {
      const { n } = core.db.prepare('SELECT COUNT(*) AS n FROM images WHERE draft = 0').get() as { n: number };
      return { result: { count: { current: n, allowed: core.config.imagesAllowed } } };
    },
  },
  {
    method: 'GET',
    pattern: /^v1\/variants$/,
    handler: ({ core }) => ({ result: { variants: Object.fromEntries(core.variants.list().map((v) => [v.id, v])) } }),
  },
  {
    method: 'POST',
    pattern: /^v1\/variants$/,
    handler: async ({ core, req }) => ({ result: { variant: core.variants.create(await readJson(req)) } }),
  },
  {
    method: 'GET',
    pattern: /^v1\/variants\/([^/]+)$/,
    handler: ({ core, param }) => ({ result: { variant: core.variants.mustGet(param) } }),
  },
  {
    method: 'PATCH',
    pattern: /^v1\/variants\/([^/]+)$/,
    handler: async ({ core, req, param }) => ({
      result: { variant: core.variants.update(param, await readJson(req)) },
    }),
  },
  {
    method: 'DELETE',
    pattern: /^v1\/variants\/([^/]+)$/,
    handler: ({ core, param }) => {
      core.variants.delete(param);
      return { result: {} };
    },
  },
  { method: 'GET', pattern: /^v1\/keys$/, handler: ({ core }) => ({ result: { keys: core.keys.list() } }) },
  {
    method: 'PUT',
    pattern: /^v1\/keys\/([^/]+)$/,
    handler: ({ core, param }) => ({ result: { keys: core.keys.put(param) } }),
  },
  {
    method: 'DELETE',
    pattern: /^v1\/keys\/([^/]+)$/,
    handler: ({ core, param }) => ({ result: { keys: core.keys.delete(param) } }),
  },
  { method: 'GET', pattern: /^v1\/config$/, handler: ({ core }) => ({ result: core.settings.get() }) },
  {
    method: 'PATCH',
    pattern: /^v1\/config$/,
    handler: async ({ core, req }) => ({ result: core.settings.patch(await readJson(req)) }),
  },
  {
    method: 'GET',
    pattern: /^v1\/(.+)\/blob$/,
    handler: async ({ core, res, param }) => {
      const row = mustGetRow(core.db, param);
      if (!isStored(row)) throw new ServiceError(404, 5404, 'ERROR 5404: The image has not been uploaded yet (draft).');
      const entry = await core.originalEntry(row);
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
    pattern: /^v1\/(.+)$/,
    handler: ({ core, param }) => ({ result: api(core).image(visibleRow(core, param)) }),
  },
  {
    method: 'PATCH',
    pattern: /^v1\/(.+)$/,
    handler: async ({ core, req, param }) => {
      visibleRow(core, param);
      return { result: api(core).image(core.patchImage(param, await readJson(req))) };
    },
  },
  {
    method: 'DELETE',
    pattern: /^v1\/(.+)$/,
    handler: async ({ core, param }) => {
      await core.track(core.deleteImage(mustGetRow(core.db, param)));
      return { result: {} };
    },
  },
  {
    method: 'GET',
    pattern: /^v2$/,
    handler: ({ core, query }) => {
      const { rows, continuationToken } = listV2(core.db, query);
      return { result: { images: rows.map(api(core).image), continuation_token: continuationToken } };
    },
  },
  {
    method: 'POST',
    pattern: /^v2\/direct_upload$/,
    handler: async ({ core, req }) => ({ result: await createDirectUpload(core, req) }),
  },
];

/** Finds the handler for `rest` (the raw path after `/images/`). The captured parameter is percent-decoded. */
export function matchRoute(method: string, rest: string): { handler: Handler; param: string } | 'method' | null {
  let methodMismatch = false;
  for (const route of routes) {
    const m = route.pattern.exec(rest);
    if (!m) continue;
    if (route.method !== method) {
      methodMismatch = true;
      continue;
    }
    let param = '';
    try {
      param = m[1] === undefined ? '' : decodeURIComponent(m[1]);
    } catch {
      throw new ServiceError(400, 5400, 'ERROR 5400: The path contains an invalid percent-encoding.');
    }
    return { handler: route.handler, param };
  }
  return methodMismatch ? 'method' : null;
}
