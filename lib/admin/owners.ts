import 'server-only';
/** Who may receive images: an active uploader or admin (a viewer could not manage them). */
import { ApiError } from '@/lib/api/errors';
import { canUpload } from '@/lib/auth/roles';
import { findActiveUserById, type UserRow } from '@/lib/db/users';

export async function newOwner(userId: string): Promise<UserRow> {
  const user = await findActiveUserById(userId);
  if (!user) throw new ApiError(400, 'unknown_owner', 'The new owner is not an active user.');
  if (!canUpload(user)) throw new ApiError(400, 'owner_role', 'The new owner must be an uploader or an admin.');
  return user;
}
