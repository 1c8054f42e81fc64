/**
 * The store as the SQLite-only app left it (its four `user_version` migrations), written once for both
 * engines. Where they differ: the case-insensitive unique email (SQLite COLLATE NOCASE, PostgreSQL a
 * unique index on lower(email)), the audit log's row id, the byte order of image ids (SQLite's
 * default; "C" on PostgreSQL, so gallery cursors page in the same order on both), and the trigger
 * that ends a user's sessions when their password, role or disabled state changes, whichever code
 * path (CLI, admin page, plain SQL) changed it.
 */
import { type Kysely, sql } from 'kysely';
import { engineOf } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = engineOf(db) === 'postgres';
  const time = pg ? 'bigint' : 'integer';

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => (pg ? c.notNull() : c.notNull().unique().modifyEnd(sql`collate nocase`)))
    .addColumn('name', 'text')
    .addColumn('password_hash', 'text')
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'uploader', 'viewer')`))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('disabled_at', time)
    .execute();
  if (pg) {
    await db.schema.createIndex('users_email_unique').on('users').unique().expression(sql`lower(email)`).execute();
  }

  await db.schema
    .createTable('images')
    .addColumn('id', 'text', (c) => (pg ? c.modifyFront(sql`collate "C"`).primaryKey() : c.primaryKey()))
    .addColumn('service_id', 'text', (c) => c.unique())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'ready')`))
    .addColumn('private', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('bytes', 'integer')
    .addColumn('content_type', 'text')
    .addColumn('placeholder', 'text')
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('images_gallery')
    .on('images')
    .columns(['status', 'created_at desc', 'id desc'])
    .execute();
  await db.schema
    .createIndex('images_owner')
    .on('images')
    .columns(['owner_id', 'status', 'created_at desc', 'id desc'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', pg ? 'bigint' : 'integer', (c) =>
      pg ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('at', time, (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('detail', 'text')
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('last_seen_at', time, (c) => c.notNull())
    .addColumn('expires_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_expiry').on('sessions').column('expires_at').execute();
  await endSessionsOnAccountChange(db, pg);

  await db.schema
    .createTable('sign_in_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('started_at', time, (c) => c.notNull())
    .addColumn('last_failure_at', time, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sign_in_known_addresses')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('last_success_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('sign_in_known_addresses_pk', ['user_id', 'address'])
    .execute();
}

async function endSessionsOnAccountChange(db: Kysely<unknown>, pg: boolean): Promise<void> {
  if (!pg) {
    await sql`CREATE TRIGGER users_end_sessions AFTER UPDATE OF password_hash, role, disabled_at ON users
      WHEN OLD.password_hash IS NOT NEW.password_hash OR OLD.role IS NOT NEW.role
        OR OLD.disabled_at IS NOT NEW.disabled_at
      BEGIN
        DELETE FROM sessions WHERE user_id = NEW.id;
      END`.execute(db);
    return;
  }
  // The function keeps the schema it was created in, so it finds `sessions` whatever a later session's search_path.
  await sql`CREATE FUNCTION users_end_sessions() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        DELETE FROM sessions WHERE user_id = NEW.id;
        RETURN NULL;
      END $$`.execute(db);
  await sql`CREATE TRIGGER users_end_sessions AFTER UPDATE OF password_hash, role, disabled_at ON users
      FOR EACH ROW WHEN (OLD.password_hash IS DISTINCT FROM NEW.password_hash OR OLD.role IS DISTINCT FROM NEW.role
        OR OLD.disabled_at IS DISTINCT FROM NEW.disabled_at)
      EXECUTE FUNCTION users_end_sessions()`.execute(db);
}
