'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { ADMIN_SECTIONS } from './admin-sections';
import styles from './admin-shell.module.css';

/** The console's own navigation, under the site header; the current section is marked. */
export function AdminNav() {
  const path = usePathname();
  const current = (href: string) => path === href || path.startsWith(`${href}/`);
  return (
    <nav aria-label="Admin" className={styles.nav}>
      <Link href="/admin" className={styles.home} aria-current={path === '/admin' ? 'page' : undefined}>
        Admin
      </Link>
      <ul className={styles.links}>
        {ADMIN_SECTIONS.map((s) => (
          <li key={s.href}>
            <Link href={s.href} aria-current={current(s.href) ? 'page' : undefined}>
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
