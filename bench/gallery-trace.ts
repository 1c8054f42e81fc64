/**
 * Where the gallery's time to LCP goes on the browser's main thread: a Chromium trace of a first visit
 * and a revisit (1280×800) of a running app, with the renderer main thread's events summed between the
 * document request and LCP. `PIXVAULT_URL=http://127.0.0.1:3000 PIXVAULT_EMAIL=… PIXVAULT_PASSWORD=…
 * npx tsx bench/gallery-trace.ts`. Traces are left in the temp folder for Chromium's performance panel.
 */
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';

const base = process.env.PIXVAULT_URL ?? 'http://127.0.0.1:3000';
const email = process.env.PIXVAULT_EMAIL ?? '';
const password = process.env.PIXVAULT_PASSWORD ?? '';
if (!email || !password) throw new Error('Set PIXVAULT_EMAIL and PIXVAULT_PASSWORD (a user of the running app).');
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
const ctx0 = await browser.newContext({ baseURL: base });
const p0 = await ctx0.newPage();
await p0.goto('/sign-in');
await p0.getByLabel('Email').fill(email);
await p0.getByLabel('Password').fill(password);
await p0.getByRole('button', { name: /sign in/i }).click();
await p0.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
const state = await ctx0.storageState();
const ctx = await browser.newContext({ storageState: state, viewport: { width: 1280, height: 800 }, baseURL: base });
const page = await ctx.newPage();
for (const visit of ['first', 'revisit']) {
  await browser.startTracing(page, {
    path: path.join(tmpdir(), `pixvault-gallery-trace-${visit}.json`),
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'loading', '__metadata'],
  });
  await page.goto('/', { waitUntil: 'load' });
  await page.waitForTimeout(300);
  const lcp = Number(
    await page.evaluate(
      `new Promise((r) => new PerformanceObserver((l) => r(Math.max(...l.getEntries().map((e) => e.startTime)))).observe({ type: 'largest-contentful-paint', buffered: true }))`,
    ),
  );
  await browser.stopTracing();
  type Ev = {
    name: string;
    ts: number;
    dur?: number;
    ph: string;
    pid: number;
    tid: number;
    args?: { name?: string; data?: { url?: string } };
  };
  const events = (JSON.parse(readFileSync(path.join(tmpdir(), `pixvault-gallery-trace-${visit}.json`), 'utf8'))
    .traceEvents ?? []) as Ev[];
  const send = events.find((e) => e.name === 'ResourceSendRequest' && e.args?.data?.url === `${base}/`);
  const mains = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const t0 = send?.ts ?? 0;
  const end = t0 + lcp * 1000;
  const sums: Record<string, number> = {};
  let tasks = 0;
  for (const e of events) {
    if (e.ph !== 'X' || !mains.has(`${e.pid}:${e.tid}`) || e.ts < t0 || e.ts > end) continue;
    if (e.name === 'RunTask') tasks += (e.dur ?? 0) / 1000;
    if (
      [
        'EvaluateScript',
        'v8.compile',
        'FunctionCall',
        'ParseHTML',
        'Layout',
        'UpdateLayoutTree',
        'Paint',
        'PrePaint',
        'ParseAuthorStyleSheet',
        'RunMicrotasks',
        'MajorGC',
        'MinorGC',
        'Decode Image',
        'HitTest',
        'Commit',
        'v8.parseOnBackground',
      ].includes(e.name)
    )
      sums[e.name] = (sums[e.name] ?? 0) + (e.dur ?? 0) / 1000;
  }
  console.log(
    visit,
    `LCP ${Math.round(lcp)} ms; renderer main thread busy ${tasks.toFixed(0)} ms before LCP:`,
    Object.entries(sums)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', '),
  );
}
await browser.close();
