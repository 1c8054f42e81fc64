/**
 * Delivery: `/<account_hash>/<image_id>/<variant | options>`, also under `/cdn-cgi/imagedelivery`.
 * Order of checks, cheapest first: path, record, variant/options, signature, limits; only then work.
 * Errors are short plain text (`ERROR 9425: Image access denied`) that no cache keeps.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CloudflareImagesError, cfError } from '@/lib/cloudflare-images/errors';
import type { OutputFormat } from '@/lib/cloudflare-images/formats';
import {
  isFlexibleSegment,
  OptionError,
  parseFlexibleOptions,
  type TransformOptions,
} from '@/lib/cloudflare-images/options';
import { planSize } from '@/lib/cloudflare-images/sizing';
import type { StoredImage } from './db';
import { deliveryHeaders, type HeaderShape, publicCacheControlFor } from './delivery-headers';
import type { CachedVariant } from './memory-cache';
import { chooseFormat } from './negotiate';
import { QueueFullError } from './queue';
import type { ImageService } from './service';
import { FLEXIBLE_VARIANT } from './usage';

export const CDN_PREFIX = '/cdn-cgi/imagedelivery';

export function sendDeliveryError(res: ServerResponse, err: CloudflareImagesError, head: boolean): void {
  const body = `${err.message}\n`;
  res.writeHead(err.status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'cf-resized': `err=${err.code}`,
    'access-control-allow-origin': '*',
    ...err.headers,
  });
  res.end(head ? undefined : body);
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

interface Target {
  id: string;
  segment: string;
}

/** Splits `/<hash>/<id…>/<last>`; ids may contain `/`, and are percent-decoded part by part. */
function parseTarget(path: string, accountHash: string): Target | null {
  const parts = path.split('/');
  if (parts.length < 4 || parts[0] !== '' || parts[1] !== accountHash) return null;
  const segment = parts[parts.length - 1] ?? '';
  try {
    const id = parts.slice(2, -1).map(decodeURIComponent).join('/');
    return id && segment ? { id, segment } : null;
  } catch {
    return null;
  }
}

/** Everything a delivery needs to answer, decided before any bytes are looked up. */
interface Plan {
  image: StoredImage;
  opts: TransformOptions;
  /** `f` for flexible options, `v-<variant>` for a named variant. */
  prefix: string;
  variantName: string;
  cacheControl: string;
  shape: HeaderShape;
  format: OutputFormat | null;
}

/** The checks, cheapest first; throws the Cloudflare error of the first that fails. */
function plan(svc: ImageService, req: IncomingMessage, rawPath: string, rawQuery: string): Plan {
  const path = rawPath.startsWith(`${CDN_PREFIX}/`) ? rawPath.slice(CDN_PREFIX.length) : rawPath;
  const target = parseTarget(path, svc.config.accountHash);
  if (!target) throw cfError(9431);
  const image = svc.records.storedImage(target.id);
  if (!image) throw cfError(9431);

  let opts: TransformOptions;
  let prefix: string;
  let variantTtl: number | undefined;
  let needsSignature = image.require_signed === 1;
  if (isFlexibleSegment(target.segment)) {
    if (!svc.settings.current().flexible_variants) throw cfError(9429);
    // As on Cloudflare, private images are only served through named variants.
    if (needsSignature) throw cfError(9425);
    try {
      opts = parseFlexibleOptions(decodeURIComponent(target.segment));
    } catch (err) {
      if (err instanceof OptionError || err instanceof URIError) throw cfError(9401, err.message);
      throw err;
    }
    prefix = 'f';
  } else {
    const variant = svc.variants.get(target.segment);
    const variantOpts = svc.variants.transformOptions(target.segment);
    if (!variant || !variantOpts) throw cfError(9431);
    opts = variantOpts;
    prefix = `v-${variant.id}`;
    variantTtl = variant.options.browser_ttl;
    if (variant.neverRequireSignedURLs) needsSignature = false;
  }

  const ttl = variantTtl ?? svc.settings.current().browser_ttl;
  let cacheControl: string;
  if (needsSignature) {
    const nowSeconds = Math.floor(svc.now() / 1000);
    const check = svc.signatures.check(path, rawPath, rawQuery, nowSeconds);
    if (!check.ok) {
      svc.usage.add('denied');
      throw cfError(9425);
    }
    // A signed response is private and never outlives its signature.
    cacheControl = `private, max-age=${Math.max(0, Math.min(ttl, check.exp === null ? ttl : check.exp - nowSeconds))}`;
  } else {
    // A public one is shared-cacheable.
    cacheControl = publicCacheControlFor(ttl);
  }
  const variantName = prefix === 'f' ? FLEXIBLE_VARIANT : target.segment;
  if (image.format === 'svg') {
    // SVGs are sanitized at ingest and never rasterized; the CSP keeps them inert even if opened directly.
    return { image, opts, prefix, variantName, cacheControl, shape: { vary: false, svg: true }, format: null };
  }
  if (opts.trim && (opts.trim[1] + opts.trim[3] >= image.width || opts.trim[0] + opts.trim[2] >= image.height)) {
    throw cfError(9401, `Option trim removes the whole ${image.width}×${image.height} image.`);
  }
  const planned = planSize(image.width, image.height, opts);
  const { maxSide, maxPixels } = svc.config.limits;
  if (Math.max(planned.width, planned.height) > maxSide || planned.width * planned.height > maxPixels) {
    throw cfError(9413, `The requested output (${planned.width}×${planned.height}) is larger than allowed.`);
  }
  const choice = chooseFormat(image, opts, req.headers.accept ?? '');
  return {
    image,
    opts,
    prefix,
    variantName,
    cacheControl,
    shape: { vary: choice.negotiated, svg: false },
    format: choice.format,
  };
}

/** Headers and body in one `end` (Node corks the socket: one writev), headers prebuilt per entry. */
function send(svc: ImageService, req: IncomingMessage, res: ServerResponse, p: Plan, entry: CachedVariant): void {
  svc.usage.delivery(p.image.id, p.variantName);
  if (etagMatches(req.headers['if-none-match'], entry.etag)) {
    svc.usage.add('not_modified');
    res.writeHead(304, deliveryHeaders(entry, p.shape, p.cacheControl, 304));
    res.end();
    return;
  }
  res.writeHead(200, deliveryHeaders(entry, p.shape, p.cacheControl, 200));
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  svc.usage.add('delivered_bytes', entry.bytes.length);
  res.end(entry.bytes);
}

/**
 * Answers a delivery request. A variant already in memory is answered synchronously (no promise, no
 * extra turn of the event loop); otherwise the returned promise settles once it is answered. Either
 * way a Cloudflare error is thrown (or rejected) for the caller to send.
 */
export function handleDelivery(
  svc: ImageService,
  req: IncomingMessage,
  res: ServerResponse,
  rawPath: string,
  rawQuery: string,
): Promise<void> | undefined {
  const p = plan(svc, req, rawPath, rawQuery);
  if (p.format === null) return svc.renders.original(p.image).then((entry) => send(svc, req, res, p, entry));
  const format = p.format;
  const cacheName = svc.cacheNames.name(p.prefix, p.opts, format);
  const hit = svc.renders.cached(p.image, cacheName);
  if (hit) {
    send(svc, req, res, p, hit);
    return undefined;
  }
  return svc.renders.variant(p.image, cacheName, p.opts, format).then(
    (entry) => send(svc, req, res, p, entry),
    (err: unknown) => {
      if (err instanceof QueueFullError) {
        throw cfError(9422, undefined, { headers: { 'retry-after': String(err.retryAfterSeconds) } });
      }
      throw err;
    },
  );
}
