/** What one deployment's upload bookkeeping works with, shared by minting and completion. */
import { type AppDb, getDb } from '@/lib/db/index';
import { type ImagesClient, imagesClient } from './client';
import { deploymentId } from './deployment';

export const UPLOAD_URL_LIFETIME_MS = 30 * 60_000;
/** Written into every upload's metadata: `app` names the application, `deployment` this installation of it. */
export const APP_TAG = 'pixvault';

/** Its own database, its image client and its id. */
export interface UploadContext {
  db: AppDb;
  client: ImagesClient;
  deploymentId: string;
}

/** This process's deployment (tests build their own contexts to play several deployments). */
export async function uploadContext(): Promise<UploadContext> {
  const db = await getDb();
  return { db, client: imagesClient(), deploymentId: await deploymentId(db) };
}
