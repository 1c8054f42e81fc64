/** Append-only record of who changed what. */
import { type AppDb, getDb } from './index';

export function audit(
  actorId: string | null,
  action: string,
  target: string | null,
  detail?: Record<string, unknown>,
  db: AppDb = getDb(),
): void {
  db.prepare('INSERT INTO audit_log (at, actor_id, action, target, detail) VALUES (?, ?, ?, ?, ?)').run(
    Date.now(),
    actorId,
    action,
    target,
    detail ? JSON.stringify(detail) : null,
  );
}
