/** Values an installation generates once and keeps for its lifetime, in the app's store. */
import { type AppDb, resolveDb } from './index';

const read = async (key: string, db: AppDb) =>
  (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;

/**
 * The stored value of `key`, created with `make()` the first time. Two processes asking at once get
 * the same value: the first insert wins and both read it back.
 */
export async function settingOnce(key: string, make: () => string, db?: AppDb): Promise<string> {
  const store = await resolveDb(db);
  const stored = await read(key, store);
  if (stored !== undefined) return stored;
  await store
    .insertInto('settings')
    .values({ key, value: make() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const value = await read(key, store);
  if (value === undefined) throw new Error(`The setting ${key} could not be stored.`);
  return value;
}
