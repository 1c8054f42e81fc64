/**
 * The audit log's query (from the page's URL or the CSV export's): who, what, which days (UTC), which
 * page. Shared by the page, the export route and the filter form.
 */
import { z } from 'zod';
import { utcDaySchema as day, startOfUtcDay } from './day';

const DAY_MS = 86_400_000;

export const AUDIT_PAGE_SIZE = 50;

export const auditQuerySchema = z
  .object({
    /** A user's id: entries they did or that were done to them. */
    user: z.string().trim().min(1).max(100).optional(),
    action: z.string().trim().min(1).max(100).optional(),
    /** On or after this day (UTC). */
    from: day.optional(),
    /** On or before this day (UTC). */
    to: day.optional(),
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'The start date is after the end date.',
    path: ['to'],
  });
export type AuditQuery = z.infer<typeof auditQuerySchema>;

type RawParams = Record<string, string | string[] | undefined>;

/** Empty strings (an untouched form field) mean "not set", so a submitted filter form parses as is. */
function flatten(params: RawParams): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined && value.trim() !== '') flat[k] = value;
  }
  return flat;
}

/** Throws the ZodError (a 400 from a route handler). */
export function parseAuditQuery(params: RawParams): AuditQuery {
  return auditQuerySchema.parse(flatten(params));
}

/** For pages, which show what is wrong instead. */
export function safeParseAuditQuery(params: RawParams) {
  return auditQuerySchema.safeParse(flatten(params));
}

/** The query as the store's filter: whole UTC days, the end day included. */
export function auditFilterOf(q: AuditQuery): { userId?: string; action?: string; from?: number; to?: number } {
  return {
    ...(q.user ? { userId: q.user } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.from ? { from: startOfUtcDay(q.from) } : {}),
    ...(q.to ? { to: startOfUtcDay(q.to) + DAY_MS } : {}),
  };
}

/** The query's filters as URL parameters (no page), for links that keep them. */
export function auditParams(q: AuditQuery): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of ['user', 'action', 'from', 'to'] as const) {
    const value = q[key];
    if (value) params[key] = value;
  }
  return params;
}
