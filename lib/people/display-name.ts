/**
 * How a person is named to someone else, in one place (gallery tiles, the lightbox, the image page).
 * A display name is shown to everyone; without one, only admins (and the person themselves) see the
 * name-part of the email, everyone else "a member": an address is not something viewers should learn.
 */
import type { Actor } from '@/lib/auth/roles';

export const UNNAMED_MEMBER = 'a member';

export function displayName(person: { id: string; name: string | null; email: string }, viewer: Actor): string {
  const name = person.name?.trim();
  if (name) return name;
  if (viewer.role === 'admin' || viewer.id === person.id) return person.email.split('@')[0] || person.email;
  return UNNAMED_MEMBER;
}
