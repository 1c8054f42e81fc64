/** Append-only record of who changed what. */
import { type AppDb, resolveDb } from './index';

export async function audit(
  actorId: string | null,
  action: string,
  target: string | null,
  detail?: Record<string, unknown>,
  db?: AppDb,
): Promise<void> {
  await (await resolveDb(db))
    .insertInto('audit_log')
    .values({ at: Date.now(), actor_id: actorId, action, target, detail: detail ? JSON.stringify(detail) : null })
    .execute();
}
