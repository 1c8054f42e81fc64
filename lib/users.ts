/** User management shared by the admin page and the CLI: the rules live here, not in either caller. */
import { hashPassword, PASSWORD_MIN_LENGTH } from '@/lib/auth/password';
import type { Role } from '@/lib/auth/roles';
import { audit } from '@/lib/db/audit';
import { deleteImageRecord, imagesOwnedBy } from '@/lib/db/images';
import { countAdmins, createUser, findUserById, removeUser, setUserRole, type UserRow } from '@/lib/db/users';
import { imagesClient } from '@/lib/images/client';

export class UserRuleError extends Error {}

export async function addUser(
  actorId: string | null,
  input: { email: string; name?: string | null; password: string; role: Role },
): Promise<UserRow> {
  if (input.password.length < PASSWORD_MIN_LENGTH)
    throw new UserRuleError(`Passwords need at least ${PASSWORD_MIN_LENGTH} characters.`);
  const user = createUser({
    email: input.email,
    name: input.name ?? null,
    passwordHash: await hashPassword(input.password),
    role: input.role,
  });
  audit(actorId, 'user.created', user.id, { role: input.role });
  return user;
}

export function changeRole(actorId: string | null, userId: string, role: Role): void {
  const user = findUserById(userId);
  if (!user) throw new UserRuleError('No such user.');
  if (user.role === 'admin' && role !== 'admin' && countAdmins() <= 1) {
    throw new UserRuleError('This is the last admin; make someone else an admin first.');
  }
  if (!setUserRole(userId, role)) throw new UserRuleError('This is the last admin; make someone else an admin first.');
  audit(actorId, 'user.role_changed', userId, { from: user.role, to: role });
}

/** Removes a user and their images, deleting the images from the image service first so no file outlives its record. */
export async function removeUserAndImages(actorId: string | null, userId: string): Promise<number> {
  const user = findUserById(userId);
  if (!user) throw new UserRuleError('No such user.');
  if (user.role === 'admin' && countAdmins() <= 1) throw new UserRuleError('The last admin cannot be removed.');
  const owned = imagesOwnedBy(userId);
  for (const image of owned) {
    if (image.cf_id) await imagesClient().remove(image.cf_id);
    deleteImageRecord(image.id); // the record follows its image, whatever happens to the user below
  }
  if (!removeUser(userId)) throw new UserRuleError('The last admin cannot be removed.');
  audit(actorId, 'user.removed', userId, { email: user.email, images: owned.length });
  return owned.length;
}
