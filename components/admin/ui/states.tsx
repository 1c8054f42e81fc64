import type { ReactNode } from 'react';
import styles from './admin-ui.module.css';

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  /** A link or button that gets out of the empty state ("Clear filters"). */
  action?: ReactNode;
}

/** Nothing to show: says why, and what to do. */
export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <div className={`card ${styles.state}`}>
      <h2>{title}</h2>
      {children && <p className="muted">{children}</p>}
      {action}
    </div>
  );
}

export interface ErrorStateProps {
  title: string;
  message: string;
  /** Renders a "Try again" button (error boundaries pass their `reset`). */
  onRetry?: () => void;
}

/** Something failed: what, why, and a way to try again. */
export function ErrorState({ title, message, onRetry }: ErrorStateProps) {
  return (
    <div className={`card ${styles.state}`} role="alert">
      <h2>{title}</h2>
      <p className="muted">{message}</p>
      {onRetry && (
        <button type="button" className="button button-primary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export interface TableSkeletonProps {
  /** What is loading, for screen readers ("Loading images"). */
  label: string;
  rows?: number;
}

/** The loading state of a table page: a heading bar and shimmering rows in the table's shape. */
export function TableSkeleton({ label, rows = 8 }: TableSkeletonProps) {
  return (
    <div role="status" aria-live="polite" className={styles.skeleton}>
      <span className="sr-only">{label}…</span>
      <div className={`shimmer ${styles.skeletonTitle}`} aria-hidden="true" />
      <div className={`shimmer ${styles.skeletonBar}`} aria-hidden="true" />
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholder rows.
        <div key={i} className={`shimmer ${styles.skeletonRow}`} aria-hidden="true" />
      ))}
    </div>
  );
}
