'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type ReactNode, useState } from 'react';
import { ImageAlbums } from '@/components/albums/image-albums';
import { SharePanel } from '@/components/sharing/share-panel';
import { LoadError } from '@/components/ui/load-error';
import { PlaceholderImage } from '@/components/ui/placeholder-image';
import { scaledHeight, variantSrcSet } from '@/lib/gallery/srcset';
import { forgetDeletedImage } from '@/lib/queries/image-mutations';
import { ApiRequestError, imageDetailQueryOptions, retryServerErrors } from '@/lib/queries/images';
import type { ImageDetail } from '@/lib/schemas/api';
import { CaptionTagsEditor } from './caption-tags-editor';
import { DeleteImage } from './delete-image';
import styles from './image-detail.module.css';
import { ImageDetailSkeleton, ImageNotFound } from './image-detail-states';
import { ImageFacts } from './image-facts';
import { TitleEditor } from './title-editor';
import { VisibilityToggle } from './visibility-toggle';

export interface ImageDetailViewProps {
  id: string;
}

export function ImageDetailView({ id }: ImageDetailViewProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  // Once deleted, the query must stop: the invalidation below would otherwise refetch it into a 404.
  const [deleted, setDeleted] = useState(false);
  const query = useQuery({ ...imageDetailQueryOptions(id), enabled: !deleted, retry: retryServerErrors });

  const onDeleted = () => {
    setDeleted(true);
    void forgetDeletedImage(queryClient, id);
    router.push('/');
  };

  let content: ReactNode;
  if (deleted) {
    content = (
      <p role="status" className="notice">
        Image deleted. Returning to the gallery…
      </p>
    );
  } else if (query.isPending) {
    content = <ImageDetailSkeleton />;
  } else if (query.error instanceof ApiRequestError && query.error.status === 404) {
    content = <ImageNotFound />;
  } else if (!query.data) {
    content = <LoadError what="image" error={query.error} onRetry={() => void query.refetch()} />;
  } else {
    content = <ImageDetailBody image={query.data} onDeleted={onDeleted} />;
  }

  return (
    <div className={styles.page}>
      <p className={styles.back}>
        <Link href="/">← Back to the gallery</Link>
      </p>
      {content}
    </div>
  );
}

/** The image column is at most 78% of the viewport tall; beside the 340 px panel from 900 px up. */
function detailSizes(image: ImageDetail): string {
  const byHeight = `${((78 * image.width) / Math.max(1, image.height)).toFixed(1)}vh`;
  return `(max-width: 899px) min(calc(100vw - 30px), ${byHeight}), min(calc(min(100vw, 1280px) - 394px), ${byHeight})`;
}

function ImageDetailBody({ image, onDeleted }: { image: ImageDetail; onDeleted: () => void }) {
  return (
    <div className={styles.layout}>
      <div className={styles.media}>
        <PlaceholderImage
          className={styles.image}
          style={{ ['--ratio' as string]: String(image.width / Math.max(1, image.height)) }}
          src={image.urls.desktop}
          srcSet={variantSrcSet(image, ['thumbnail', 'mobile', 'desktop'])}
          sizes={detailSizes(image)}
          alt={image.title}
          width={image.widths.desktop}
          height={scaledHeight(image, image.widths.desktop)}
          placeholder={image.placeholder}
          loading="eager"
          fetchPriority="high"
        />
      </div>
      <div className={styles.panel}>
        <TitleEditor image={image} />
        <CaptionTagsEditor image={image} />
        <ImageFacts image={image} />
        {image.canManage && <VisibilityToggle image={image} />}
        {image.canManage && <ImageAlbums imageId={image.id} />}
        {image.canManage && <SharePanel target={{ kind: 'image', id: image.id }} allPublic={!image.private} />}
        {image.canManage && (
          <section className={styles.section} aria-label="Manage">
            <div className={styles.buttons}>
              <a href={`/api/images/${encodeURIComponent(image.id)}/original`} className="button">
                Download original
              </a>
              <DeleteImage id={image.id} onDeleted={onDeleted} />
            </div>
          </section>
        )}
      </div>
    </div>
  );
}
