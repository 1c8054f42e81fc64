import type { ReactNode } from 'react';
import type { ImageDetail } from '@/lib/schemas/api';
import { formatCamera, formatExposure, formatTaken } from '@/lib/ui/capture-format';
import { formatBytes, formatDateTime, formatDimensions } from '@/lib/ui/format';
import styles from './image-detail.module.css';

function formatName(contentType: string): string {
  const subtype = contentType.split('/')[1] ?? contentType;
  return subtype.replace('+xml', '').toUpperCase() || 'Unknown';
}

/** Taken, camera, lens, exposure: the rows the backend's capture info allows (none on real Cloudflare). */
function captureFacts(image: ImageDetail): [string, ReactNode][] {
  const c = image.capture;
  if (!c) return [];
  const rows: [string, ReactNode | null][] = [
    [
      'Taken',
      c.takenAt && (
        <time key="t" dateTime={`${c.takenAt}${c.offset ?? ''}`}>
          {formatTaken(c.takenAt, c.offset)}
        </time>
      ),
    ],
    ['Camera', formatCamera(c)],
    ['Lens', c.lens],
    ['Exposure', formatExposure(c)],
  ];
  return rows.filter((r): r is [string, ReactNode] => Boolean(r[1]));
}

export function ImageFacts({ image }: { image: ImageDetail }) {
  const facts: [string, ReactNode][] = [
    ...captureFacts(image),
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
    ['Uploaded by', image.mine ? `${image.owner.name} (you)` : image.owner.name],
  ];
  // Managers see the visibility switch instead.
  if (!image.canManage) facts.push(['Visibility', image.private ? 'Private — signed links only' : 'Public']);
  return (
    <dl className={styles.facts} aria-label="Image info">
      {facts.map(([term, value]) => (
        <div key={term} className={styles.fact}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
