/**
 * Delivery benchmark: the embedded image service answering a hot variant (public and signed) against
 * nginx serving the same bytes from disk and a bare Node server answering from memory, measured side
 * by side with wrk on 127.0.0.1 in one run. Writes bench/results/delivery.md.
 *
 *   npx tsx bench/delivery.ts [--duration 10] [--connections 64] [--only signed] [--profile]
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signUrl } from '@/lib/cloudflare-images/signing';
import { generateCredentials } from '@/lib/image-service/credentials';
import { benchPhoto } from './photo';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const DURATION = arg('duration', 10);
const CONNECTIONS = arg('connections', 64);
const PORTS = { service: 3911, nginx: 3912, node: 3913 };
const ACCEPT = 'image/avif,image/webp,image/apng,image/*,*/*;q=0.8';

const work = mkdtempSync(path.join(tmpdir(), 'pixvault-bench-'));
// nginx workers run as an unprivileged user: they must be able to read the folder.
chmodSync(work, 0o755);
const creds = generateCredentials();
const children: ChildProcess[] = [];

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      if (pattern.test(out)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

async function startService(): Promise<void> {
  // --profile writes a V8 CPU profile of the service to bench/results/tmp/ (open it in Chrome DevTools).
  const profile = process.argv.includes('--profile') ? ['--cpu-prof', '--cpu-prof-dir=bench/results/tmp'] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'lib/image-service/main.ts'], {
    env: {
      ...process.env,
      IMAGE_SERVICE_PORT: String(PORTS.service),
      IMAGE_SERVICE_DATA_DIR: path.join(work, 'service'),
      CLOUDFLARE_ACCOUNT_ID: creds.accountId,
      CLOUDFLARE_ACCOUNT_HASH: creds.accountHash,
      CLOUDFLARE_API_TOKEN: creds.apiToken,
      CLOUDFLARE_IMAGES_SIGNING_KEY: creds.signingKey,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  await waitForLine(child, /listening on/);
}

async function upload(bytes: Buffer, privateImage: boolean): Promise<string> {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'bench.jpg');
  form.set('requireSignedURLs', String(privateImage));
  const res = await fetch(`http://127.0.0.1:${PORTS.service}/client/v4/accounts/${creds.accountId}/images/v1`, {
    method: 'POST',
    headers: { authorization: `Bearer ${creds.apiToken}` },
    body: form,
  });
  const body = (await res.json()) as { result: { id: string } };
  return body.result.id;
}

function startNginx(file: Buffer, contentType: string): void {
  const root = path.join(work, 'nginx');
  mkdirSync(path.join(root, 'logs'), { recursive: true });
  writeFileSync(path.join(root, 'image'), file);
  writeFileSync(
    path.join(root, 'nginx.conf'),
    `worker_processes 1; daemon off; pid ${root}/nginx.pid; error_log ${root}/logs/error.log;
events { worker_connections 1024; }
http { access_log off; sendfile on; tcp_nopush on; open_file_cache max=100;
  types { } default_type ${contentType};
  server { listen 127.0.0.1:${PORTS.nginx}; root ${root};
    location / { add_header Cache-Control "public, max-age=172800"; etag on; } } }`,
  );
  const child = spawn('nginx', ['-c', path.join(root, 'nginx.conf'), '-p', root], { stdio: 'ignore' });
  children.push(child);
}

/** A bare Node server in its own process (this one blocks while wrk runs). */
async function startNode(file: string, contentType: string): Promise<void> {
  const code = `const fs=require('fs');const b=fs.readFileSync(${JSON.stringify(file)});
require('http').createServer((q,r)=>{r.writeHead(200,{'content-type':${JSON.stringify(contentType)},'content-length':b.length,'cache-control':'public, max-age=172800'});r.end(b);})
.listen(${PORTS.node},'127.0.0.1',()=>console.log('listening on'));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await waitForLine(child, /listening on/);
}

interface Result {
  name: string;
  rps: number;
  p50: string;
  p99: string;
  errors: string;
}

function wrk(name: string, url: string): Result {
  // Let the server settle before each run; wrk runs in its own process.
  const out = execFileSync(
    'wrk',
    ['-t2', `-c${CONNECTIONS}`, `-d${DURATION}s`, '--latency', '-H', `Accept: ${ACCEPT}`, url],
    { encoding: 'utf8' },
  );
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const p50 = /50%\s+(\S+)/.exec(out)?.[1] ?? '?';
  const p99 = /99%\s+(\S+)/.exec(out)?.[1] ?? '?';
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? '0';
  console.log(`${name}: ${rps.toFixed(0)} req/s, p50 ${p50}, p99 ${p99}, non-2xx ${errors}`);
  return { name, rps, p50, p99, errors };
}

async function main(): Promise<void> {
  await startService();
  const photo = await benchPhoto(2400, 1600);
  const publicId = await upload(photo, false);
  const privateId = await upload(photo, true);
  const base = `http://127.0.0.1:${PORTS.service}/${creds.accountHash}`;
  const publicUrl = `${base}/${publicId}/public`;
  const signedUrl = signUrl(`${base}/${privateId}/public`, creds.signingKey, Math.floor(Date.now() / 1000) + 3600);
  const warm = await fetch(publicUrl, { headers: { accept: ACCEPT } });
  const variant = Buffer.from(await warm.arrayBuffer());
  await fetch(signedUrl, { headers: { accept: ACCEPT } });
  console.log(`variant: ${warm.headers.get('content-type')}, ${variant.length} bytes`);
  startNginx(variant, warm.headers.get('content-type') ?? 'image/webp');
  await startNode(path.join(work, 'nginx', 'image'), warm.headers.get('content-type') ?? 'image/webp');
  await new Promise((r) => setTimeout(r, 500));

  const runs: [string, string][] = [
    ['nginx, static file (reference)', `http://127.0.0.1:${PORTS.nginx}/image`],
    ['bare Node http, bytes from memory (reference)', `http://127.0.0.1:${PORTS.node}/`],
    ['embedded service, public variant', publicUrl],
    ['embedded service, signed variant', signedUrl],
  ];
  const only = process.argv.includes('--only') ? (process.argv[process.argv.indexOf('--only') + 1] ?? '') : '';
  const selected = runs.filter(([name]) => !only || name.includes(only));
  // Two rounds, interleaved, so a burst of noise on this shared machine does not land on one server only.
  const rounds = [selected.map(([name, url]) => wrk(name, url)), selected.map(([name, url]) => wrk(name, url))];
  if (only) return;
  const results = selected.map(([name], i) => {
    const [a, b] = [rounds[0]?.[i], rounds[1]?.[i]];
    const best = (a?.rps ?? 0) >= (b?.rps ?? 0) ? a : b;
    return {
      ...(best ?? { name, rps: 0, p50: '?', p99: '?', errors: '?' }),
      rounds: `${a?.rps.toFixed(0)} / ${b?.rps.toFixed(0)}`,
    };
  });
  const nginx = results[0]?.rps ?? 1;
  const node = results[1]?.rps ?? 1;
  const lines = [
    '# Delivery benchmark',
    '',
    `Command: \`npx tsx bench/delivery.ts --duration ${DURATION} --connections ${CONNECTIONS}\` (wrk -t2 -c${CONNECTIONS}, all on 127.0.0.1, one run).`,
    `Run at ${new Date().toISOString()} on ${process.platform}/${process.arch}, Node ${process.version}, ${os()} .`,
    `Payload: one ${variant.length}-byte ${warm.headers.get('content-type')} variant: the \`public\` variant of a 2400×1600 photo-like JPEG, negotiated for a modern Accept.`,
    '',
    'Each server was measured twice, interleaved; the table shows the better round (both in the last column).',
    '',
    '| Server | req/s | vs nginx | vs bare Node | p50 | p99 | non-2xx | rounds |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.rps.toFixed(0)} | ${(r.rps / nginx).toFixed(2)} | ${(r.rps / node).toFixed(2)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.rounds} |`,
    ),
    '',
  ];
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/delivery.md', lines.join('\n'));
  console.log('\nwrote bench/results/delivery.md');
}

function os(): string {
  try {
    return `${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores`;
  } catch {
    return '? cores';
  }
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const c of children) c.kill('SIGTERM');
    setTimeout(() => rmSync(work, { recursive: true, force: true }), 500).unref();
  });
