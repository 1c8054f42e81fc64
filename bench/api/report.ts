/** bench/results/api.md: where and how the API benchmark ran, and its figures against the targets. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Summary } from './measure';

export interface EngineResult {
  engine: 'SQLite' | 'PostgreSQL';
  version: string;
  summary: Summary;
  targetP50: number;
}

const root = path.resolve(import.meta.dirname, '..', '..');
const packageVersion = (name: string) =>
  (JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
    .version;
const ms = (n: number) => `${n.toFixed(1)} ms`;

export function renderReport(input: {
  command: string;
  images: number;
  warmup: number;
  rounds: number;
  results: EngineResult[];
  notes: string[];
  load: number[];
}): string {
  const cpus = os.cpus();
  const rows = input.results.map(
    (r) =>
      `| ${r.engine} ${r.version} | ${r.summary.requests} | ${ms(r.summary.p50)} | ${ms(r.summary.p90)} | ${ms(r.summary.p99)} | ${ms(r.summary.mean)} | ${ms(r.summary.min)} / ${ms(r.summary.max)} | ≤ ${r.targetP50} ms: ${r.summary.p50 <= r.targetP50 ? 'met' : '**missed**'} |`,
  );
  return [
    '# Gallery API: `GET /api/images` for 60 images',
    '',
    `Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`${input.command}\`.`,
    '',
    'Real HTTP on loopback against the built app under `next start` (started by `npm start`, one instance per',
    `engine, side by side), signed in with a session cookie from a real sign-in. Each request asks for a page of 60`,
    `of ${input.images} ready image records and gets them with signed \`thumbnail\`, \`mobile\` and \`desktop\` URLs; the`,
    'time is from sending the request to having parsed the JSON body, one request at a time (latency, not',
    `throughput). After ${input.warmup} warm-up requests per instance, ${input.rounds} rounds alternate between the two`,
    'instances, so a busy moment of the machine falls on both.',
    '',
    '| Store | Requests | p50 | p90 | p99 | mean | min / max | Target p50 |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    '## Machine',
    '',
    `- ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()}`,
    `- Load average at start / end: ${input.load.map((l) => l.toFixed(1)).join(' / ')} (a shared machine: other work ran beside the benchmark)`,
    `- Node ${process.version}, Next.js ${packageVersion('next')}, Kysely ${packageVersion('kysely')}, better-sqlite3 ${packageVersion('better-sqlite3')}, pg ${packageVersion('pg')}`,
    ...input.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}
