/**
 * Where a server's CPU time goes, from a V8 CPU profile (`npm run bench -- --only delivery --profile`
 * writes one for the service and one for the bare Node server to bench/results/tmp/). Self time is
 * grouped by layer; with the number of requests served it gives microseconds per request.
 *
 *   npx tsx bench/profile-summary.ts <file.cpuprofile> [requests]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The layer a function belongs to. */
export function layer(fn: string, url: string): string {
  if (fn === '(idle)') return 'idle';
  if (fn === '(garbage collector)') return 'garbage collector';
  if (fn === 'writev' || fn === 'writeBuffer' || fn === 'writeLatin1String' || fn === 'writeUtf8String')
    return 'socket write (syscall)';
  if (url.includes('image-service') || url.includes('cloudflare-images')) return 'service JS';
  if (/_http_|llhttp/.test(url) || fn === 'execute') return 'Node http (parser, request/response objects)';
  if (/node:(net|stream|internal\/streams|internal\/stream_base)/.test(url)) return 'Node streams and net';
  if (/node:(events|internal\/process|internal\/timers|timers)/.test(url) || fn === 'runMicrotasks')
    return 'event loop, events, timers';
  return fn === '(program)' ? 'native (program)' : 'other';
}

/** Nodes under Node's handler of an incoming request: the first sample among them marks the start of serving. */
function servingNodes(profile: Profile): Set<number> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const serving = new Set<number>();
  for (const n of profile.nodes) {
    for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
      if (byId.get(id)?.callFrame.functionName === 'parserOnIncoming') {
        serving.add(n.id);
        break;
      }
    }
  }
  return serving;
}

/** Self time per layer, counted from the first request on (start-up and module loading left out). */
export function summarize(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const serving = servingNodes(profile);
  const first = profile.samples.findIndex((id) => serving.has(id));
  const out = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node || i < first) return;
    const key = layer(node.callFrame.functionName, node.callFrame.url);
    out.set(key, (out.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return out;
}

if (process.argv[1]?.endsWith('profile-summary.ts')) {
  const [file, requests] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [requests]');
  const byLayer = summarize(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const busy = [...byLayer].filter(([k]) => k !== 'idle').reduce((s, [, v]) => s + v, 0);
  for (const [k, v] of [...byLayer].sort((a, b) => b[1] - a[1])) {
    if (k === 'idle') continue;
    const perRequest = requests ? `  ${(v / Number(requests)).toFixed(1)} µs/request` : '';
    console.log(`${((100 * v) / busy).toFixed(1).padStart(5)} %  ${k}${perRequest}`);
  }
  if (requests) console.log(`busy: ${(busy / Number(requests)).toFixed(1)} µs/request`);
}
