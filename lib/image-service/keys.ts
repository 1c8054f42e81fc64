/** Signing keys (`v1/keys`): kept in SQLite and in memory, since every private delivery checks them. */
import { randomBytes } from 'node:crypto';
import { badRequest, cfError } from '@/lib/cloudflare-images/errors';
import type { Db } from './db';

export interface SigningKey {
  name: string;
  value: string;
}

const KEY_NAME = /^[a-zA-Z0-9]{1,20}$/;

export function generateKeyValue(): string {
  return randomBytes(24).toString('base64');
}

export class SigningKeys {
  private cache: SigningKey[] = [];
  /** Bumped on every change, so anything derived from the keys knows to start over. */
  version = 0;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.reload();
  }

  private reload(): void {
    this.cache = this.db.prepare('SELECT name, value FROM signing_keys ORDER BY created, name').all() as SigningKey[];
    this.version++;
  }

  /**
   * At start: `default` takes the configured value when it was set explicitly (the operator's word
   * wins); a first start seeds it. A key deleted through the API otherwise stays deleted across
   * restarts: rotation relies on that to end the links signed with an old key, and the app signs with
   * the newest key it reads from `v1/keys`, not with the configured one.
   */
  ensureDefault(value: string, overwrite: boolean): void {
    if (!overwrite && this.cache.length > 0) return;
    this.db
      .prepare(
        'INSERT INTO signing_keys (name, value, created) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value',
      )
      .run('default', value, this.now());
    this.reload();
  }

  list(): SigningKey[] {
    return this.cache.map((k) => ({ ...k }));
  }

  values(): string[] {
    return this.cache.map((k) => k.value);
  }

  /** Creates (or regenerates) a key with a server-generated value; returns all keys. */
  put(name: string): SigningKey[] {
    if (!KEY_NAME.test(name)) throw badRequest('A signing key name is 1 to 20 letters or digits.');
    this.db
      .prepare(
        'INSERT INTO signing_keys (name, value, created) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value',
      )
      .run(name, generateKeyValue(), this.now());
    this.reload();
    return this.list();
  }

  /** Deletes a key; deleting the last one generates a new `default`, so signing never stops working. */
  delete(name: string): SigningKey[] {
    const tx = this.db.transaction(() => {
      const info = this.db.prepare('DELETE FROM signing_keys WHERE name = ?').run(name);
      if (info.changes === 0) throw cfError(5404, `Signing key "${name}" not found.`);
      const left = this.db.prepare('SELECT COUNT(*) AS n FROM signing_keys').get() as { n: number };
      if (left.n === 0) {
        this.db
          .prepare('INSERT INTO signing_keys (name, value, created) VALUES (?, ?, ?)')
          .run('default', generateKeyValue(), this.now());
      }
    });
    tx();
    this.reload();
    return this.list();
  }
}
