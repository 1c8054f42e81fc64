/**
 * The store's migrations, in name order, written once for both engines (a migration branches on
 * `engineOf(db)` where their SQL differs). Append only: a new change is a new file and entry here.
 */
import type { Migration } from 'kysely';
import * as baseline from './0001-baseline';
import * as rateLimits from './0002-rate-limits';
import * as adminUsers from './0004-admin-users';
import * as albumsShares from './0005-albums-shares';
import * as captionsTags from './0006-captions-tags';
import * as trashDuplicates from './0007-trash-duplicates';
import * as completionClaim from './0008-completion-claim';
import * as accentFolding from './0009-accent-folding';

export const BASELINE = '0001_baseline';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  [BASELINE]: baseline,
  '0002_rate_limits': rateLimits,
  '0004_admin_users': adminUsers,
  '0005_albums_shares': albumsShares,
  '0006_captions_tags': captionsTags,
  '0007_trash_duplicates': trashDuplicates,
  '0008_completion_claim': completionClaim,
  '0009_accent_folding': accentFolding,
};

/** For a pre-Kysely SQLite install the baseline's tables already exist: it is recorded, not run. */
export function migrationsFor(adoptsLegacyInstall: boolean): Record<string, Migration> {
  return adoptsLegacyInstall ? { ...MIGRATIONS, [BASELINE]: { up: async () => undefined } } : { ...MIGRATIONS };
}
