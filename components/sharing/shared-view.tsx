'use client';
import { AlbumGrid } from '@/components/albums/album-grid';
import { PlaceholderImage } from '@/components/ui/placeholder-image';
import { scaledHeight, variantSrcSet } from '@/lib/gallery/srcset';
import type { SharedContent } from '@/lib/schemas/shares';
import { formatDateTime } from '@/lib/ui/format';
import styles from './shared-view.module.css';

export interface SharedViewProps {
  content: SharedContent;
  /** ISO date; null: the link does not expire. */
  expiresAt: string | null;
}

/** What a share link shows a visitor: one image, or an album in the gallery's grid and lightbox. */
export function SharedView({ content, expiresAt }: SharedViewProps) {
  const [single] = content.images;
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <span className={styles.brand}>Pixvault</span>
        <span className="muted">Shared with you{expiresAt ? ` · until ${formatDateTime(expiresAt)}` : ''}</span>
      </header>
      <main className={styles.main}>
        <h1 className={styles.title}>{content.title}</h1>
        {content.kind === 'image' && single ? (
          <PlaceholderImage
            className={styles.image}
            style={{ ['--ratio' as string]: String(single.width / Math.max(1, single.height)) }}
            src={single.urls.desktop}
            srcSet={variantSrcSet(single, ['thumbnail', 'mobile', 'desktop'])}
            sizes="(max-width: 1280px) 100vw, 1280px"
            alt={single.title}
            width={single.widths.desktop}
            height={scaledHeight(single, single.widths.desktop)}
            placeholder={single.placeholder}
            loading="eager"
            fetchPriority="high"
          />
        ) : content.images.length === 0 ? (
          <p className="notice">This album has no images to show.</p>
        ) : (
          <AlbumGrid images={content.images} label={`Images in ${content.title}`} shared />
        )}
      </main>
    </div>
  );
}
