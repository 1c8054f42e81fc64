/**
 * What the global setup started, handed to the tests through the environment (Playwright's workers
 * inherit the runner's), and the users CLI pointed at the shared store.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { cleanEnv } from './processes';

const RUN = 'PIXVAULT_MULTI_RUN';
const SKIP = 'PIXVAULT_MULTI_SKIP';

export interface MultiRun {
  /** Instance A and instance B, `http://127.0.0.1:<port>`. */
  a: string;
  b: string;
  /** The one embedded image service both joined. */
  service: string;
  /** The PostgreSQL database both share. */
  databaseUrl: string;
  /** What the users CLI needs to work on the shared store. */
  cliEnv: Record<string, string>;
}

export interface TestUser {
  email: string;
  password: string;
  name: string;
  role: 'admin' | 'uploader' | 'viewer';
}

export function publishRun(run: MultiRun): void {
  process.env[RUN] = JSON.stringify(run);
}

export function publishSkip(reason: string): void {
  process.env[SKIP] = reason;
}

/** Why the run is skipped (no PostgreSQL, outside CI), or undefined. */
export const skipReason = (): string | undefined => process.env[SKIP];

export function multiRun(): MultiRun {
  const raw = process.env[RUN];
  if (!raw) throw new Error('The two-instance tests run through playwright.multi.config.ts (npm run test:e2e:multi).');
  return JSON.parse(raw) as MultiRun;
}

/** A user of its own for one test: no test sees another's account. */
export function newUser(role: TestUser['role'], label: string): TestUser {
  const tag = randomBytes(4).toString('hex');
  return { email: `${label}-${tag}@multi.example`, password: `pw-${tag}-long-enough`, name: `${label} ${tag}`, role };
}

const run = promisify(execFile);

/** `npm run users -- add …` against the shared store. */
export async function addUserWithCli(r: MultiRun, u: TestUser): Promise<void> {
  const args = ['run', '--silent', 'users', '--', 'add', u.email, '--password', u.password, '--role', u.role];
  await run('npm', [...args, '--name', u.name], {
    cwd: path.resolve(import.meta.dirname, '..', '..'),
    env: { ...cleanEnv(), ...r.cliEnv },
  });
}
