import type { Metadata } from 'next';
import { AddUserForm } from '@/components/admin/add-user-form';
import { UserTable } from '@/components/admin/user-table';
import { requirePageUser } from '@/lib/auth/session';
import { listUsers } from '@/lib/db/users';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const admin = await requirePageUser('admin');
  const users = (await listUsers()).map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    createdAt: new Date(u.created_at).toISOString(),
  }));
  return (
    <>
      <h1>Users</h1>
      <p className="muted">
        Viewers browse; uploaders also upload and manage their own images; admins manage everything.
      </p>
      <UserTable users={users} currentUserId={admin.id} />
      <h2 style={{ marginTop: '2rem' }}>Add a user</h2>
      <AddUserForm />
    </>
  );
}
