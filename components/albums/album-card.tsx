import Link from 'next/link';
import type { AlbumSummaryView } from '@/lib/schemas/albums';
import styles from './albums.module.css';

/** One album in the list: its cover (or an "empty" box), name, count and owner. */
export function AlbumCard({ album }: { album: AlbumSummaryView }) {
  return (
    <Link href={`/albums/${encodeURIComponent(album.id)}`} className={styles.card} data-testid="album-card">
      {album.coverUrl ? (
        <img className={styles.cover} src={album.coverUrl} alt="" loading="lazy" />
      ) : (
        <span className={styles.cover}>Empty album</span>
      )}
      <span className={styles.cardTitle}>{album.title}</span>
      <span className={styles.cardMeta}>
        {album.imageCount === 1 ? '1 image' : `${album.imageCount} images`} · {album.owner.name}
      </span>
    </Link>
  );
}
