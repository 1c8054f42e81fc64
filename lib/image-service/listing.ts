/** Listing images: `GET v1` (pages) and `GET v2` (opaque cursors, creator and metadata filters). */
import { decodeCursor, encodeCursor } from '@/lib/cloudflare-images/cursors';
import { badRequest } from '@/lib/cloudflare-images/errors';
import type { Db, ImageRow } from './db';

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
    // Own keys only: `meta.x[constructor]` must not find Object's constructor as an operator.
    const op = m?.[2] !== undefined && Object.hasOwn(OPERATORS, m[2]) ? OPERATORS[m[2]] : undefined;
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
