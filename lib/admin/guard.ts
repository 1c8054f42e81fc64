import 'server-only';
/**
 * The one admin check of the console, on the server, for each kind of entry point:
 * - pages and layouts: `requireAdminPage()` — signed out → /sign-in; signed in below admin → the
 *   "Admins only" page (app/forbidden.tsx) with HTTP 403;
 * - route handlers: `requireAdmin()` — throws ApiError 401/403, which `apiRoute` answers as
 *   `{ error: { code: 'forbidden', message } }`;
 * - server actions: `asAdmin(work)` — a refusal state `{ error }`, with nothing changed.
 */
import { forbidden as forbiddenPage, redirect } from 'next/navigation';
import { ApiError, forbidden } from '@/lib/api/errors';
import type { Actor } from '@/lib/auth/roles';
import { type CurrentUser, getCurrentUser, requireUser } from '@/lib/auth/session';

export const ADMINS_ONLY = 'Admins only: this needs the admin role.';

/** For admin pages and layouts. Never returns for anyone but a signed-in admin. */
export async function requireAdminPage(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');
  if (user.role !== 'admin') forbiddenPage();
  return user;
}

/** For admin route handlers: 401 when signed out, 403 for everyone but admins. */
export async function requireAdmin(): Promise<CurrentUser> {
  const user = await requireUser();
  if (user.role !== 'admin') throw forbidden(ADMINS_ONLY);
  return user;
}

/** For the console's data functions, which take the actor: checked again next to the data. */
export function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw forbidden(ADMINS_ONLY);
}

/** What an admin server action returns when it refuses: shown by the form, nothing was changed. */
export interface Refusal {
  error: string;
}

/**
 * Runs `work` for a signed-in admin. A refusal (signed out, not an admin, or an ApiError from the
 * work itself, such as bad input) comes back as `{ error }`; anything else is a real failure and throws.
 */
export async function asAdmin<T>(work: (admin: CurrentUser) => Promise<T>): Promise<T | Refusal> {
  try {
    return await work(await requireAdmin());
  } catch (err) {
    if (err instanceof ApiError) return { error: err.message };
    throw err;
  }
}
