/** Image records: the API shape, form fields, listing (v1 pages, v2 cursors) and updates. */
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '@/lib/cursor';
import { customIdProblem, encodeDeliveryId, isGeneratedId, metadataBytes } from '@/lib/schemas/image';
import type { Db, ImageRow } from './db';
import { badRequest, invalidInput, notFound, ServiceError } from './errors';

export interface ApiImage {
  id: string;
  filename: string | null;
  meta: Record<string, unknown>;
  requireSignedURLs: boolean;
  uploaded: string;
  variants: string[];
  creator?: string;
  draft?: true;
}

export function deliveryBase(publicUrl: string, accountHash: string): string {
  return `${publicUrl}/${accountHash}`;
}

export function toApiImage(row: ImageRow, base: string, variantNames: readonly string[]): ApiImage {
  const path = `${base}/${encodeDeliveryId(row.id)}`;
  const image: ApiImage = {
    id: row.id,
    filename: row.draft ? null : row.filename,
    meta: JSON.parse(row.meta) as Record<string, unknown>,
    requireSignedURLs: row.require_signed === 1,
    uploaded: new Date(row.uploaded).toISOString(),
    variants: variantNames.map((name) => `${path}/${name}`),
  };
  if (row.creator !== null) image.creator = row.creator;
  if (row.draft) image.draft = true;
  return image;
}

export function getRow(db: Db, id: string): ImageRow | undefined {
  return db.prepare('SELECT * FROM images WHERE id = ?').get(id) as ImageRow | undefined;
}

export function mustGetRow(db: Db, id: string): ImageRow {
  const row = getRow(db, id);
  if (!row) throw notFound();
  return row;
}

/** Fields shared by `POST v1` and `POST v2/direct_upload`. */
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

/** `metadata` arrives as a JSON string or, from the official SDK, as `metadata[key]` bracket fields. */
function parseMetadata(fields: Map<string, string>, maxBytes: number): Record<string, unknown> {
  let meta: Record<string, unknown> = {};
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
    meta = parsed as Record<string, unknown>;
  }
  for (const [name, value] of fields) {
    const m = /^metadata((?:\[[^\]]*\])+)$/.exec(name);
    if (!m?.[1]) continue;
    const path = [...m[1].matchAll(/\[([^\]]*)\]/g)].map((x) => x[1] ?? '');
    let node = meta;
    path.forEach((key, i) => {
      if (i === path.length - 1) node[key] = value;
      else
        node = (node[key] && typeof node[key] === 'object' ? node[key] : (node[key] = {})) as Record<string, unknown>;
    });
  }
  checkMetadataSize(meta, maxBytes);
  return meta;
}

export function checkMetadataSize(meta: unknown, maxBytes: number): void {
  const size = metadataBytes(meta);
  if (size > maxBytes) throw badRequest(`metadata is ${size} bytes when serialized; the limit is ${maxBytes} bytes.`);
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
  if (creator !== null && creator.length > 1024) throw badRequest('creator is longer than 1024 characters.');
  return {
    id,
    metadata: parseMetadata(fields, maxMetadataBytes),
    requireSignedURLs,
    creator: creator === '' ? null : creator,
  };
}

function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw badRequest(`${name} must be an integer from ${min} to ${max}.`);
  return n;
}

function creatorClause(query: URLSearchParams): { sql: string; args: unknown[] } {
  if (!query.has('creator')) return { sql: '', args: [] };
  const creator = query.get('creator') ?? '';
  return creator === '' ? { sql: ' AND creator IS NULL', args: [] } : { sql: ' AND creator = ?', args: [creator] };
}

/** `GET v1`: page / per_page, newest first; drafts excluded. */
export function listV1(db: Db, query: URLSearchParams) {
  const page = intParam(query, 'page', 1, 1, 1_000_000);
  const perPage = intParam(query, 'per_page', 1000, 10, 10_000);
  const creator = creatorClause(query);
  const rows = db
    .prepare(`SELECT * FROM images WHERE draft = 0${creator.sql} ORDER BY uploaded DESC, id DESC LIMIT ? OFFSET ?`)
    .all(...creator.args, perPage, (page - 1) * perPage) as ImageRow[];
  const total = db.prepare(`SELECT COUNT(*) AS n FROM images WHERE draft = 0${creator.sql}`).get(...creator.args) as {
    n: number;
  };
  return { rows, resultInfo: { page, per_page: perPage, count: rows.length, total_count: total.n } };
}

const META_FIELD = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+){0,4}$/;
const OPERATORS: Record<string, { sql: string; cast: 'auto' | 'string' | 'number' | 'boolean'; list?: true }> = {
  eq: { sql: '=', cast: 'auto' },
  'eq:string': { sql: '=', cast: 'string' },
  'eq:number': { sql: '=', cast: 'number' },
  'eq:boolean': { sql: '=', cast: 'boolean' },
  gt: { sql: '>', cast: 'number' },
  'gt:number': { sql: '>', cast: 'number' },
  gte: { sql: '>=', cast: 'number' },
  'gte:number': { sql: '>=', cast: 'number' },
  lt: { sql: '<', cast: 'number' },
  'lt:number': { sql: '<', cast: 'number' },
  lte: { sql: '<=', cast: 'number' },
  'lte:number': { sql: '<=', cast: 'number' },
  in: { sql: 'IN', cast: 'auto', list: true },
  'in:string': { sql: 'IN', cast: 'string', list: true },
  'in:number': { sql: 'IN', cast: 'number', list: true },
};

