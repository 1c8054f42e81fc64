/** Roles and what they may do. Pure functions: the same rules decide on the server and hide UI on the client. */

export const ROLES = ['viewer', 'uploader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, uploader: 1, admin: 2 };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `role` is `minimum` or above (admin ⊃ uploader ⊃ viewer). */
export function hasRole(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

export interface Actor {
  id: string;
  role: Role;
}

/** Editing, deleting, downloading the original, changing visibility: the owner (if still an uploader) or an admin. */
export function canManageImage(actor: Actor, image: { ownerId: string }): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'uploader' && image.ownerId === actor.id;
}

export function canUpload(actor: Actor): boolean {
  return hasRole(actor.role, 'uploader');
}
