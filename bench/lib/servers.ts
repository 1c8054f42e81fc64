/**
 * What the benchmarks start and stop: the image service (bench/load/service.ts), nginx with a temp
 * config, a bare Node server, and wrk runs. Everything started is registered, so `stopAll` (also run
 * on exit and Ctrl-C) leaves nothing behind.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePorts } from '../../e2e/multi/processes';
import { parseWrk, type WrkResult } from './report';

const children = new Set<ChildProcess>();

export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export async function stopAll(): Promise<void> {
  await Promise.all(
    [...children].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGTERM');
        }),
    ),
  );
}

process.once('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

export function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export function versionOf(command: string, args: string[], pattern: RegExp): string {
  try {
    const r = spawnSync(command, args, { encoding: 'utf8' });
    return pattern.exec(`${r.stdout}${r.stderr}`)?.[1] ?? '?';
  } catch {
    return 'not installed';
  }
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      if (pattern.test(out)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

async function waitForHttp(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await (await fetch(url)).arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`${url} never answered`);
}

/** nginx (Debian's) serving `file` as `/image` from a temp root, one worker, on a free port. */
export async function startNginx(root: string, file: Buffer, contentType: string): Promise<string> {
  const [port] = await freePorts(1);
  mkdirSync(path.join(root, 'logs'), { recursive: true });
  // nginx workers run as an unprivileged user: they must be able to read the folder.
  chmodSync(root, 0o755);
  writeFileSync(path.join(root, 'image'), file);
  writeFileSync(
    path.join(root, 'nginx.conf'),
    `worker_processes 1; daemon off; pid ${root}/nginx.pid; error_log ${root}/logs/error.log;
events { worker_connections 1024; }
http { access_log off; sendfile on; tcp_nopush on; open_file_cache max=100; keepalive_requests 1000000;
  types { } default_type ${contentType};
  server { listen 127.0.0.1:${port}; root ${root};
    location / { add_header Cache-Control "public, max-age=172800"; etag on; } } }`,
  );
  track(spawn('nginx', ['-c', path.join(root, 'nginx.conf'), '-p', root], { stdio: 'ignore' }));
  const url = `http://127.0.0.1:${port}/image`;
  await waitForHttp(url);
  return url;
}

/**
 * A bare Node http server in its own process answering every request with `file` from memory and the
 * same kind of headers the service sends: the limit of Node's http stack for these bytes.
 */
export async function startBareNode(file: string, contentType: string, nodeArgs: string[] = []): Promise<string> {
  const [port] = await freePorts(1);
  const code = `const fs=require('fs');const b=fs.readFileSync(${JSON.stringify(file)});
require('http').createServer((q,r)=>{r.writeHead(200,{'content-type':${JSON.stringify(contentType)},'content-length':b.length,'cache-control':'public, max-age=172800','etag':'"abcdefghijklmnopqrstuvwxyz0"'});r.end(b);})
.listen(${port},'127.0.0.1',()=>console.log('listening on'));`;
  const child = track(spawn(process.execPath, [...nodeArgs, '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] }));
  await waitForLine(child, /listening on/);
  return `http://127.0.0.1:${port}/`;
}

export interface WrkRun extends WrkResult {
  command: string;
}

/** One wrk run (2 threads; wrk runs in its own process so this one can wait). */
export function wrk(url: string, connections: number, seconds: number, headers: Record<string, string>): WrkRun {
  const args = [
    `-t${Math.min(2, connections)}`,
    `-c${connections}`,
    `-d${seconds}s`,
    '--latency',
    ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]),
    url,
  ];
  const out = execFileSync('wrk', args, { encoding: 'utf8' });
  return { ...parseWrk(out), command: `wrk ${args.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}` };
}
