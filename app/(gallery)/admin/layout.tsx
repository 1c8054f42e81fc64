import type { ReactNode } from 'react';
import { requirePageUser } from '@/lib/auth/session';

/**
 * The role check for every admin page, made here rather than only in the pages: a layout renders
 * before any loading boundary below it, so a refusal is a real redirect, not a streamed 200 page.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requirePageUser('admin');
  return children;
}
