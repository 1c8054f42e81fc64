import 'server-only';
/** The console's duplicate groups: images of the library whose uploads had the same content hash. */
import type { Actor } from '@/lib/auth/roles';
import { type DuplicateGroup, duplicateGroups } from '@/lib/db/duplicates';
import { assertAdmin } from './guard';

export const DUPLICATE_GROUPS_SHOWN = 200;

export async function duplicateGroupsFor(admin: Actor): Promise<DuplicateGroup[]> {
  assertAdmin(admin);
  return duplicateGroups(DUPLICATE_GROUPS_SHOWN);
}
