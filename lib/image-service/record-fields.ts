/** The fields `POST v1` and `POST v2/direct_upload` share: custom id, metadata, privacy, creator. */
import { badRequest } from '@/lib/cloudflare-images/errors';
import { customIdProblem } from '@/lib/cloudflare-images/ids';
import { MAX_ID_LENGTH, metadataBytes } from '@/lib/cloudflare-images/limits';
import { bareObject, forbiddenKeyError, isForbiddenKey, refuseForbiddenKeys } from './user-keys';

export interface RecordFields {
  id: string | null;
  metadata: Record<string, unknown>;
  requireSignedURLs: boolean;
  creator: string | null;
}

function parseBool(name: string, raw: string | undefined): boolean {
  if (raw === undefined || raw === '') return false;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw badRequest(`${name} must be "true" or "false".`);
}

export function checkMetadataSize(meta: unknown, maxBytes: number): void {
  const size = metadataBytes(meta);
  if (size > maxBytes) throw badRequest(`metadata is ${size} bytes when serialized; the limit is ${maxBytes} bytes.`);
}

/**
 * `metadata` arrives as a JSON string or, from the official SDK, as `metadata[key]` bracket fields.
 * Bracket fields build objects without a prototype, and `__proto__`, `constructor` and `prototype`
 * are refused at any depth in either form (see user-keys.ts).
 */
function parseMetadata(fields: Map<string, string>, maxBytes: number): Record<string, unknown> {
  let meta = bareObject();
  const json = fields.get('metadata');
  if (json !== undefined && json !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      throw badRequest('metadata must be a JSON object.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw badRequest('metadata must be a JSON object.');
    refuseForbiddenKeys(parsed, 'metadata');
    meta = Object.assign(bareObject(), parsed);
  }
  for (const [name, value] of fields) {
    const m = /^metadata((?:\[[^\]]*\])+)$/.exec(name);
    if (!m?.[1]) continue;
    const path = [...m[1].matchAll(/\[([^\]]*)\]/g)].map((x) => x[1] ?? '');
    const bad = path.find(isForbiddenKey);
    if (bad !== undefined) throw forbiddenKeyError(`The form field "${name}"`, bad);
    let node = meta;
    path.forEach((key, i) => {
      if (i === path.length - 1) {
        node[key] = value;
        return;
      }
      const child = Object.hasOwn(node, key) ? node[key] : undefined;
      const next = child && typeof child === 'object' ? (child as Record<string, unknown>) : bareObject();
      node[key] = next;
      node = next;
    });
  }
  checkMetadataSize(meta, maxBytes);
  return meta;
}

export function parseRecordFields(fields: Map<string, string>, maxMetadataBytes: number): RecordFields {
  const id = fields.get('id') || null;
  if (id !== null) {
    const problem = customIdProblem(id);
    if (problem) throw badRequest(problem);
  }
  const requireSignedURLs = parseBool('requireSignedURLs', fields.get('requireSignedURLs'));
  if (id !== null && requireSignedURLs) throw badRequest('Private images (requireSignedURLs) cannot use a custom id.');
  const creator = fields.get('creator') ?? null;
  if (creator !== null && creator.length > MAX_ID_LENGTH)
    throw badRequest(`creator is longer than ${MAX_ID_LENGTH} characters.`);
  return {
    id,
    metadata: parseMetadata(fields, maxMetadataBytes),
    requireSignedURLs,
    creator: creator === '' ? null : creator,
  };
}
