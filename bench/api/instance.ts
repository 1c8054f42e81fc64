/**
 * One app instance for the API benchmark: its store seeded with a viewer and `images` ready image
 * records, the real launcher (`npm start`: the built app under `next start`, with its own embedded
 * image service), and a session cookie from a real sign-in.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { hashPassword } from '@/lib/auth/password';
import { openAppDb, type StoreLocation } from '@/lib/db/open';
import { cleanEnv, freePorts, type Running, startNpm } from '../../e2e/multi/processes';

export interface Instance {
  name: string;
  url: string;
  cookie: string;
  stop(): Promise<void>;
}

const USER = { email: 'bench@example.com', password: 'bench-password-1' };

/** A viewer and `count` ready images (placeholders and sizes as uploads leave them), newest last. */
export async function seed(store: StoreLocation, count: number): Promise<void> {
  const db = await openAppDb(store);
  try {
    const ownerId = `bench-user-${randomBytes(4).toString('hex')}`;
    const t0 = Date.now() - count * 1000;
    await db
      .insertInto('users')
      .values({
        id: ownerId,
        email: USER.email,
        name: 'Bench Viewer',
        password_hash: await hashPassword(USER.password),
        role: 'viewer',
        created_at: t0,
      })
      .execute();
    const rows = Array.from({ length: count }, (_, i) => ({
      id: `rec-${String(i).padStart(4, '0')}-${randomBytes(6).toString('hex')}`,
      service_id: `svc-${randomBytes(8).toString('hex')}`,
      owner_id: ownerId,
      title: `Benchmark photo ${i}`,
      filename: `photo-${i}.jpg`,
      status: 'ready' as const,
      private: 1,
      width: 1600 + (i % 7) * 100,
      height: 1200 - (i % 5) * 100,
      bytes: 900_000 + i,
      content_type: 'image/jpeg',
      placeholder: randomBytes(25).toString('base64'),
      created_at: t0 + i * 1000,
      updated_at: t0 + i * 1000,
    }));
    await db.insertInto('images').values(rows).execute();
  } finally {
    await db.destroy();
  }
}

function cookieHeader(setCookies: string[]): string {
  return setCookies.map((c) => c.split(';')[0]).join('; ');
}

/** Signs in the way a browser's form post to Auth.js does; returns the session cookie. */
async function signIn(url: string): Promise<string> {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookieHeader(csrf.headers.getSetCookie());
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
    body: new URLSearchParams({ csrfToken, email: USER.email, password: USER.password }),
  });
  const session = response.headers.getSetCookie().filter((c) => c.startsWith('authjs.session-token='));
  if (session.length === 0)
    throw new Error(`Sign-in failed on ${url}: ${response.status} ${response.headers.get('location')}`);
  return cookieHeader(session);
}

/** Starts `npm start` on a free port over `store` (seeded before), signed in. */
export async function startInstance(
  name: string,
  store: StoreLocation,
  dataDir: string,
  logDir: string,
  /** Overrides, e.g. a fixed IMAGE_SERVICE_PORT so the caller can reach the embedded service. */
  extraEnv: Record<string, string> = {},
): Promise<Instance> {
  const [port] = await freePorts(1);
  const env: NodeJS.ProcessEnv = {
    ...cleanEnv(),
    PORT: String(port),
    HOST: '127.0.0.1',
    IMAGE_SERVICE_PORT: '0',
    PIXVAULT_DATA_DIR: dataDir,
    PIXVAULT_IMAGE_BACKEND: 'embedded',
    ...(store.engine === 'postgres' ? { DATABASE_URL: store.url } : {}),
    ...extraEnv,
  };
  if (store.engine === 'sqlite' && store.file !== path.join(dataDir, 'app', 'app.db')) {
    throw new Error('A SQLite store must be <data dir>/app/app.db');
  }
  const running: Running = await startNpm(name, ['start'], env, /Pixvault on http:\/\/\S+/, logDir);
  const url = `http://127.0.0.1:${port}`;
  try {
    return { name, url, cookie: await signIn(url), stop: running.stop };
  } catch (err) {
    await running.stop();
    throw err;
  }
}
