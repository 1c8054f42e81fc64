/**
 * Append-only record of who changed what, when, to what, and from which address. `audit()` is what
 * every action calls; the address of the request in progress is filled in by itself, so no caller
 * has to carry it. Reading the log (filters, pages, CSV) is in ./audit-query.ts.
 */
import { currentRequestIp } from '@/lib/auth/request-ip';
import { type AppDb, resolveDb } from './index';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  target: string | null;
  detail?: Record<string, unknown>;
  /** The client's address; omitted: the current request's (null outside a request or without trusted proxies). */
  ip?: string | null;
  /** Epoch ms; omitted: now. */
  at?: number;
}

export async function recordAudit(entry: AuditEntry, db?: AppDb): Promise<void> {
  const ip = entry.ip === undefined ? await currentRequestIp() : entry.ip;
  await (await resolveDb(db))
    .insertInto('audit_log')
    .values({
      at: entry.at ?? Date.now(),
      actor_id: entry.actorId,
      action: entry.action,
      target: entry.target,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      ip,
    })
    .execute();
}

export async function audit(
  actorId: string | null,
  action: string,
  target: string | null,
  detail?: Record<string, unknown>,
  db?: AppDb,
): Promise<void> {
  await recordAudit({ actorId, action, target, detail }, db);
}
