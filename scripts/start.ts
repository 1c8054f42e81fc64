/**
 * `npm start` / `npm run dev`: the whole product with one command. Starts the embedded image service
 * in this process (unless real Cloudflare Images is configured, or IMAGE_SERVICE_URL names a running
 * one to join), builds the app if needed, and runs Next.js beside it. Local secrets are generated and
 * kept in .data/ on first run (never when joining: see ./join-service.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { childProcessEnv, readLauncherEnv, readServiceEnv } from '@/lib/env';
import { configureService } from '@/lib/image-service/credentials';
import { type RunningService, startImageService } from '@/lib/image-service/server';
import { buildIfNeeded, spawnBuild } from './build-once';
import { joinedService, joinProblem } from './join-service';
import { embeddedServiceEnv, localAuthSecret } from './local-secrets';
import { portProblem, waitForListening } from './ports';

const mode = process.argv[2] === 'dev' ? 'dev' : 'start';
const root = path.resolve(import.meta.dirname, '..');
const nextBin = path.join(root, 'node_modules', '.bin', 'next');

/** One line on stderr and exit 1: a launcher error is a sentence, not a stack trace. */
function refuse(message: string): never {
  console.error(message);
  process.exit(1);
}

/** Asks a child to stop and waits for it to exit; after 10 s it is killed. */
async function endChild(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function main(): Promise<void> {
  const launcher = readLauncherEnv();
  const env = childProcessEnv();
  // Checked before anything is written, built or started, so a bad PORT costs no minute of building.
  const appPort = await portProblem(launcher.port, launcher.host, 'PORT');
  if (appPort) refuse(appPort);
  // Before AUTH_SECRET: a joining instance must be given the shared one, not generate its own.
  const joined = joinedService(env);
  env.AUTH_SECRET = localAuthSecret(env);
  let service: RunningService | null = null;
  if (joined) {
    const problem = await joinProblem(joined);
    if (problem) refuse(problem);
    Object.assign(env, joined.env);
    console.log(`Image service (embedded, joined) at ${joined.url}`);
  } else if (launcher.backend === 'embedded') {
    // The service reports finished uploads to the app; both read the same generated webhook secret.
    env.IMAGE_SERVICE_WEBHOOK_URL ||= `http://127.0.0.1:${launcher.port}/api/webhooks/images`;
    const svc = readServiceEnv(env);
    // Browsers fetch images from this port, so it must be one they accept (0 lets the system pick).
    const servicePort = svc.port === 0 ? null : await portProblem(svc.port, svc.host, 'IMAGE_SERVICE_PORT');
    if (servicePort) refuse(servicePort);
    service = await startImageService(configureService(svc.settings).config, { port: svc.port, host: svc.host });
    // Next.js learns where the service listens and its (possibly generated) account from its environment.
    Object.assign(env, embeddedServiceEnv(service.core.config));
    console.log(`Image service (embedded) on ${service.url}; data in ${svc.settings.dataDir}`);
  } else {
    console.log('Image backend: Cloudflare Images');
  }

  let next: ChildProcess | null = null;
  let building: ChildProcess | null = null;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // A build left running would go on writing .next/ after we are gone.
    // Both are waited for (bounded), so nothing of ours still writes to the data folder once we exit.
    await Promise.all([building, next].map((child) => endChild(child)));
    await service?.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  if (mode === 'start') {
    const built = await buildIfNeeded(root, () => {
      const run = spawnBuild(root, env);
      building = run.child;
      return run.exited;
    });
    if (stopping) return; // asked to stop while building
    if (built !== 0) {
      console.error('next build failed');
      return stop(built);
    }
  }
  // The build takes a while; something may have taken the port meanwhile.
  const taken = await portProblem(launcher.port, launcher.host, 'PORT');
  if (taken) {
    console.error(taken);
    return stop(1);
  }
  const args =
    mode === 'dev'
      ? ['dev', '-p', String(launcher.port), '-H', launcher.host]
      : ['start', '-p', String(launcher.port), '-H', launcher.host];
  const child = spawn(nextBin, args, { cwd: root, env, stdio: 'inherit' });
  next = child;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  if (!(await waitForListening(launcher.port, launcher.host, exited))) {
    if (stopping) return; // asked to stop while Next.js was starting
    console.error(`Next.js exited before it listened on ${launcher.host}:${launcher.port}; its output is above.`);
    return stop((await exited) || 1);
  }
  console.log(`Pixvault on http://${launcher.host === '127.0.0.1' ? 'localhost' : launcher.host}:${launcher.port}`);
  void exited.then((code) => stop(code ?? 0));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
