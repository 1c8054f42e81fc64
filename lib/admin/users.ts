import 'server-only';
/**
 * What an admin does to an account from the console: reset its password, disable or enable it, and
 * remove it, deleting its images or giving them to someone else. Each step keeps the last-admin rule
 * (lib/db/last-admin.ts) and ends the user's sessions in the database itself (the users trigger), and
 * each is audited. Refusals are UserRuleErrors or ApiErrors with a sentence for the admin.
 */
import { ApiError } from '@/lib/api/errors';
import { hashPassword } from '@/lib/auth/password';
import type { Actor } from '@/lib/auth/roles';
import { audit } from '@/lib/db/audit';
import { imagesOwnedBy } from '@/lib/db/images';
import {
  assertRemovable,
  findUserById,
  removeUser,
  setUserDisabled,
  setUserPassword,
  type UserRow,
  UserRuleError,
} from '@/lib/db/users';
import { removeUserAndImages } from '@/lib/images/manage';
import { retagOwner } from '@/lib/images/owner-tag';
import { passwordSchema } from '@/lib/schemas/user';
import { assertAdmin } from './guard';
import { newOwner } from './owners';

const LAST_ACTIVE_ADMIN = 'This is the last active admin; make someone else an admin first.';

async function existing(userId: string): Promise<UserRow> {
  const user = await findUserById(userId);
  if (!user) throw new UserRuleError('No such user.');
  return user;
}

/** Sets a new password the admin chose; every session of the user ends (the users trigger). */
export async function resetPassword(admin: Actor, userId: string, password: string): Promise<UserRow> {
  assertAdmin(admin);
  const checked = passwordSchema.safeParse(password);
  if (!checked.success) throw new UserRuleError(checked.error.issues[0]?.message ?? 'The password is not valid.');
  const user = await existing(userId);
  if (!(await setUserPassword(userId, await hashPassword(checked.data)))) throw new UserRuleError('No such user.');
  await audit(admin.id, 'user.password_reset', userId, { email: user.email });
  return user;
}

/** Disables (their sessions end at their next request) or enables an account; never the admin's own. */
export async function setDisabled(admin: Actor, userId: string, disabled: boolean): Promise<UserRow> {
  assertAdmin(admin);
  if (disabled && userId === admin.id) throw new UserRuleError('You cannot disable your own account.');
  const user = await existing(userId);
  if (!(await setUserDisabled(userId, disabled))) throw new UserRuleError(LAST_ACTIVE_ADMIN);
  await audit(admin.id, disabled ? 'user.disabled' : 'user.enabled', userId, { email: user.email });
  return user;
}

export type RemovalPlan = { images: 'delete' } | { images: 'transfer'; to: string };

/**
 * Removes a user. Their images are deleted (from the image service first, see removeUserAndImages)
 * or given to another active uploader or admin in the same transaction as the removal, so a refused
 * removal leaves every image where it was. Returns how many images were deleted or moved.
 */
export async function removeUserFor(admin: Actor, userId: string, plan: RemovalPlan): Promise<number> {
  assertAdmin(admin);
  if (plan.images === 'delete') return removeUserAndImages(admin.id, userId);
  if (plan.to === userId) throw new ApiError(400, 'same_owner', 'Choose another user to receive the images.');
  const user = await assertRemovable(userId);
  const recipient = await newOwner(plan.to);
  const moving = await imagesOwnedBy(userId);
  const count = moving.length;
  if (!(await removeUser(userId, undefined, { transferTo: recipient.id })))
    throw new UserRuleError('The last admin cannot be removed.');
  await retagOwner(
    moving.flatMap((image) => (image.service_id ? [image.service_id] : [])),
    recipient.id,
  );
  await audit(admin.id, 'images.transferred', userId, { to: recipient.id, toEmail: recipient.email, images: count });
  await audit(admin.id, 'user.removed', userId, { email: user.email, images: count, transferredTo: recipient.email });
  return count;
}
