/**
 * The admin console's users and audit log: when each user last signed in, one-time invites (only a
 * hash of each token is kept, like session ids), and the client address of every audit entry, with
 * the indexes the audit page filters by.
 */
import { type Kysely, sql } from 'kysely';
import { engineOf } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = engineOf(db) === 'postgres';
  const time = pg ? 'bigint' : 'integer';

  await db.schema.alterTable('users').addColumn('last_sign_in_at', time).execute();

  await db.schema
    .createTable('invites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    // Stored normalized (trimmed, lower-case), as users' emails are.
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'uploader', 'viewer')`))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('expires_at', time, (c) => c.notNull())
    .addColumn('accepted_at', time)
    .addColumn('accepted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revoked_at', time)
    .execute();
  await db.schema.createIndex('invites_email').on('invites').column('email').execute();

  await db.schema.alterTable('audit_log').addColumn('ip', 'text').execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'at']).execute();
  await db.schema.createIndex('audit_log_target').on('audit_log').columns(['target', 'at']).execute();
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'at']).execute();
}
