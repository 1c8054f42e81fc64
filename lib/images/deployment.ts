/**
 * This deployment's own id, written into the metadata of every upload it starts. Several deployments
 * (staging and production, say) may share one image account and all hear its webhooks; the id is how
 * each tells its own uploads from the others', so none ever deletes an image another one created.
 */
import { randomUUID } from 'node:crypto';
import type { AppDb } from '@/lib/db/index';
import { settingOnce } from '@/lib/db/settings';
import { appEnv } from '@/lib/env';

// Read once per database: every upload request asks.
const stored = new WeakMap<AppDb, string>();

/** `PIXVAULT_DEPLOYMENT_ID` when configured, else an id generated on first use and kept in the app's database. */
export function deploymentId(db: AppDb, configured: string | null = appEnv().deploymentId): string {
  if (configured) return configured;
  let id = stored.get(db);
  if (id === undefined) {
    id = settingOnce('deployment_id', randomUUID, db);
    stored.set(db, id);
  }
  return id;
}
