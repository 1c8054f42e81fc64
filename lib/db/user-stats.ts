/** Users as the admin console lists them: their account facts and how many images they own. */
import { type AppDb, resolveDb } from './index';
import type { PublicUser } from './users';

export type UserWithStats = PublicUser & { image_count: number };

export async function listUsersWithStats(db?: AppDb): Promise<UserWithStats[]> {
  const rows = await (await resolveDb(db))
    .selectFrom('users')
    .select((eb) => [
      'users.id',
      'users.email',
      'users.name',
      'users.role',
      'users.created_at',
      'users.disabled_at',
      'users.last_sign_in_at',
      // Finished images only: a pending upload is not yet something they own.
      eb
        .selectFrom('images')
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .whereRef('images.owner_id', '=', 'users.id')
        .where('images.status', '=', 'ready')
        .as('image_count'),
    ])
    .orderBy('users.created_at')
    .orderBy('users.email')
    .execute();
  return rows.map((r) => ({ ...r, image_count: Number(r.image_count ?? 0) }));
}
