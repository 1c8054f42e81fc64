/**
 * This deployment's own id, written into the metadata of every upload it starts. Several deployments
 * (staging and production, say) may share one image account and all hear its webhooks; the id is how
 * each tells its own uploads from the others', so none ever deletes an image another one created.
 */
import { randomUUID } from 'node:crypto';
import type { AppDb } from '@/lib/db/index';
import { settingOnce } from '@/lib/db/settings';
import { appEnv } from '@/lib/env';

// Read once per store: every upload request asks.
const stored = new WeakMap<AppDb, string>();

/** `PIXVAULT_DEPLOYMENT_ID` when configured, else an id generated on first use and kept in the app's store. */
export async function deploymentId(db: AppDb, configured: string | null = appEnv().deploymentId): Promise<string> {
  if (configured) return configured;
  let id = stored.get(db);
  if (id === undefined) {
    id = await settingOnce('deployment_id', randomUUID, db);
    stored.set(db, id);
  }
  return id;
}
