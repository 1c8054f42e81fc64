import Link from 'next/link';
import type { TopImage } from '@/lib/admin/usage';
import { count } from './format';
import styles from './usage.module.css';

/** The 20 images delivered most over the last 30 days. */
export function TopImages({ top }: { top: readonly TopImage[] }) {
  return (
    <section className={styles.section} aria-labelledby="top-images">
      <h2 id="top-images" className={styles.heading}>
        Most delivered images, last 30 days
      </h2>
      {top.length === 0 ? (
        <p className="muted">No image has been delivered in the last 30 days.</p>
      ) : (
        <ol className={`card ${styles.top}`}>
          {top.map((t) => (
            <li key={t.serviceId}>
              <span className={styles.topTitle}>
                {t.recordId ? (
                  <Link href={`/images/${t.recordId}`}>{t.title}</Link>
                ) : (
                  <span className="muted">{t.title}</span>
                )}
              </span>
              <span className={styles.topCount}>{count(t.deliveries)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
