'use client';
import { useQuery } from '@tanstack/react-query';
import { AlbumGrid } from '@/components/albums/album-grid';
import { PlaceholderImage } from '@/components/ui/placeholder-image';
import { scaledHeight, variantSrcSet } from '@/lib/gallery/srcset';
import { ApiRequestError } from '@/lib/queries/images';
import { sharedContentQueryOptions } from '@/lib/queries/shares';
import type { SharedContent } from '@/lib/schemas/shares';
import { SHARE_REFUSALS, type ShareRefusal } from '@/lib/sharing/messages';
import { formatDateTime } from '@/lib/ui/format';
import styles from './shared-view.module.css';

export interface SharedViewProps {
  token: string;
  /** What the server rendered; its short-lived URLs are fetched afresh while the page stays open. */
  content: SharedContent;
  /** ISO date; null: the link does not expire. */
  expiresAt: string | null;
}

/** What a share link shows a visitor: one image, or an album in the gallery's grid and lightbox. */
export function SharedView({ token, content: initial, expiresAt }: SharedViewProps) {
  const { data: content, error } = useQuery(sharedContentQueryOptions(token, initial));
  const [single] = content.images;
  const refusal = refusalOf(error);
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <span className={styles.brand}>Pixvault</span>
        <span className="muted">Shared with you{expiresAt ? ` · until ${formatDateTime(expiresAt)}` : ''}</span>
      </header>
      <main className={styles.main}>
        <h1 className={styles.title}>{content.title}</h1>
        {refusal ? (
          <p className="notice" role="alert" data-share-state={refusal}>
            {SHARE_REFUSALS[refusal].title}. {SHARE_REFUSALS[refusal].message}
          </p>
        ) : content.kind === 'image' && single ? (
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

/** A refresh refused because the link was revoked, expired or emptied since the page was opened. */
function refusalOf(error: Error | null): ShareRefusal | null {
  if (!(error instanceof ApiRequestError) || error.status !== 410) return null;
  return error.code in SHARE_REFUSALS ? (error.code as ShareRefusal) : 'unavailable';
}
