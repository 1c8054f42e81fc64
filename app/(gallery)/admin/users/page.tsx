import type { Metadata } from 'next';
import { AddUserForm } from '@/components/admin/users/add-user-form';
import { InviteForm } from '@/components/admin/users/invite-form';
import { PendingInvites } from '@/components/admin/users/pending-invites';
import type { InviteView, UserView } from '@/components/admin/users/types';
import { UserTable } from '@/components/admin/users/user-table';
import styles from '@/components/admin/users/users.module.css';
import { requireAdminPage } from '@/lib/admin/guard';
import { pendingInvites } from '@/lib/admin/invites';
import { listUsersWithStats } from '@/lib/db/user-stats';

export const metadata: Metadata = { title: 'Users · Admin' };

const iso = (ms: number) => new Date(ms).toISOString();

export default async function UsersPage() {
  const admin = await requireAdminPage();
  const [rows, invites] = await Promise.all([listUsersWithStats(), pendingInvites(admin)]);
  const users: UserView[] = rows.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    createdAt: iso(u.created_at),
    lastSignInAt: u.last_sign_in_at === null ? null : iso(u.last_sign_in_at),
    disabled: u.disabled_at !== null,
    imageCount: u.image_count,
  }));
  const pending: InviteView[] = invites.map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role,
    createdAt: iso(i.created_at),
    expiresAt: iso(i.expires_at),
  }));
  return (
    <>
      <h1>Users</h1>
      <p className="muted">
        Viewers browse; uploaders also upload and manage their own images; admins manage everything. Times are UTC.
      </p>
      <UserTable users={users} currentUserId={admin.id} />
      <div className={styles.forms}>
        <InviteForm />
        <AddUserForm />
      </div>
      <div className={styles.section}>
        <PendingInvites invites={pending} />
      </div>
    </>
  );
}
