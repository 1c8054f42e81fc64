import type { UsageOverview } from '@/lib/admin/usage';
import { count, usd } from './format';
import styles from './usage.module.css';

/** The headline numbers: stored now, deliveries this month, the estimated bill. */
export function UsageStats({ usage }: { usage: UsageOverview }) {
  const { stored, deliveries, estimate } = usage;
  return (
    <dl className={styles.stats}>
      <div className={`card ${styles.stat}`}>
        <dt>Images stored</dt>
        <dd className={styles.value} data-testid="stored-now">
          {count(stored.now)}
        </dd>
        {stored.allowed !== null && <dd className={styles.note}>of {count(stored.allowed)} allowed</dd>}
      </div>
      <div className={`card ${styles.stat}`}>
        <dt>Deliveries this month</dt>
        <dd className={styles.value}>{deliveries.available ? count(deliveries.monthSoFar) : '—'}</dd>
        <dd className={styles.note}>
          {estimate.projection
            ? `≈ ${count(estimate.projection.projected)} by the month’s end`
            : 'not available on this backend'}
        </dd>
      </div>
      <div className={`card ${styles.stat}`}>
        <dt>Estimated bill this month</dt>
        <dd className={styles.value}>{usd(estimate.bill.totalUsd)}</dd>
        <dd className={styles.note}>{deliveries.available ? 'storage and deliveries' : 'storage only'}</dd>
      </div>
    </dl>
  );
}