function castValue(raw: string, cast: 'auto' | 'string' | 'number' | 'boolean', param: string): string | number {
  if (cast === 'string') return raw;
  if (cast === 'boolean') {
    if (raw !== 'true' && raw !== 'false') throw badRequest(`${param} expects true or false.`);
    return raw === 'true' ? 1 : 0; // json_extract yields 1/0 for JSON booleans
  }
  const n = Number(raw);
  if (cast === 'number' && (raw.trim() === '' || !Number.isFinite(n))) throw badRequest(`${param} expects a number.`);
  return cast === 'auto' && (raw.trim() === '' || !Number.isFinite(n)) ? raw : n;
}

/** `meta.<field>[<op>]=value` filters, ANDed; unsupported ones are errors, never silently ignored. */
function metaFilters(query: URLSearchParams): { sql: string; args: unknown[] } {
  const parts: string[] = [];
  const args: unknown[] = [];
  for (const [param, value] of query) {
    if (!param.startsWith('meta.')) continue;
    const m = /^meta\.([^[]+)\[([a-z:]+)\]$/.exec(param);
    const field = m?.[1];
    const op = m?.[2] !== undefined ? OPERATORS[m[2]] : undefined;
    if (!m || field === undefined || !op)
      throw badRequest(`Unsupported metadata filter "${param}"; use meta.<field>[eq|gt|gte|lt|lte|in].`);
    if (!META_FIELD.test(field) || field.length > 100)
      throw badRequest(`Metadata filter field "${field}" is not allowed.`);
    const path = `$.${field
      .split('.')
      .map((f) => `"${f}"`)
      .join('.')}`;
    const values = op.list ? value.split('|') : [value];
    if (op.list && values.length > 10) throw badRequest('An "in" filter takes at most 10 values.');
    const cast = values.map((v) => castValue(v, op.cast, param));
    // `auto` equality matches the JSON value whether it was stored as a string or as a number.
    const expr = `json_extract(meta, ?)`;
    if (op.list) parts.push(`${expr} IN (${cast.map(() => '?').join(', ')})`);
    else parts.push(`${expr} ${op.sql} ?`);
    args.push(path, ...cast);
    if (op.cast === 'auto' && typeof cast[0] === 'number' && !op.list) {
      parts[parts.length - 1] = `(${parts.at(-1)} OR ${expr} = ?)`;
      args.push(path, value);
    }
  }
  if (parts.length > 5) throw badRequest('At most 5 metadata filters can be combined.');
  return { sql: parts.map((p) => ` AND ${p}`).join(''), args };
}

/** `GET v2`: opaque continuation token over (uploaded, id), per_page 10–10000, creator and meta filters. */
export function listV2(db: Db, query: URLSearchParams) {
  const perPage = intParam(query, 'per_page', 1000, 10, 10_000);
  const order = query.get('sort_order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw badRequest('sort_order must be "asc" or "desc".');
  const creator = creatorClause(query);
  const meta = metaFilters(query);
  const token = query.get('continuation_token');
  let cursor = '';
  const cursorArgs: unknown[] = [];
  if (token) {
    const decoded = decodeCursor(token);
    if (!decoded)
      throw badRequest('continuation_token is not valid; pass back the token from the previous page as it was.');
    cursor = ` AND (uploaded, id) ${order === 'desc' ? '<' : '>'} (?, ?)`;
    cursorArgs.push(decoded.position, decoded.id);
  }
  const dir = order === 'desc' ? 'DESC' : 'ASC';
  const rows = db
    .prepare(
      `SELECT * FROM images WHERE draft = 0${creator.sql}${meta.sql}${cursor} ORDER BY uploaded ${dir}, id ${dir} LIMIT ?`,
    )
    .all(...creator.args, ...meta.args, ...cursorArgs, perPage + 1) as ImageRow[];
  const more = rows.length > perPage;
  const page = more ? rows.slice(0, perPage) : rows;
  const last = page.at(-1);
  const continuationToken = more && last ? encodeCursor(last.uploaded, last.id) : null;
  return { rows: page, continuationToken };
}

const patchSchema = z
  .object({
    metadata: z.record(z.string(), z.unknown()).optional(),
    requireSignedURLs: z.boolean().optional(),
    creator: z.string().max(1024).optional(),
  })
  .strict();

/** `PATCH v1/{id}`: omitted fields stay; `metadata` replaces the old object. */
export function patchImage(db: Db, id: string, body: unknown, maxMetadataBytes: number): ImageRow {
  const row = mustGetRow(db, id);
  const parsed = patchSchema.safeParse(body);
  if (!parsed.success) throw invalidInput('image update', parsed.error.issues);
  const { metadata, requireSignedURLs, creator } = parsed.data;
  if (metadata) checkMetadataSize(metadata, maxMetadataBytes);
  if (requireSignedURLs && !isGeneratedId(id)) {
    throw new ServiceError(400, 5400, 'ERROR 5400: Private images (requireSignedURLs) cannot use a custom id.');
  }
  db.prepare('UPDATE images SET meta = ?, require_signed = ?, creator = ? WHERE id = ?').run(
    metadata ? JSON.stringify(metadata) : row.meta,
    requireSignedURLs === undefined ? row.require_signed : requireSignedURLs ? 1 : 0,
    creator === undefined ? row.creator : creator === '' ? null : creator,
    id,
  );
  return mustGetRow(db, id);
}
