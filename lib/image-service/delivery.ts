/**
 * Delivery: `/<account_hash>/<image_id>/<variant | options>`, also under `/cdn-cgi/imagedelivery`.
 * Order of checks, cheapest first: path, record, variant/options, signature, limits; only then work.
 * Errors are short plain text (`ERROR 9425: Image access denied`) that no cache keeps.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CloudflareImagesError, cfError } from '@/lib/cloudflare-images/errors';
import {
  isFlexibleSegment,
  OptionError,
  parseFlexibleOptions,
  type TransformOptions,
} from '@/lib/cloudflare-images/options';
import { planSize } from '@/lib/cloudflare-images/sizing';
import type { CachedVariant } from './memory-cache';
import { chooseFormat } from './negotiate';
import { QueueFullError } from './queue';
import type { ImageService } from './service';
import { FLEXIBLE_VARIANT } from './usage';

export const CDN_PREFIX = '/cdn-cgi/imagedelivery';
const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

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

export async function handleDelivery(
  svc: ImageService,
  req: IncomingMessage,
  res: ServerResponse,
  rawPath: string,
  rawQuery: string,
): Promise<void> {
  const head = req.method === 'HEAD';
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
    if (!svc.settings.get().flexible_variants) throw cfError(9429);
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

  const nowSeconds = Math.floor(svc.now() / 1000);
  let signedExp: number | null = null;
  if (needsSignature) {
    const check = svc.signatures.check(path, rawPath, rawQuery, nowSeconds);
    if (!check.ok) {
      svc.usage.add('denied');
      throw cfError(9425);
    }
    signedExp = check.exp;
  }

  const ttl = variantTtl ?? svc.settings.get().browser_ttl;
  const headers: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'access-control-allow-origin': '*',
    'cross-origin-resource-policy': 'cross-origin',
    // A signed response is private and never outlives its signature; a public one is shared-cacheable.
    'cache-control': needsSignature
      ? `private, max-age=${Math.max(0, Math.min(ttl, signedExp === null ? ttl : signedExp - nowSeconds))}`
      : `public, max-age=${ttl}, stale-while-revalidate=7200`,
  };

  let entry: CachedVariant;
  if (image.format === 'svg') {
    // SVGs are sanitized at ingest and never rasterized; the CSP keeps them inert even if opened directly.
    entry = await svc.renders.original(image);
    headers['content-security-policy'] = SVG_CSP;
  } else {
    if (opts.trim && (opts.trim[1] + opts.trim[3] >= image.width || opts.trim[0] + opts.trim[2] >= image.height)) {
      throw cfError(9401, `Option trim removes the whole ${image.width}×${image.height} image.`);
    }
    const planned = planSize(image.width, image.height, opts);
    const { maxSide, maxPixels } = svc.config.limits;
    if (Math.max(planned.width, planned.height) > maxSide || planned.width * planned.height > maxPixels) {
      throw cfError(9413, `The requested output (${planned.width}×${planned.height}) is larger than allowed.`);
    }
    const choice = chooseFormat(image, opts, req.headers.accept ?? '');
    if (choice.negotiated) headers.vary = 'Accept';
    try {
      entry = await svc.renders.variant(image, svc.cacheNames.name(prefix, opts, choice.format), opts, choice.format);
    } catch (err) {
      if (err instanceof QueueFullError) {
        throw cfError(9422, undefined, { headers: { 'retry-after': String(err.retryAfterSeconds) } });
      }
      throw err;
    }
  }
  headers.etag = entry.etag;
  svc.usage.delivery(image.id, prefix === 'f' ? FLEXIBLE_VARIANT : target.segment);
  if (etagMatches(req.headers['if-none-match'], entry.etag)) {
    svc.usage.add('not_modified');
    res.writeHead(304, headers);
    res.end();
    return;
  }
  headers['content-type'] = entry.contentType;
  headers['content-length'] = String(entry.bytes.length);
  res.writeHead(200, headers);
  if (!head) svc.usage.add('delivered_bytes', entry.bytes.length);
  res.end(head ? undefined : entry.bytes);
}
