'use client';
import Link from 'next/link';
import stateStyles from '@/components/ui/state-box.module.css';
import detailStyles from './image-detail.module.css';
import styles from './image-detail-states.module.css';

export function ImageDetailSkeleton() {
  return (
    <div className={detailStyles.layout} role="status">
      <span className="sr-only">Loading image…</span>
      <div className={detailStyles.media} aria-hidden="true">
        <div className={`shimmer ${styles.skeletonImage}`} />
      </div>
      <div className={detailStyles.panel} aria-hidden="true">
        <div className={`shimmer ${styles.skeletonLine}`} style={{ width: '70%', height: 28 }} />
        {[60, 45, 50, 40, 55].map((w) => (
          <div key={w} className={`shimmer ${styles.skeletonLine}`} style={{ width: `${w}%` }} />
        ))}
      </div>
    </div>
  );
}

export function ImageNotFound() {
  return (
    <div className={`card ${stateStyles.stateBox}`}>
      <h1>This image does not exist or was deleted</h1>
      <p className="muted">The link may be mistyped, or the owner removed the image.</p>
      <Link href="/" className="button button-primary">
        Back to the gallery
      </Link>
    </div>
  );
}
