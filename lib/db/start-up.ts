/** What the app server does with its store at start: migrate before the first request, check file modes. */
import { warnIfAppDbIsLoose } from './file-modes';
import { configuredStore, getDb } from './index';

/** Opens and migrates the configured store (a failure stops the start with the reason). */
export async function prepareAppDb(): Promise<void> {
  await getDb();
  const store = configuredStore();
  if (store.engine === 'sqlite') warnIfAppDbIsLoose(store.file);
}
