import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '@/lib/sqlite/open';
import { getImageByServiceId } from './images';
import { MIGRATIONS, openAppDb } from './index';

describe('app database migrations', () => {
  it('keeps an install made before the rename of cf_id to service_id working', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'pixvault-migrate-')), 'app.db');
    const old = openSqlite(file, MIGRATIONS.slice(0, 1));
    old.prepare("INSERT INTO users (id, email, role, created_at) VALUES ('u', 'u@example.com', 'uploader', 1)").run();
    old
      .prepare(
        `INSERT INTO images (id, cf_id, owner_id, title, filename, status, created_at, updated_at)
         VALUES ('rec', 'svc', 'u', 't', 't.jpg', 'ready', 1, 1)`,
      )
      .run();
    old.close();

    const db = openAppDb(file);
    expect(getImageByServiceId('svc', db)).toMatchObject({ id: 'rec', service_id: 'svc' });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  });
});
