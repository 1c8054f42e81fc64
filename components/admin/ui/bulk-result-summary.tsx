import type { BulkResult } from '@/lib/admin/bulk-result';
import styles from './admin-ui.module.css';

export interface BulkResultSummaryProps {
  result: BulkResult;
  /** Past tense of the action, e.g. "deleted", "made private". */
  done: string;
  /** What was acted on, plural ("images"). */
  noun: string;
  onDismiss?: () => void;
}

/** "3 of 4 images deleted", then each failure with its reason. */
export function BulkResultSummary({ result, done, noun, onDismiss }: BulkResultSummaryProps) {
  const failed = result.failed.length;
  const tone = failed === 0 ? 'notice' : 'alert';
  return (
    <div className={`${tone} ${styles.result}`} role={failed === 0 ? 'status' : 'alert'}>
      <p className={styles.resultHead}>
        <strong>
          {result.succeeded} of {result.attempted} {noun} {done}.
        </strong>
        {failed > 0 && ` ${failed} failed:`}
      </p>
      {failed > 0 && (
        <ul className={styles.failures}>
          {result.failed.map((f) => (
            <li key={f.id}>
              <span className={styles.failureLabel}>{f.label}</span> — {f.reason}
            </li>
          ))}
        </ul>
      )}
      {onDismiss && (
        <button type="button" className={`button ${styles.dismiss}`} onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
