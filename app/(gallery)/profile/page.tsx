import type { Metadata } from 'next';
import { signOutEverywhereAction } from '@/app/(auth)/actions';
import { ChangePasswordForm } from '@/components/profile/change-password-form';
import { DisplayNameForm } from '@/components/profile/display-name-form';
import styles from '@/components/profile/profile.module.css';
import { requirePageUser } from '@/lib/auth/session';
import { findUserById } from '@/lib/db/users';
import { UNNAMED_MEMBER } from '@/lib/people/display-name';

export const metadata: Metadata = { title: 'Profile' };

export default async function ProfilePage({ searchParams }: { searchParams: Promise<{ password?: string }> }) {
  const user = await requirePageUser();
  const passwordChanged = (await searchParams).password === 'changed';
  const hasPassword = Boolean((await findUserById(user.id))?.password_hash);
  return (
    <div className={styles.page}>
      <div>
        <h1 className={styles.heading}>Profile</h1>
        <p className={`muted ${styles.who}`}>
          {user.email} · <span style={{ textTransform: 'capitalize' }}>{user.role}</span>
        </p>
      </div>

      <section className={`card ${styles.section}`} aria-labelledby="profile-name">
        <h2 id="profile-name">Display name</h2>
        <p className="muted">
          Shown beside your images. Without one, other members see you as “{UNNAMED_MEMBER}” and admins see the part of
          your email before the @.
        </p>
        <DisplayNameForm name={user.name} />
      </section>

      <section className={`card ${styles.section}`} aria-labelledby="profile-password">
        <h2 id="profile-password">Password</h2>
        {passwordChanged && (
          <p className="notice" role="status">
            Password changed. Every other browser and device was signed out.
          </p>
        )}
        {hasPassword ? (
          <>
            <p className="muted">Changing it signs out every other browser and device; this one stays signed in.</p>
            <ChangePasswordForm />
          </>
        ) : (
          <p className="muted">You sign in with GitHub, so there is no password to change here.</p>
        )}
      </section>

      <section className={`card ${styles.section}`} aria-labelledby="profile-sessions">
        <h2 id="profile-sessions">Sessions</h2>
        <p className="muted">Lost a device, or signed in on a shared computer? End every session, this one included.</p>
        <form action={signOutEverywhereAction}>
          <button type="submit" className="button button-danger">
            Sign out everywhere
          </button>
        </form>
      </section>
    </div>
  );
}
