/**
 * Reading the audit log: filtered by user (as actor or as target), action and time, newest first,
 * with the actor's and target's names joined in while they still exist.
 */
import { type AppDb, resolveDb } from './index';

export interface AuditFilter {
  /** Entries this user did or that were done to them. */
  userId?: string;
  action?: string;
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
}

export interface AuditView {
  id: number;
  at: number;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  target: string | null;
  /** The target user's email or image's title, while it exists. */
  targetLabel: string | null;
  detail: string | null;
  ip: string | null;
}

function filtered(db: AppDb, f: AuditFilter) {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users as actor', 'actor.id', 'audit_log.actor_id')
    .leftJoin('users as target_user', 'target_user.id', 'audit_log.target')
    .leftJoin('images as target_image', 'target_image.id', 'audit_log.target');
  if (f.userId !== undefined) {
    const user = f.userId;
    query = query.where((eb) => eb.or([eb('audit_log.actor_id', '=', user), eb('audit_log.target', '=', user)]));
  }
  if (f.action !== undefined) query = query.where('audit_log.action', '=', f.action);
  if (f.from !== undefined) query = query.where('audit_log.at', '>=', f.from);
  if (f.to !== undefined) query = query.where('audit_log.at', '<', f.to);
  return query;
}

const views = (db: AppDb, f: AuditFilter) =>
  filtered(db, f)
    .select((eb) => [
      'audit_log.id',
      'audit_log.at',
      'audit_log.actor_id as actorId',
      'actor.email as actorEmail',
      'audit_log.action',
      'audit_log.target',
      eb.fn.coalesce('target_user.email', 'target_image.title').as('targetLabel'),
      'audit_log.detail',
      'audit_log.ip',
    ])
    .orderBy('audit_log.at', 'desc')
    .orderBy('audit_log.id', 'desc');

/** One page of entries, newest first, and how many match in all. */
export async function listAudit(
  filter: AuditFilter,
  page: { offset: number; limit: number },
  db?: AppDb,
): Promise<{ entries: AuditView[]; total: number }> {
  const store = await resolveDb(db);
  const [entries, count] = await Promise.all([
    views(store, filter).offset(page.offset).limit(page.limit).execute(),
    filtered(store, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { entries, total: Number(count.n) };
}

/**
 * Every matching entry, newest first, fetched `batch` at a time (keyset on at and id, so a long
 * export neither skips nor repeats entries written while it runs).
 */
export async function* eachAudit(filter: AuditFilter, batch = 500, db?: AppDb): AsyncGenerator<AuditView> {
  const store = await resolveDb(db);
  let after: { at: number; id: number } | null = null;
  for (;;) {
    let query = views(store, filter);
    if (after) {
      const { at, id } = after;
      query = query.where((eb) => eb(eb.refTuple('audit_log.at', 'audit_log.id'), '<', eb.tuple(at, id)));
    }
    const rows: AuditView[] = await query.limit(batch).execute();
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < batch) return;
    after = { at: last.at, id: last.id };
  }
}

/** The actions the log holds, for the filter's choices (others' new actions appear without a list to keep). */
export async function auditActions(db?: AppDb): Promise<string[]> {
  const rows = await (await resolveDb(db))
    .selectFrom('audit_log')
    .select('action')
    .distinct()
    .orderBy('action')
    .execute();
  return rows.map((r) => r.action);
}
