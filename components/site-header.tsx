import Link from 'next/link';
import { signOutAction } from '@/app/(auth)/actions';
import { canUpload } from '@/lib/auth/roles';
import type { CurrentUser } from '@/lib/auth/session';
import { CloseMenuOnNavigate } from './close-menu-on-navigate';
import styles from './site-header.module.css';

export interface SiteHeaderProps {
  user: CurrentUser;
}

const MENU_ID = 'site-menu';

/**
 * One row at every width. Wide screens show the navigation and account inline; on a phone they sit
 * in a popover behind a Menu button (the Popover API: Escape, a click outside and Tab behave
 * natively, and it works before any script has loaded).
 */
export function SiteHeader({ user }: SiteHeaderProps) {
  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        <Link href="/" className={styles.brand}>
          Pixvault
        </Link>
        <button type="button" className={`button ${styles.menuButton}`} popoverTarget={MENU_ID}>
          <svg viewBox="0 0 24 24" aria-hidden="true" className={styles.menuIcon}>
            <path d="M4 7h16M4 12h16M4 17h16" />
          </svg>
          Menu
        </button>
        <div id={MENU_ID} popover="auto" className={styles.menu}>
          <nav aria-label="Main" className={styles.nav}>
            <Link href="/">Gallery</Link>
            <Link href="/albums">Albums</Link>
            {canUpload(user) && <Link href="/upload">Upload</Link>}
            {canUpload(user) && <Link href="/trash">Trash</Link>}
            {canUpload(user) && <Link href="/links">Links</Link>}
            {user.role === 'admin' && <Link href="/admin">Admin</Link>}
          </nav>
          <div className={styles.account}>
            <Link href="/profile" className={styles.who} title={`Your profile (${user.email})`}>
              {user.name ?? user.email} <span className={styles.role}>{user.role}</span>
            </Link>
            <form action={signOutAction}>
              <button type="submit" className="button">
                Sign out
              </button>
            </form>
          </div>
        </div>
        <CloseMenuOnNavigate menuId={MENU_ID} />
      </div>
    </header>
  );
}
