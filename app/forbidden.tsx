import Link from 'next/link';
import styles from '@/components/ui/state-box.module.css';

/**
 * Rendered with HTTP 403 by `forbidden()` (lib/admin/guard.ts) for signed-in users without the admin
 * role, inside the layouts above the refusing segment (the site header stays).
 */
export default function Forbidden() {
  return (
    <div className={`card ${styles.stateBox}`}>
      <h1>Admins only</h1>
      <p className="muted">This page is part of the admin console. Your account does not have the admin role.</p>
      <Link href="/" className="button">
        Go to the gallery
      </Link>
    </div>
  );
}
