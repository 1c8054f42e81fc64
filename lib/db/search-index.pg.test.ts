/** PostgreSQL answers a search from the GIN index (the query's document must be the index's expression). */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { freshStore, openTestDb } from '@/test/helpers/db';
import { PG_IMAGE_DOCUMENT, searchTerms, tsPrefix } from './search-sql';

describe('the search index on PostgreSQL', () => {
  it('is what an accent-folded search uses', async () => {
    const where = await freshStore();
    if (where.engine !== 'postgres') throw new Error('a PostgreSQL test');
    const db = await openTestDb(where);
    const [term = ''] = searchTerms('Café');
    const plan = await db.transaction().execute(async (trx) => {
      // On an empty table a sequential scan is always cheapest; forbid it to see whether the index applies.
      await sql`set local enable_seqscan = off`.execute(trx);
      const rows = await sql<{ 'QUERY PLAN': string }>`explain select id from images
        where ${PG_IMAGE_DOCUMENT} @@ to_tsquery('simple', ${tsPrefix(term)})`.execute(trx);
      return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(term).toBe('cafe');
    expect(plan).toContain('images_search');
  });
});
