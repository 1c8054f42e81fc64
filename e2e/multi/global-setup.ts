/**
 * Two app instances the way a team runs them: one PostgreSQL database, one embedded image service
 * (`npm run image-service`, which generates its account), and `npm start` twice, joining that service
 * with its account and one shared AUTH_SECRET, each with its own port and data folder. Everything is
 * on free ports and temp folders, and is stopped by the returned teardown.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sharedDatabase } from './database';
import { cleanEnv, freePorts, type Running, startNpm } from './processes';
import { type MultiRun, publishRun, publishSkip } from './run';

interface ServiceAccount {
  accountId: string;
  accountHash: string;
  apiToken: string;
  signingKey: string;
  webhookSecret: string;
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const db = await sharedDatabase();
  if ('skip' in db) {
    const line = `Two-instance tests skipped: ${db.skip}.`;
    console.log(line);
    publishSkip(line);
    return async () => {};
  }
  const work = mkdtempSync(path.join(tmpdir(), 'pixvault-multi-'));
  const started: Running[] = [];
  const teardown = async () => {
    // Apps first (they hold connections to the other two), then the service, then the database.
    for (const p of started.reverse()) await p.stop();
    await db.stop();
    rmSync(work, { recursive: true, force: true, maxRetries: 5 });
  };
  try {
    const [portA = 0, portB = 0] = await freePorts(2);
    const urlA = `http://127.0.0.1:${portA}`;
    const urlB = `http://127.0.0.1:${portB}`;
    const serviceDir = path.join(work, 'service');
    const service = await startNpm(
      'image-service',
      ['image-service'],
      {
        ...cleanEnv(),
        IMAGE_SERVICE_PORT: '0',
        IMAGE_SERVICE_HOST: '127.0.0.1',
        IMAGE_SERVICE_DATA_DIR: serviceDir,
        // Finished uploads are reported to instance A; both know the secret.
        IMAGE_SERVICE_WEBHOOK_URL: `${urlA}/api/webhooks/images`,
      },
      /listening on (http:\/\/\S+)/,
    );
    started.push(service);
    const serviceUrl = service.ready[1] ?? '';
    // What an operator copies from the service's data folder to every instance.
    const account = JSON.parse(readFileSync(path.join(serviceDir, 'credentials.json'), 'utf8')) as ServiceAccount;
    const shared = {
      DATABASE_URL: db.url,
      IMAGE_SERVICE_URL: serviceUrl,
      CLOUDFLARE_ACCOUNT_ID: account.accountId,
      CLOUDFLARE_ACCOUNT_HASH: account.accountHash,
      CLOUDFLARE_API_TOKEN: account.apiToken,
      CLOUDFLARE_IMAGES_SIGNING_KEY: account.signingKey,
      IMAGE_SERVICE_WEBHOOK_SECRET: account.webhookSecret,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      // As behind a proxy on this machine: the sign-in test names its client address in X-Forwarded-For.
      PIXVAULT_TRUSTED_PROXIES: '127.0.0.1',
      // The global ceiling per second is not what the sign-in test counts.
      PIXVAULT_SIGN_IN_FAILURES_PER_SECOND: '1000',
    };
    const instance = (name: string, port: number) =>
      startNpm(
        name,
        ['start'],
        { ...cleanEnv(), ...shared, HOST: '127.0.0.1', PORT: String(port), PIXVAULT_DATA_DIR: path.join(work, name) },
        /Pixvault on http:\/\/\S+/,
      );
    // Both at once, as a team's deploy would: when the app needs a build, one launcher builds and the other waits.
    const apps = await Promise.allSettled([instance('app-a', portA), instance('app-b', portB)]);
    for (const app of apps) if (app.status === 'fulfilled') started.push(app.value);
    for (const app of apps) if (app.status === 'rejected') throw app.reason;
    const run: MultiRun = {
      a: urlA,
      b: urlB,
      service: serviceUrl,
      databaseUrl: db.url,
      cliEnv: { ...shared, PIXVAULT_DATA_DIR: path.join(work, 'cli') },
    };
    publishRun(run);
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}
