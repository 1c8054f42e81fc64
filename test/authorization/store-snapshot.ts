/**
 * Everything a request could change, read whole: every table of the app's store and, when the test
 * runs one, the embedded image service's records. A refusal must leave both exactly as they were.
 */
import type { TestService } from '@/test/helpers/service';

export type Snapshot = Record<string, string[]>;

const SERVICE_TABLES = ['images', 'variants', 'signing_keys', 'config'] as const;

export async function storeSnapshot(service?: TestService): Promise<Snapshot> {
  const { getDb } = await import('@/lib/db/index');
  const { TABLES } = await import('@/lib/db/schema');
  const db = await getDb();
  const snapshot: Snapshot = {};
  for (const table of TABLES) {
    const rows = await db.selectFrom(table).selectAll().execute();
    snapshot[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  for (const table of service ? SERVICE_TABLES : []) {
    const rows = service?.svc.core.db.prepare(`SELECT * FROM ${table}`).all() ?? [];
    snapshot[`image service: ${table}`] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return snapshot;
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  return Object.keys({ ...before, ...after }).filter(
    (table) => JSON.stringify(before[table]) !== JSON.stringify(after[table]),
  );
}
