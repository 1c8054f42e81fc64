/**
 * The app's only door to the image service: Cloudflare Images' REST API over fetch, against real
 * Cloudflare or the embedded service alike (base URL and credentials come from `appEnv()`).
 * Errors come back as ImageServiceError whether the body was Cloudflare's JSON envelope or plain text.
 */
import { splitErrorMessage } from '@/lib/cloudflare-images/errors';
import type { StoredDetails } from '@/lib/cloudflare-images/stored-details';
import { USAGE_REPORT_PATH, type UsageReport } from '@/lib/cloudflare-images/usage-report';
import type { Variant } from '@/lib/cloudflare-images/variants';
import { appEnv, type ImageServiceAccess } from '@/lib/env';

/** An image record as the API returns it (`id` is the service's id: `serviceId` in the app's code). */
export interface ServiceImage {
  id: string;
  filename?: string | null;
  meta?: Record<string, unknown>;
  requireSignedURLs?: boolean;
  uploaded?: string;
  variants?: string[];
  draft?: boolean;
  /** The embedded service's extension (stored-details.ts); absent on real Cloudflare. */
  pixvault?: StoredDetails;
}

/** A signing key as `v1/keys` returns it. */
export interface SigningKey {
  name: string;
  value: string;
}

/** Account settings as `v1/config` returns them (Cloudflare may add more fields). */
export interface AccountConfig {
  flexible_variants: boolean;
  browser_ttl: number;
}

/** A named variant as the variants API takes and returns it. */
export type VariantDefinition = Omit<Variant, 'neverRequireSignedURLs'> & { neverRequireSignedURLs?: boolean };

export class ImageServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'ImageServiceError';
  }
}

const TIMEOUT_MS = 15_000;

async function errorFrom(res: Response): Promise<ImageServiceError> {
  const text = await res.text().catch(() => '');
  if (text.trimStart().startsWith('{')) {
    try {
      const body = JSON.parse(text) as { errors?: { code?: number; message?: string }[] };
      const first = body.errors?.[0];
      return new ImageServiceError(res.status, first?.code ?? null, first?.message ?? `HTTP ${res.status}`);
    } catch {
      // fall through to plain text
    }
  }
  const { code } = splitErrorMessage(text);
  return new ImageServiceError(res.status, code, text.trim().slice(0, 300) || `HTTP ${res.status}`);
}

export class ImagesClient {
  constructor(private readonly access: ImageServiceAccess) {}

  private url(path: string): string {
    return `${this.access.apiBase}/accounts/${this.access.accountId}/images/${path}`;
  }

  private async raw(
    method: string,
    path: string,
    body?: BodyInit,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const res = await fetch(this.url(path), {
      method,
      body,
      headers: { authorization: `Bearer ${this.access.apiToken}`, ...headers },
      signal: AbortSignal.timeout(TIMEOUT_MS),
      cache: 'no-store',
    });
    if (!res.ok) throw await errorFrom(res);
    return res;
  }

  private async call<T>(method: string, path: string, body?: BodyInit, headers?: Record<string, string>): Promise<T> {
    const res = await this.raw(method, path, body, headers);
    const envelope = (await res.json()) as {
      success: boolean;
      result: T;
      errors?: { code: number; message: string }[];
    };
    // Cloudflare can answer 200 with success:false.
    if (!envelope.success) {
      const first = envelope.errors?.[0];
      throw new ImageServiceError(
        res.status,
        first?.code ?? null,
        first?.message ?? 'The image service refused the request',
      );
    }
    return envelope.result;
  }

  private json<T>(method: string, path: string, body: unknown): Promise<T> {
    return this.call<T>(method, path, JSON.stringify(body), { 'content-type': 'application/json' });
  }

  /** A draft and its one-time upload URL. `metadata` is sent as one JSON string, as the API documents. */
  createDirectUpload(input: {
    metadata: Record<string, string>;
    requireSignedURLs: boolean;
    expiry: Date;
  }): Promise<{ id: string; uploadURL: string }> {
    const form = new FormData();
    form.set('metadata', JSON.stringify(input.metadata));
    form.set('requireSignedURLs', String(input.requireSignedURLs));
    form.set('expiry', input.expiry.toISOString());
    return this.call('POST', 'v2/direct_upload', form);
  }

