/**
 * Walks every server action of the table in-process, as each persona, with real Auth.js sign-in and
 * sign-out underneath: the signed-in personas also carry a real session cookie naming a live session
 * record, so signing out has something to end. A refusal must come back as an error state (or a
 * redirect) and change nothing in the store or the image service; a `done` must have changed
 * something (unless the table says it writes `never` or `maybe`).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';
import { startTestService, type TestService } from '@/test/helpers/service';
import { makeActionFixture } from './action-fixture';
import { importAppFile } from './app-files';
import { APP_ORIGIN, interruptOutcome } from './next-interrupts';
import { actAs, createPeople, type People, type Person } from './people';
import { changedTables, storeSnapshot } from './store-snapshot';
import { ACTIONS, type ActionFixture, type ActionRow, PERSONAS, type Persona } from './table';

vi.mock('@/lib/auth/session', () => import('@/test/helpers/session'));
// `server-only` throws outside React's server build; these tests are the server.
vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => import('@/test/helpers/next-headers'));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
// GitHub sign-in on, so its action is walked as it runs in deployments that use it.
vi.stubEnv('AUTH_GITHUB_ID', 'github-client-id');
vi.stubEnv('AUTH_GITHUB_SECRET', 'github-client-secret');

const SESSION_COOKIE = 'authjs.session-token';

let t: TestService;
let people: People;
let fixture: ActionFixture;

beforeAll(async () => {
  // Key and variant actions act on a real (in-process) image service, whose records are in the snapshots too.
  t = await startTestService();
  stubAppEnv(t);
  people = await createPeople();
  fixture = await makeActionFixture(people, t);
});
afterAll(() => t.stop());

/** A cookie naming a new, live session record of `person`, as Auth.js issues one at sign-in. */
async function sessionCookie(person: Person): Promise<string> {
  const { createSession } = await import('@/lib/auth/session-store');
  const { encode } = await import('next-auth/jwt');
  const { appEnv } = await import('@/lib/env');
  const sid = await createSession(person.id);
  const token = { sub: person.id, sid, email: person.email, name: null, role: person.role };
  return `${SESSION_COOKIE}=${await encode({ token, secret: appEnv().authSecret, salt: SESSION_COOKIE })}`;
}

/** Sets the fake session and the request (same-origin, with the persona's session cookie) the action runs in. */
async function enter(persona: Persona): Promise<void> {
  const person = await actAs(people, persona);
  const { setRequestHeaders } = await import('@/test/helpers/next-headers');
  setRequestHeaders({
    host: new URL(APP_ORIGIN).host,
    origin: APP_ORIGIN,
    'x-forwarded-proto': 'http',
    ...(person ? { cookie: await sessionCookie(person) } : {}),
  });
}

const isErrorState = (value: unknown) =>
  typeof value === 'object' && value !== null && typeof (value as { error?: unknown }).error === 'string';

/** Runs the action as `persona` and names what happened in the table's terms. */
async function outcomeOf(row: ActionRow, persona: Persona): Promise<string> {
  const action = (await importAppFile(row.file))[row.name];
  if (typeof action !== 'function') throw new Error(`${row.file} exports no ${row.name}`);
  await enter(persona);
  const args = await row.args(fixture);
  const before = await storeSnapshot(t);
  let refusedByState = false;
  let redirect = '';
  try {
    refusedByState = isErrorState(await (action as (...a: unknown[]) => Promise<unknown>)(...args));
  } catch (err) {
    const outcome = interruptOutcome(err);
    if (typeof outcome !== 'string') throw err;
    redirect = ` → ${outcome.slice('redirect:'.length)}`;
  }
  const changed = changedTables(before, await storeSnapshot(t));
  const writes = row.writes ?? 'always';
  // A redirect says nothing by itself: whether the store changed tells a refusal from work done.
  const refused = refusedByState || (redirect !== '' && changed.length === 0 && writes === 'always');
  if (refused && changed.length > 0) return `refused${redirect}, yet changed ${changed.join(', ')}`;
  if (!refused && writes === 'never' && changed.length > 0) return `done${redirect}, yet changed ${changed.join(', ')}`;
  if (!refused && writes === 'always' && changed.length === 0) return `done${redirect}, yet nothing changed`;
  return `${refused ? 'refused' : 'done'}${redirect}`;
}

describe.each(ACTIONS.map((row) => ({ name: `${row.name} (${row.file})`, row })))('$name', ({ row }) => {
  it('does for each persona what the table says, and a refusal changes nothing', async () => {
    const outcomes = {} as Record<Persona, string>;
    for (const persona of PERSONAS) outcomes[persona] = await outcomeOf(row, persona);
    expect(outcomes).toEqual(row.expect);
  });
});
