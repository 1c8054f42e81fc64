/**
 * `npm run bench`: every benchmark case side by side with its references in one run on 127.0.0.1,
 * under bounded load. Starts what it compares (the image service, nginx, a bare Node server, the built
 * app, Chromium), stops all of it, and writes bench/results/summary.md (machine, versions, commands,
 * each figure as a ratio against its reference from the same run). Not part of `npm test`.
 *
 *   npm run bench [-- --quick] [-- --only delivery,transform,upload,overload,gallery,api]
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { generateCredentials } from '@/lib/image-service/credentials';
import { apiCase } from './cases/api';
import { deliveryCase } from './cases/delivery';
import { galleryCase } from './cases/gallery';
import { overloadCase } from './cases/overload';
import { transformCase } from './cases/transform';
import { uploadCase } from './cases/upload';
import { type BenchContext, type BenchOptions, createAppVariants } from './lib/context';
import { type StartedApp, startApp } from './lib/next-app';
import { type Machine, renderReport, type Section } from './lib/report';
import { has, stopAll, versionOf } from './lib/servers';
import { type LoadService, startService } from './load/service';
import { benchPhoto } from './photo';

const argValue = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const quick = process.argv.includes('--quick');
const options: BenchOptions = {
  quick,
  only: new Set((argValue('only') ?? '').split(',').filter(Boolean)),
  seconds: Number(argValue('seconds') ?? (quick ? 2 : 4)),
  rounds: Number(argValue('rounds') ?? (quick ? 1 : 3)),
  // --profile: V8 CPU profiles of the service and the bare Node server, written when they stop.
  nodeArgs: process.argv.includes('--profile')
    ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve('bench/results/tmp')}`]
    : [],
};

type Case = (ctx: BenchContext) => Promise<Section>;
const CASES: [string, Case, { needs?: 'wrk' }][] = [
  ['delivery', deliveryCase, { needs: 'wrk' }],
  ['transform', transformCase, {}],
  ['upload', uploadCase, {}],
  ['overload', overloadCase, {}],
  ['gallery', galleryCase, {}],
  ['api', apiCase, {}],
];
/** Cases that use the built app. */
const NEEDS_APP = new Set(['delivery', 'transform', 'gallery', 'api']);
const selected = (name: string) => options.only.size === 0 || options.only.has(name);

function machine(): Machine {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    host: `${os.type()} ${os.release()} ${os.arch()}`,
    cpus: cpus[0]?.model.trim() ?? '?',
    cores: cpus.length,
    memoryGb: os.totalmem() / 1024 ** 3,
    loadBefore: os.loadavg(),
    versions: {
      Node: process.version,
      sharp: sharp.versions.sharp ?? '?',
      libvips: sharp.versions.vips,
      nginx: versionOf('nginx', ['-v'], /nginx\/(\S+)/),
      wrk: has('wrk') ? versionOf('wrk', ['-v'], /wrk (\S+)/) : 'not installed',
    },
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const info = machine();
  const work = mkdtempSync(path.join(os.tmpdir(), 'pixvault-bench-'));
  // nginx's workers run as an unprivileged user: they must be able to reach its root inside.
  chmodSync(work, 0o755);
  const sections: Section[] = [];
  let service: LoadService | null = null;
  let app: StartedApp | null = null;
  try {
    service = await startService(
      path.join(work, 'service'),
      generateCredentials(),
      { IMAGE_SERVICE_EAGER_VARIANTS: 'false' },
      options.nodeArgs,
    );
    await createAppVariants(service);
    const ctx: BenchContext = { options, work, photo: await benchPhoto(4000, 3000), service, next: null };
    if ([...NEEDS_APP].some(selected)) {
      console.log('starting the app (next start; builds first when sources changed)...');
      try {
        app = await startApp(work, ctx.photo, options.quick ? 60 : 200, 8);
        ctx.next = app;
      } catch (err) {
        ctx.nextMissing = `the app did not start (${err instanceof Error ? err.message.split('\n')[0] : err})`;
        console.error(ctx.nextMissing);
      }
    }
    for (const [name, run, { needs }] of CASES) {
      if (!selected(name)) continue;
      if (needs === 'wrk' && !has('wrk')) {
        console.log(`skipping ${name}: wrk is not installed (apt-get install wrk)`);
        sections.push({ title: name, lines: ['Skipped: wrk is not installed on this machine.'], figures: [] });
        continue;
      }
      console.log(`\n== ${name}`);
      try {
        sections.push(await run(ctx));
      } catch (err) {
        // One broken case must not cost the others' figures; the report says what failed.
        console.error(err);
        sections.push({
          title: name,
          lines: [`**Failed**: ${err instanceof Error ? err.message : String(err)}`],
          figures: [],
        });
        process.exitCode = 1;
      }
    }
  } finally {
    await app?.stop();
    await service?.stop();
    await stopAll();
    rmSync(work, { recursive: true, force: true });
  }
  info.loadAfter = os.loadavg();
  const report = renderReport('Benchmarks', info, sections);
  const footer = `\nWhole run: ${((performance.now() - started) / 1000).toFixed(0)} s.\n`;
  mkdirSync('bench/results', { recursive: true });
  const file = options.quick ? 'bench/results/tmp/summary-quick.md' : 'bench/results/summary.md';
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, report + footer);
  console.log(`\n${report}${footer}\nwrote ${file}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
