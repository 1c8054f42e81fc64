'use client';
import Link from 'next/link';
import { FormAlert } from '@/components/ui/form-alert';
import { errorMessage } from '@/components/ui/load-error';
import { useRevokeShare } from '@/lib/queries/shares';
import type { ShareLinkView } from '@/lib/schemas/shares';
import { formatDateTime } from '@/lib/ui/format';
import styles from './sharing.module.css';

const STATE_LABEL = { live: 'Active', revoked: 'Revoked', expired: 'Expired' } as const;

export interface ShareLinkListProps {
  links: readonly ShareLinkView[];
  /** Name what each link shares (the "My links" page); off inside an image's or album's own panel. */
  showTarget?: boolean;
  /** Say who made each link (admins see everyone's). */
  showCreator?: boolean;
}

function targetHref(link: ShareLinkView): string {
  const id = encodeURIComponent(link.target.id);
  return link.target.kind === 'image' ? `/images/${id}` : `/albums/${id}`;
}

/** Share links with their state, views and dates; a live one can be revoked at once. */
export function ShareLinkList({ links, showTarget = false, showCreator = false }: ShareLinkListProps) {
  const revoke = useRevokeShare();
  return (
    <>
      <ul className={styles.list} aria-label="Share links">
        {links.map((link) => (
          <li key={link.id} className={styles.item} data-testid="share-link" data-state={link.state}>
            <div className={styles.itemText}>
              {showTarget && (
                <span className={styles.itemTitle}>
                  {link.target.kind === 'album' ? 'Album: ' : 'Image: '}
                  <Link href={targetHref(link)}>{link.target.title || 'untitled'}</Link>
                </span>
              )}
              <span>
                <span className={styles.badge} data-state={link.state}>
                  {STATE_LABEL[link.state]}
                </span>{' '}
                {link.views === 1 ? '1 view' : `${link.views} views`}
                {link.hasPassword ? ' · password' : ''}
              </span>
              <span className={styles.meta}>
                Created {formatDateTime(link.createdAt)}
                {showCreator ? ` by ${link.creator.name}` : ''} ·{' '}
                {link.revokedAt
                  ? `revoked ${formatDateTime(link.revokedAt)}`
                  : link.expiresAt
                    ? `${link.state === 'expired' ? 'expired' : 'expires'} ${formatDateTime(link.expiresAt)}`
                    : 'never expires'}
              </span>
            </div>
            {link.state === 'live' && (
              <button
                type="button"
                className="button button-danger"
                disabled={revoke.isPending && revoke.variables === link.id}
                onClick={() => revoke.mutate(link.id)}
              >
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
      <FormAlert message={revoke.error ? `The link could not be revoked. ${errorMessage(revoke.error)}` : null} />
    </>
  );
}
