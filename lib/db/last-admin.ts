/**
 * The last-admin rule: a change that may take away an active admin (demotion, disabling, removal)
 * happens only while another active admin remains (a disabled admin cannot sign in, so it does not
 * count). The rule is part of the statement itself, and on PostgreSQL the admins'
 * rows are locked first, so two admins demoting or removing each other at the same moment (on any
 * instances) cannot both succeed; without the lock each statement would count the admins in its own
 * snapshot, see both, and both would pass. On SQLite the transaction holds the write lock anyway.
 */
import type { ExpressionBuilder } from 'kysely';
import type { Role } from '@/lib/auth/roles';
import { moveAllImages } from './admin-images';
import { engineOf } from './engine';
import { type AppDb, resolveDb } from './index';
import type { Database } from './schema';

const notLastAdmin = (eb: ExpressionBuilder<Database, 'users'>) =>
  eb.or([
    eb('role', '<>', 'admin'),
    eb('disabled_at', 'is not', null),
    eb(
      eb
        .selectFrom('users as admins')
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .where('admins.role', '=', 'admin')
        .where('admins.disabled_at', 'is', null),
      '>',
      1,
    ),
  ]);

/** Runs a change that may take away an admin, with every admin row locked (PostgreSQL) until it commits. */
async function withAdminsLocked(db: AppDb, change: (trx: AppDb) => Promise<boolean>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (engineOf(trx) === 'postgres') {
      await trx.selectFrom('users').select('id').where('role', '=', 'admin').orderBy('id').forUpdate().execute();
    }
    return change(trx);
  });
}

/** Changes a role; false when the user is missing or is the last admin being demoted. */
export async function setUserRole(id: string, role: Role, db?: AppDb): Promise<boolean> {
  const store = await resolveDb(db);
  const update = (trx: AppDb) => trx.updateTable('users').set({ role }).where('id', '=', id);
  if (role === 'admin') return (await update(store).executeTakeFirst()).numUpdatedRows === 1n;
  return withAdminsLocked(
    store,
    async (trx) => (await update(trx).where(notLastAdmin).executeTakeFirst()).numUpdatedRows === 1n,
  );
}

/** Disables (or enables) an account; false when the user is missing or is the last active admin being disabled. */
export async function setUserDisabled(id: string, disabled: boolean, db?: AppDb): Promise<boolean> {
  const store = await resolveDb(db);
  // Disabling again keeps the first time; enabling never takes an admin away.
  const update = (trx: AppDb) =>
    trx
      .updateTable('users')
      .set((eb) => ({ disabled_at: disabled ? eb.fn.coalesce('disabled_at', eb.val(Date.now())) : null }))
      .where('id', '=', id);
  if (!disabled) return (await update(store).executeTakeFirst()).numUpdatedRows === 1n;
  return withAdminsLocked(
    store,
    async (trx) => (await update(trx).where(notLastAdmin).executeTakeFirst()).numUpdatedRows === 1n,
  );
}

/**
 * Removes a user unless they are the last active admin. Their image records go with them (the caller
 * deletes the images from the service first), or, with `transferTo`, are given to that user in the
 * same transaction, so a refused removal leaves every image with its owner.
 */
export async function removeUser(id: string, db?: AppDb, options: { transferTo?: string } = {}): Promise<boolean> {
  return withAdminsLocked(await resolveDb(db), async (trx) => {
    if (options.transferTo !== undefined) await moveAllImages(id, options.transferTo, trx);
    const removed = (await trx.deleteFrom('users').where('id', '=', id).where(notLastAdmin).executeTakeFirst())
      .numDeletedRows;
    // Rolls the transfer back with it.
    if (removed !== 1n) throw new KeptUser();
    return true;
  }).catch((err: unknown) => {
    if (err instanceof KeptUser) return false;
    throw err;
  });
}

/** Thrown inside the removal's transaction to roll it back when the user must stay. */
class KeptUser extends Error {}
