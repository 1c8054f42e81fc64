/**
 * Stands in for `lib/auth/session` in unit tests of route handlers and server actions, which cannot
 * run Auth.js: the same checks and errors, with the signed-in user chosen by the test.
 *   vi.mock('@/lib/auth/session', () => import('@/test/helpers/session'));
 */
import { redirect } from 'next/navigation';
import { forbidden, unauthorized } from '@/lib/api/errors';
import { hasRole, type Role } from '@/lib/auth/roles';
import type { CurrentUser } from '@/lib/auth/session';

let current: CurrentUser | null = null;

/** The user the next calls see as signed in; null for signed out. */
export function signInAs(user: { id: string; email: string; role: Role } | null): void {
  current = user ? { name: null, ...user } : null;
}

export async function getCurrentUser(): Promise<CurrentUser | null> {
  return current;
}

export async function requireUser(): Promise<CurrentUser> {
  if (!current) throw unauthorized();
  return current;
}

export async function requireRole(minimum: Role): Promise<CurrentUser> {
  const user = await requireUser();
  if (!hasRole(user.role, minimum)) throw forbidden(`This needs the ${minimum} role; you are a ${user.role}.`);
  return user;
}

/** Like the real one, with Next's own redirect, so a page sees exactly what it would in a request. */
export async function requirePageUser(minimum: Role = 'viewer'): Promise<CurrentUser> {
  const user = current;
  if (!user) redirect('/sign-in');
  if (!hasRole(user.role, minimum)) redirect('/?denied=1');
  return user;
}
