/**
 * Runs before every test file (vitest.config.ts setupFiles): points the process's store (`getDb()`)
 * at this project's engine, and closes it once the file is done (its schema goes at the end of the run).
 */
import { afterAll } from 'vitest';
import { createTestSchema, engine, schemaUrl } from './test-engine';

if (engine === 'postgres') {
  // A schema of the file's own, so files running side by side never see each other's rows.
  process.env.DATABASE_URL = schemaUrl(await createTestSchema());
} else {
  // SQLite runs use the data folder each file configures; a developer's own DATABASE_URL must not leak in.
  delete process.env.DATABASE_URL;
}

afterAll(async () => {
  // Only files that used the store loaded it; the others need not pay for importing it here.
  if ((globalThis as { pixvaultDb?: unknown }).pixvaultDb) await (await import('@/lib/db/index')).closeDb();
});
