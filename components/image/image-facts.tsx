import type { ReactNode } from 'react';
import type { ImageDetail } from '@/lib/schemas/api';
import { formatBytes, formatDateTime, formatDimensions } from '@/lib/ui/format';
import styles from './image-detail.module.css';

function formatName(contentType: string): string {
  const subtype = contentType.split('/')[1] ?? contentType;
  return subtype.replace('+xml', '').toUpperCase() || 'Unknown';
}

export function ImageFacts({ image }: { image: ImageDetail }) {
  const facts: [string, ReactNode][] = [
    ['Filename', image.filename],
    ['Dimensions', `${formatDimensions(image.width, image.height)} px`],
    ['Size', formatBytes(image.bytes)],
    ['Format', formatName(image.contentType)],
    [
      'Uploaded',
      <time key="t" dateTime={image.createdAt}>
        {formatDateTime(image.createdAt)}
      </time>,
    ],
    ['Owner', image.mine ? `${image.owner.name} (you)` : image.owner.name],
  ];
  // Managers see the visibility switch instead.
  if (!image.canManage) facts.push(['Visibility', image.private ? 'Private — signed links only' : 'Public']);
  return (
    <dl className={styles.facts}>
      {facts.map(([term, value]) => (
        <div key={term} className={styles.fact}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
