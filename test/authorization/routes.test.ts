/**
 * Walks every route handler of the table in-process, as each persona, on real data: accounts in a
 * fresh store and images uploaded through the in-process image service. Each call gets a target of
 * its own. The status must be the table's; a refusal must answer the error envelope and leave the
 * store and the image service exactly as they were.
 */
import { randomUUID } from 'node:crypto';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';
import { startTestService, type TestService } from '@/test/helpers/service';
import { importAppFile } from './app-files';
import { APP_ORIGIN } from './next-interrupts';
import { paramsFor, type RouteParams, routeOf, withId } from './paths';
import { actAs, createPeople, type People } from './people';
import { changedTables, storeSnapshot } from './store-snapshot';
import { PERSONAS, type Persona, ROUTES, type RouteRow } from './table';
import { makeTarget } from './targets';

vi.mock('@/lib/auth/session', () => import('@/test/helpers/session'));
// `server-only` throws outside React's server build; these tests are the server.
vi.mock('server-only', () => ({}));

type Handler = (req: Request, ctx: { params: Promise<RouteParams> }) => Promise<Response>;

let t: TestService;
let people: People;

beforeAll(async () => {
  t = await startTestService();
  stubAppEnv(t);
  // The webhook route is live only with a secret configured; the walk proves a session is no substitute.
  vi.stubEnv('PIXVAULT_WEBHOOK_SECRET', 'webhook-secret');
  // Every call uploads its own target; the per-user limit is not what this file tests.
  vi.stubEnv('PIXVAULT_UPLOADS_PER_MINUTE', '10000');
  people = await createPeople();
  // As at every start-up: the app's named variants exist (the download route delivers one).
  const { ensureVariants } = await import('@/lib/images/variants');
  const { imagesClient } = await import('@/lib/images/client');
  await ensureVariants(imagesClient());
});
afterAll(() => t.stop());

async function handlerOf(row: RouteRow): Promise<Handler> {
  const handler = (await importAppFile(row.file))[row.method];
  if (typeof handler !== 'function') throw new Error(`${row.file} exports no ${row.method}`);
  return handler as Handler;
}

/** A same-origin browser request, as the app's own pages send; `'[id]'` in the body becomes `id`. */
function request(row: RouteRow, path: string, id: string): Request {
  const json = row.body !== undefined;
  return new NextRequest(`${APP_ORIGIN}${path}`, {
    method: row.method,
    headers: {
      host: new URL(APP_ORIGIN).host,
      origin: APP_ORIGIN,
      ...(json ? { 'content-type': 'application/json' } : {}),
    },
    body: json ? JSON.stringify(row.body).replaceAll('"[id]"', JSON.stringify(id)) : undefined,
  });
}

interface Walk {
  statuses: Record<Persona, number>;
  /** Refusals that changed something, or answered without the error envelope. */
  faults: string[];
}

/** Calls the row's handler once per persona; `idFor` gives the id standing in for `[param]`. */
async function walk(row: RouteRow, idFor: (persona: Persona) => Promise<string>): Promise<Walk> {
  const handler = await handlerOf(row);
  const statuses = {} as Record<Persona, number>;
  const faults: string[] = [];
  for (const persona of PERSONAS) {
    const id = await idFor(persona);
    const path = withId(row.path ?? routeOf(row.file), id);
    await actAs(people, persona);
    const before = await storeSnapshot(t);
    const res = await handler(request(row, path, id), { params: Promise.resolve(paramsFor(row.file, path)) });
    statuses[persona] = res.status;
    const body = await res.text();
    if (res.status >= 300) {
      const changed = changedTables(before, await storeSnapshot(t));
      if (changed.length > 0) faults.push(`${persona}: refused with ${res.status} but changed ${changed.join(', ')}`);
    }
    if (res.status >= 400 && !/^\{"error":\{"code":"[a-z_]+","message":/.test(body))
      faults.push(`${persona}: ${res.status} without the error envelope: ${body.slice(0, 120)}`);
  }
  return { statuses, faults };
}

const hasParam = (row: RouteRow) => /\[[^\]]+\]/.test(row.path ?? routeOf(row.file));
const targetOf = (row: RouteRow) => row.target ?? (hasParam(row) ? 'image' : null);

describe.each(ROUTES.map((row) => ({ name: `${row.method} ${row.path ?? routeOf(row.file)}`, row })))(
  '$name',
  ({ row }) => {
    it('answers each persona as the table says, and a refusal changes nothing', async () => {
      const target = targetOf(row);
      const result = await walk(row, async () => (target ? makeTarget(target, people.uploader) : ''));
      expect({ statuses: result.statuses, faults: result.faults }).toEqual({ statuses: row.expect, faults: [] });
    });

    // Only rows saying what an unknown id answers get this test (coverage.test.ts requires it of routes with an id).
    const missing = row.missing;
    if (missing)
      it('answers an id that does not exist as the table says', async () => {
        const result = await walk(row, async () => randomUUID());
        expect({ statuses: result.statuses, faults: result.faults }).toEqual({ statuses: missing, faults: [] });
      });
  },
);
