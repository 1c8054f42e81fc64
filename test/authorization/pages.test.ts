/**
 * Walks every page of the table in-process, as each persona: the layouts above the page run root
 * first, then the page, as Next renders them; the first redirect or HTTP error thrown is the answer.
 * One thrown below a loading boundary would reach the browser as a streamed 200 with a meta refresh
 * (issue 7, item 12), so it is reported as such. And each page refuses on its own too, not only
 * through its layouts. The same rows are walked over HTTP by e2e/authorization.spec.ts.
 */
import type { NextConfig } from 'next';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';
import { startTestService, type TestService } from '@/test/helpers/service';
import { importAppFile, segmentsAbove } from './app-files';
import { interruptOutcome } from './next-interrupts';
import { paramsFor, routeOf, withId } from './paths';
import { actAs, createPeople, type People } from './people';
import { PAGES, type PageOutcome, type PageRow, PERSONAS, type Persona } from './table';

vi.mock('@/lib/auth/session', () => import('@/test/helpers/session'));
// `server-only` throws outside React's server build; these tests are the server.
vi.mock('server-only', () => ({}));
// Outside a request `connection()` throws; in one it only marks the page as dynamic.
vi.mock('next/server', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/server')>()),
  connection: async () => undefined,
}));
// What next.config turns on for the real server: forbidden() and unauthorized() are only allowed with it.
const nextConfig = (await importAppFile('next.config.mjs')).default as NextConfig;
if (nextConfig.experimental?.authInterrupts) vi.stubEnv('__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS', 'true');

let t: TestService;
let people: People;
beforeAll(async () => {
  // Pages that read from the image service (admin lists) get a real one.
  t = await startTestService();
  stubAppEnv(t);
  people = await createPeople();
});
afterAll(() => t.stop());

type Component = (props: Record<string, unknown>) => unknown;

/** What rendering `file` alone gives: 200, or the interrupt it throws. */
async function render(file: string, path: string): Promise<PageOutcome> {
  const component = (await importAppFile(file)).default;
  if (typeof component !== 'function') throw new Error(`${file} has no default export`);
  const props = { children: null, params: Promise.resolve(paramsFor(file, path)), searchParams: Promise.resolve({}) };
  try {
    await (component as Component)(props);
    return 200;
  } catch (err) {
    const outcome = interruptOutcome(err);
    if (outcome === null) throw err;
    return outcome;
  }
}

/** A loading.tsx in `dir` wraps the page of `dir` and every layout in folders below it (not its own layout). */
function insideLoadingBoundary(file: string, loadingDirs: string[]): boolean {
  const dir = file.split('/').slice(0, -1).join('/');
  const isPage = /\/page\.[jt]sx?$/.test(file);
  return loadingDirs.some((d) => (isPage && d === dir) || dir.startsWith(`${d}/`));
}

/** The response for the whole route: layouts root first, then the page; the first interrupt wins. */
async function respond(row: PageRow, path: string): Promise<PageOutcome | string> {
  const { layouts, loadingDirs } = segmentsAbove(row.file);
  for (const file of [...layouts, row.file]) {
    const outcome = await render(file, path);
    if (outcome === 200) continue;
    return insideLoadingBoundary(file, loadingDirs)
      ? `streamed 200 (meta refresh to ${outcome}) from ${file}`
      : outcome;
  }
  return 200;
}

const pathOf = (row: PageRow) => withId(row.path ?? routeOf(row.file), 'some-image');

describe.each(PAGES.map((row) => ({ name: row.path ?? routeOf(row.file), row })))('page $name', ({ row }) => {
  it('answers each persona as the table says, with a real redirect or error status', async () => {
    const answers = {} as Record<Persona, PageOutcome | string>;
    for (const persona of PERSONAS) {
      await actAs(people, persona);
      answers[persona] = await respond(row, pathOf(row));
    }
    expect(answers).toEqual(row.expect);
  });

  // The page may refuse in its own words (a redirect where its layout answers 403); it must refuse.
  it('refuses on its own, not only through its layouts', async () => {
    const allowed = (outcome: PageOutcome | string) => (outcome === 200 ? 'allowed' : 'refused');
    const answers = {} as Record<Persona, string>;
    const expected = {} as Record<Persona, string>;
    for (const persona of PERSONAS) {
      await actAs(people, persona);
      answers[persona] = allowed(await render(row.file, pathOf(row)));
      expected[persona] = allowed(row.expect[persona]);
    }
    expect(answers).toEqual(expected);
  });
});
