/**
 * Single-flight completion: a pending record is claimed (a conditional UPDATE) by whichever signal comes
 * first (the browser, the webhook, reconciliation, on any instance) until `completing_until`; the others
 * see the claim and do no work. A claim left by a crashed instance simply runs out.
 */
import type { Kysely } from 'kysely';
import { engineOf } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  const time = engineOf(db) === 'postgres' ? 'bigint' : 'integer';
  await db.schema.alterTable('images').addColumn('completing_until', time).execute();
}
