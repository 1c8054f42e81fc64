import 'server-only';
/**
 * Who is asking, checked on the server for every route, action and page. `auth()` checks the
 * server-side session record (config.ts); the user, role included, is then read from the database,
 * and a disabled user counts as signed out.
 */
import { redirect } from 'next/navigation';
import { forbidden, unauthorized } from '@/lib/api/errors';
import { findActiveUserById } from '@/lib/db/users';
import { auth } from './config';
import { hasRole, type Role } from './roles';

export interface CurrentUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const row = await findActiveUserById(id);
  return row ? { id: row.id, email: row.email, name: row.name, role: row.role } : null;
}

/** For route handlers and server actions: 401 when signed out. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw unauthorized();
  return user;
}

/** For route handlers and server actions: 401 when signed out, 403 below `minimum`. */
export async function requireRole(minimum: Role): Promise<CurrentUser> {
  const user = await requireUser();
  if (!hasRole(user.role, minimum)) throw forbidden(`This needs the ${minimum} role; you are a ${user.role}.`);
  return user;
}

/** For pages: redirects to sign-in instead of throwing. */
export async function requirePageUser(minimum: Role = 'viewer'): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');
  if (!hasRole(user.role, minimum)) redirect('/?denied=1');
  return user;
}
