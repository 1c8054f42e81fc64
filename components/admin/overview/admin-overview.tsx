import Link from 'next/link';
import { ADMIN_SECTIONS } from '@/components/admin/shell/admin-sections';
import { formatBytes } from '@/lib/ui/format';
import styles from './admin-overview.module.css';

export interface AdminOverviewProps {
  images: number;
  users: number;
  bytes: number;
}

/** The landing page of the console: headline numbers, then one card per section. */
export function AdminOverview({ images, users, bytes }: AdminOverviewProps) {
  const stats = [
    { label: 'Images', value: images.toLocaleString('en'), href: '/admin/images' },
    { label: 'Users', value: users.toLocaleString('en'), href: '/admin/users' },
    { label: 'Storage (originals)', value: formatBytes(bytes), href: '/admin/usage' },
  ];
  return (
    <>
      <dl className={styles.stats}>
        {stats.map((s) => (
          <div key={s.label} className={`card ${styles.stat}`}>
            <dt>{s.label}</dt>
            <dd>
              <Link href={s.href}>{s.value}</Link>
            </dd>
          </div>
        ))}
      </dl>
      <h2 className={styles.heading}>Sections</h2>
      <ul className={styles.sections}>
        {ADMIN_SECTIONS.map((s) => (
          <li key={s.href}>
            <Link href={s.href} className={`card ${styles.section}`}>
              <strong>{s.label}</strong>
              <span className="muted">{s.blurb}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
