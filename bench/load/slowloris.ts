/**
 * Phase (c): slowloris. Slow clients (their own loopback addresses, 127.0.0.2…) open many sockets that
 * send request headers a line at a time, upload bodies a few bytes at a time, or nothing at all, while a
 * normal client (127.0.0.1) keeps uploading and fetching. The normal client must succeed throughout, and
 * the service must drop the slow sockets by itself (the bench only closes what is left at the end).
 */
import net from 'node:net';
import sharp from 'sharp';
import { ACCEPT } from './delivery';
import { directUploadUrl, type LoadService } from './service';

type Kind = 'headers' | 'body' | 'idle';

interface SlowSocket {
  kind: Kind;
  openedAt: number;
  closedAt: number | null;
  byServer: boolean;
  status: string | null;
}

export interface KindResult {
  kind: Kind;
  opened: number;
  droppedByService: number;
  dropSeconds: { min: number; median: number; max: number } | null;
  statuses: Record<string, number>;
  openAtEnd: number;
}

export interface SlowlorisResult {
  seconds: number;
  slowClients: number;
  kinds: KindResult[];
  normal: { rounds: number; ok: number; failed: string[]; retries429: number; p50Ms: number; maxMs: number };
}

const PER_CLIENT: Record<Kind, number> = { headers: 60, body: 16, idle: 20 };
const sockets = new Map<net.Socket, SlowSocket>();
/** Sockets the bench closed itself at the end (every other close was the service's doing). */
const stopped = new Set<net.Socket>();

function openSlow(svc: LoadService, kind: Kind, localAddress: string, uploadUrl: string): SlowSocket {
  const { hostname, port } = new URL(svc.url);
  const s: SlowSocket = { kind, openedAt: performance.now(), closedAt: null, byServer: false, status: null };
  const socket = net.connect({ host: hostname, port: Number(port), localAddress });
  let timer: NodeJS.Timeout | null = null;
  socket.on('data', (chunk: Buffer) => {
    s.status ??= /^HTTP\/1\.1 (\d+)/.exec(chunk.toString('latin1'))?.[1] ?? 'other';
  });
  socket.on('error', () => undefined);
  socket.on('close', () => {
    if (timer) clearInterval(timer);
    s.closedAt ??= performance.now();
    s.byServer = !stopped.has(socket);
  });
  socket.on('connect', () => {
    if (kind === 'headers') {
      socket.write(`GET /${svc.creds.accountHash}/x/public HTTP/1.1\r\nHost: ${hostname}\r\n`);
      timer = setInterval(() => socket.write(`X-Slow-${Math.floor(performance.now())}: 1\r\n`), 2000);
    } else if (kind === 'body') {
      const path = new URL(uploadUrl).pathname;
      const head = `--SLOW\r\nContent-Disposition: form-data; name="file"; filename="slow.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: multipart/form-data; boundary=SLOW\r\nContent-Length: ${5 * 1024 * 1024}\r\n\r\n${head}`,
      );
      timer = setInterval(() => socket.write(Buffer.alloc(16, 0xff)), 1000);
    }
  });
  sockets.set(socket, s);
  return s;
}

async function normalRound(svc: LoadService, photo: Buffer): Promise<{ ok: boolean; why: string; retries: number }> {
  let retries = 0;
  for (let attempt = 0; attempt < 10; attempt++) {
    const uploadURL = await directUploadUrl(svc);
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'normal.jpg');
    const up = await fetch(uploadURL, { method: 'POST', body: form });
    const body = (await up.json()) as { result?: { id: string } };
    if (up.status === 429) {
      retries++;
      await new Promise((r) => setTimeout(r, Number(up.headers.get('retry-after') ?? 1) * 1000));
      continue;
    }
    if (up.status !== 200 || !body.result) return { ok: false, why: `upload ${up.status}`, retries };
    const got = await fetch(`${svc.url}/${svc.creds.accountHash}/${body.result.id}/thumbnail`, {
      headers: { accept: ACCEPT },
    });
    await got.arrayBuffer();
    return got.status === 200 ? { ok: true, why: '', retries } : { ok: false, why: `fetch ${got.status}`, retries };
  }
  return { ok: false, why: 'upload still 429 after 10 attempts', retries };
}

export async function runSlowloris(
  svc: LoadService,
  opts: { seconds: number; slowClients: number },
): Promise<SlowlorisResult> {
  const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#4a7' } })
    .jpeg()
    .toBuffer();
  const uploadUrls: string[] = [];
  for (let i = 0; i < opts.slowClients * PER_CLIENT.body; i++) uploadUrls.push(await directUploadUrl(svc));
  const all: SlowSocket[] = [];
  for (let c = 0; c < opts.slowClients; c++) {
    const address = `127.0.0.${2 + c}`;
    for (const kind of ['headers', 'body', 'idle'] as const) {
      for (let i = 0; i < PER_CLIENT[kind]; i++) {
        all.push(openSlow(svc, kind, address, kind === 'body' ? (uploadUrls.pop() ?? '') : ''));
      }
    }
  }
  const start = performance.now();
  const latencies: number[] = [];
  const failed: string[] = [];
  let retries429 = 0;
  let rounds = 0;
  // Bounded: one round at a time until the time is up.
  while (performance.now() - start < opts.seconds * 1000) {
    const t0 = performance.now();
    const round = await normalRound(svc, photo);
    rounds++;
    retries429 += round.retries;
    latencies.push(performance.now() - t0);
    if (!round.ok) failed.push(`round ${rounds} at ${((t0 - start) / 1000).toFixed(1)} s: ${round.why}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  for (const socket of sockets.keys()) {
    if (!socket.destroyed) {
      stopped.add(socket);
      socket.destroy();
    }
  }
  sockets.clear();
  latencies.sort((a, b) => a - b);
  return {
    seconds: opts.seconds,
    slowClients: opts.slowClients,
    kinds: (['headers', 'body', 'idle'] as const).map((kind) => summarize(kind, all, start)),
    normal: {
      rounds,
      ok: rounds - failed.length,
      failed,
      retries429,
      p50Ms: Math.round(latencies[Math.floor(latencies.length / 2)] ?? 0),
      maxMs: Math.round(latencies[latencies.length - 1] ?? 0),
    },
  };
}

function summarize(kind: Kind, all: SlowSocket[], start: number): KindResult {
  const mine = all.filter((s) => s.kind === kind);
  const dropped = mine.filter((s) => s.byServer && s.closedAt !== null);
  const times = dropped.map((s) => ((s.closedAt ?? 0) - Math.max(s.openedAt, start)) / 1000).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const s of mine) statuses[s.status ?? 'none'] = (statuses[s.status ?? 'none'] ?? 0) + 1;
  return {
    kind,
    opened: mine.length,
    droppedByService: dropped.length,
    dropSeconds: times.length
      ? { min: times[0] ?? 0, median: times[Math.floor(times.length / 2)] ?? 0, max: times[times.length - 1] ?? 0 }
      : null,
    statuses,
    openAtEnd: mine.length - dropped.length,
  };
}
