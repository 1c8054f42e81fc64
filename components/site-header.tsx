import Link from 'next/link';
import { signOutAction, signOutEverywhereAction } from '@/app/(auth)/actions';
import { canUpload } from '@/lib/auth/roles';
import type { CurrentUser } from '@/lib/auth/session';
import styles from './site-header.module.css';

export interface SiteHeaderProps {
  user: CurrentUser;
}

export function SiteHeader({ user }: SiteHeaderProps) {
  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        <Link href="/" className={styles.brand}>
          Pixvault
        </Link>
        <nav aria-label="Main" className={styles.nav}>
          <Link href="/">Gallery</Link>
          <Link href="/albums">Albums</Link>
          {canUpload(user) && <Link href="/upload">Upload</Link>}
          {canUpload(user) && <Link href="/trash">Trash</Link>}
          {canUpload(user) && <Link href="/links">Links</Link>}
          {user.role === 'admin' && <Link href="/admin">Admin</Link>}
        </nav>
        <div className={styles.account}>
          <span className={styles.who} title={user.email}>
            {user.name ?? user.email} <span className={styles.role}>{user.role}</span>
          </span>
          <form action={signOutAction}>
            <button type="submit" className="button">
              Sign out
            </button>
          </form>
          <form action={signOutEverywhereAction}>
            <button type="submit" className="button" title="Signs out every browser and device, this one included">
              End all sessions
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
