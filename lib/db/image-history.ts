/** Reads of the image records for the console's usage page: titles by service id, uploads by day. */
import { sql } from 'kysely';
import { type AppDb, resolveDb } from './index';

export async function recordsByServiceIds(
  serviceIds: readonly string[],
  db?: AppDb,
): Promise<{ id: string; service_id: string; title: string }[]> {
  if (serviceIds.length === 0) return [];
  const rows = await (await resolveDb(db))
    .selectFrom('images')
    .select(['id', 'service_id', 'title'])
    .where('service_id', 'in', [...serviceIds])
    .execute();
  return rows.flatMap((r) => (r.service_id ? [{ id: r.id, service_id: r.service_id, title: r.title }] : []));
}

const DAY_MS = 86_400_000;

/**
 * The app's finished images by upload day (UTC) since `fromMs`, and how many there were before it.
 * Images deleted since are not counted, so this is a lower bound of what was stored on each day.
 */
export async function readyImagesByDay(
  fromMs: number,
  db?: AppDb,
): Promise<{ before: number; perDay: { day: number; count: number }[] }> {
  const store = await resolveDb(db);
  const before = await store
    .selectFrom('images')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', '=', 'ready')
    .where('created_at', '<', fromMs)
    .executeTakeFirstOrThrow();
  // Integer division on both engines (BIGINT on PostgreSQL, INTEGER on SQLite): the day number.
  const day = sql<number | string>`created_at / ${sql.lit(DAY_MS)}`;
  const rows = await store
    .selectFrom('images')
    .select([day.as('day'), (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('status', '=', 'ready')
    .where('created_at', '>=', fromMs)
    .groupBy(day)
    .execute();
  return {
    before: Number(before.n),
    perDay: rows.map((r) => ({ day: Number(r.day), count: Number(r.n) })).sort((a, b) => a.day - b.day),
  };
}