  get(serviceId: string): Promise<ServiceImage> {
    return this.call('GET', `v1/${encodeURIComponent(serviceId)}`);
  }

  update(
    serviceId: string,
    changes: { requireSignedURLs?: boolean; metadata?: Record<string, string> },
  ): Promise<ServiceImage> {
    return this.json('PATCH', `v1/${encodeURIComponent(serviceId)}`, changes);
  }

  /** Deletes an image; one that is already gone counts as deleted. */
  async remove(serviceId: string): Promise<void> {
    try {
      await this.call('DELETE', `v1/${encodeURIComponent(serviceId)}`);
    } catch (err) {
      if (err instanceof ImageServiceError && err.status === 404) return;
      throw err;
    }
  }

  /** A (signed) delivery URL's bytes: small variants only, e.g. the placeholder's source. */
  async deliver(url: string): Promise<Buffer> {
    const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), cache: 'no-store' });
    if (!res.ok) throw await errorFrom(res);
    return Buffer.from(await res.arrayBuffer());
  }

  /** The stored original, streamed. */
  blob(serviceId: string): Promise<Response> {
    return this.raw('GET', `v1/${encodeURIComponent(serviceId)}/blob`, undefined, { accept: 'image/*' });
  }

  async listVariants(): Promise<Record<string, VariantDefinition>> {
    const result = await this.call<{ variants: Record<string, VariantDefinition> }>('GET', 'v1/variants');
    return result.variants;
  }

  createVariant(v: VariantDefinition): Promise<unknown> {
    return this.json('POST', 'v1/variants', v);
  }

  updateVariant(v: VariantDefinition): Promise<unknown> {
    return this.json('PATCH', `v1/variants/${encodeURIComponent(v.id)}`, {
      options: v.options,
      neverRequireSignedURLs: v.neverRequireSignedURLs ?? false,
    });
  }

  async deleteVariant(id: string): Promise<void> {
    await this.call('DELETE', `v1/variants/${encodeURIComponent(id)}`);
  }

  /** The account's signing keys (`v1/keys`), values included: server-side only. */
  async listKeys(): Promise<SigningKey[]> {
    return (await this.call<{ keys: SigningKey[] }>('GET', 'v1/keys')).keys;
  }

  /** Creates (or regenerates) the key `name` with a value the service generates; returns all keys. */
  async putKey(name: string): Promise<SigningKey[]> {
    return (await this.call<{ keys: SigningKey[] }>('PUT', `v1/keys/${encodeURIComponent(name)}`)).keys;
  }

  async deleteKey(name: string): Promise<SigningKey[]> {
    return (await this.call<{ keys: SigningKey[] }>('DELETE', `v1/keys/${encodeURIComponent(name)}`)).keys;
  }

  /** Account settings (`v1/config`). */
  getConfig(): Promise<AccountConfig> {
    return this.call('GET', 'v1/config');
  }

  patchConfig(changes: Partial<AccountConfig>): Promise<AccountConfig> {
    return this.json('PATCH', 'v1/config', changes);
  }

  /** Images stored and the account's allowance (`v1/stats`). */
  async stats(): Promise<{ current: number; allowed: number }> {
    return (await this.call<{ count: { current: number; allowed: number } }>('GET', 'v1/stats')).count;
  }

  /**
   * The embedded service's daily delivery counters: an extension outside Cloudflare's API
   * (`images/x-pixvault/usage`); Cloudflare answers it with 404.
   */
  usageReport(query: URLSearchParams): Promise<UsageReport> {
    return this.call('GET', `${USAGE_REPORT_PATH}?${query.toString()}`);
  }
}

let client: ImagesClient | null = null;

export function imagesClient(): ImagesClient {
  client ??= new ImagesClient(appEnv().images);
  return client;
}
