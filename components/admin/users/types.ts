/** What the users page hands its client components (plain data: times as ISO strings). */
import type { Role } from '@/lib/auth/roles';

export interface UserView {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  createdAt: string;
  lastSignInAt: string | null;
  disabled: boolean;
  imageCount: number;
}

export interface InviteView {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
}

/** Dates in UTC: the page renders on the server and again in the browser, and both must agree. */
export const utcDay = (iso: string) => iso.slice(0, 10);
export const utcMinute = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
