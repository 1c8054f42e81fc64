import Link from 'next/link';
import styles from './tag-chips.module.css';

export interface TagChipsProps {
  tags: readonly string[];
  /** Label for screen readers. */
  label?: string;
}

/** Tags as chips; each opens the gallery filtered to it. */
export function TagChips({ tags, label = 'Tags' }: TagChipsProps) {
  if (tags.length === 0) return null;
  return (
    <ul className={styles.chips} aria-label={label}>
      {tags.map((tag) => (
        <li key={tag}>
          <Link className={styles.chip} href={`/?tag=${encodeURIComponent(tag)}`}>
            #{tag}
          </Link>
        </li>
      ))}
    </ul>
  );
}
