import type { ReactNode } from 'react';
import { requirePageUser } from '@/lib/auth/session';

/** Uploaders and admins only; checked above any loading boundary so a viewer gets a real redirect (see admin/layout). */
export default async function UploadLayout({ children }: { children: ReactNode }) {
  await requirePageUser('uploader');
  return children;
}
