'use client';
import { useQuery } from '@tanstack/react-query';
import { ImageFacts } from '@/components/image/image-facts';
import { TagChips } from '@/components/image/tag-chips';
import { errorMessage } from '@/components/ui/load-error';
import { imageDetailQueryOptions, retryServerErrors } from '@/lib/queries/images';
import styles from './lightbox.module.css';

/** The lightbox's info panel: the image page's facts (taken, camera, exposure, size…), caption and tags. */
export function LightboxInfo({ id }: { id: string }) {
  const query = useQuery({ ...imageDetailQueryOptions(id), retry: retryServerErrors });
  return (
    <aside className={styles.info} aria-label="Info panel" aria-busy={query.isPending || undefined}>
      {query.isPending ? (
        <p className="muted">Loading info…</p>
      ) : query.data ? (
        <>
          {query.data.caption && <p className={styles.infoCaption}>{query.data.caption}</p>}
          <TagChips tags={query.data.tags} />
          <ImageFacts image={query.data} />
        </>
      ) : (
        <p className="alert" role="alert">
          Could not load the info. {errorMessage(query.error)}
        </p>
      )}
    </aside>
  );
}
