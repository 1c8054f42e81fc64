/**
 * Case 5: the gallery in Chromium, signed in as a viewer, over loopback. Written against what any
 * gallery page shows: `<img>` elements whose source is the image service. Per visit: time from
 * navigation to the first 30 such images complete (decoded, non-empty), Largest Contentful Paint, the
 * JS the page loaded, image bytes of the first screen (images intersecting the viewport), and image
 * requests that reached the service (its own delivery counter, `/healthz`). A first visit in a fresh
 * browser profile, then a revisit in the same profile (the browser cache within the signing bucket).
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from '@playwright/test';
import type { BenchContext, NextApp } from '../lib/context';
import { attachPhotos } from '../lib/next-app';
import type { Figure, Section } from '../lib/report';

const FIRST = 30;

interface Visit {
  /** Every service image in the viewport complete, ms from navigation start. */
  firstScreen: number;
  /** The first 30 complete (NaN: fewer load without scrolling). */
  firstThumbnails: number;
  lcp: number;
  jsBytes: number;
  screenImageBytes: number;
  serviceRequests: number;
  /** Navigation timing, ms from navigation start: the HTML's first and last byte, DOMContentLoaded. */
  htmlFirstByte: number;
  htmlDone: number;
  domContentLoaded: number;
}

/** What Chromium sends for images. */
const IMAGE_ACCEPT = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8';

/**
 * "First visit" means a browser that has never been here, not a server that has just started nor
 * images uploaded a second ago: the gallery page is requested once (Next.js loads a route's server code
 * at its first request: ~2 s here), and every variant URL of the first page is fetched once (as
 * Chromium would ask), so the service's eager renders have finished and none competes with the visits.
 */
async function variantsReady(app: NextApp): Promise<number> {
  const page = await fetch(`${app.url}/`, { headers: { cookie: app.cookie } });
  await page.text();
  if (!page.ok) throw new Error(`GET / answered ${page.status}`);
  const res = await fetch(`${app.url}/api/images?limit=60`, { headers: { cookie: app.cookie } });
  if (!res.ok) throw new Error(`GET /api/images answered ${res.status}`);
  const { images } = (await res.json()) as { images: { urls: Record<string, string> }[] };
  const urls = images.flatMap((image) => Object.values(image.urls));
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++] ?? '';
      const r = await fetch(url, { headers: { accept: IMAGE_ACCEPT } });
      await r.arrayBuffer();
      if (!r.ok) throw new Error(`warming ${url} answered ${r.status}`);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return urls.length;
}

/** Waits until the service has no transform running or queued (its `/healthz` queue figures). */
async function serviceIdle(app: NextApp): Promise<void> {
  const deadline = Date.now() + 300_000;
  let quietPolls = 0;
  while (quietPolls < 2) {
    if (Date.now() > deadline) throw new Error('the image service did not become idle within 5 minutes');
    const res = await fetch(`${app.service.url}/healthz`);
    const { result } = (await res.json()) as {
      result: { queue: { running: number; foreground: number; background: number } };
    };
    const busy = result.queue.running + result.queue.foreground + result.queue.background;
    quietPolls = busy === 0 ? quietPolls + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function deliveries(app: NextApp): Promise<number> {
  const res = await fetch(`${app.service.url}/healthz`);
  const body = (await res.json()) as { result: { usage: { deliveries: number } } };
  return body.result.usage.deliveries;
}

/** Records LCP candidates from the start of the page. */
const OBSERVE_LCP = () => {
  const w = window as unknown as { __lcp: number };
  w.__lcp = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__lcp = Math.max(w.__lcp, e.startTime);
  }).observe({ type: 'largest-contentful-paint', buffered: true });
};

/**
 * Polls every frame from DOMContentLoaded: when every service image intersecting the viewport is
 * complete (the first screen), and when `n` are (lazy images far below may never load: then null).
 */
// A string, not a function: tsx compiles with esbuild's keepNames, whose `__name` helper does not
// exist in the page.
const WATCH = `([origin, n]) => new Promise((resolve) => {
  let screen = null;
  const tick = () => {
    const now = performance.now();
    const imgs = [...document.images].filter((i) => (i.currentSrc || i.src).startsWith(origin));
    const done = imgs.filter((i) => i.complete && i.naturalWidth > 0);
    const visible = imgs.filter((i) => {
      const r = i.getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight && r.width > 0;
    });
    if (screen === null && visible.length > 0 && visible.every((i) => i.complete && i.naturalWidth > 0)) screen = now;
    if (screen !== null && done.length >= n) return resolve({ screen, first: now });
    if (screen !== null && now - screen > 5000) return resolve({ screen, first: null });
    if (now > 60000) return resolve({ screen: screen ?? Number.NaN, first: null });
    requestAnimationFrame(tick);
  };
  tick();
})`;

/** Encoded body bytes of each image response of the current visit, by URL. */
const bodyBytes = new Map<string, Promise<number>>();

async function visit(page: Page, app: NextApp, count: number): Promise<Visit> {
  const before = await deliveries(app);
  const origin = new URL(app.service.url).origin;
  await page.goto(`${app.url}/`, { waitUntil: 'domcontentloaded', timeout: 180_000 });
  if (new URL(page.url()).pathname !== '/') throw new Error(`the gallery redirected to ${page.url()}`);
  const times = (await page.evaluate(`(${WATCH})(${JSON.stringify([origin, Math.min(FIRST, count)])})`)) as {
    screen: number;
    first: number | null;
  };
  await page.waitForLoadState('load');
  // LCP is final at the first input or when the page is hidden; a short quiet moment is enough here.
  await page.waitForTimeout(300);
  const measured = await page.evaluate((origin) => {
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const js = resources.filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'));
    const onScreen = [...document.images].filter((img) => {
      const r = img.getBoundingClientRect();
      return img.currentSrc.startsWith(origin) && r.bottom > 0 && r.top < window.innerHeight && r.width > 0;
    });
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return {
      nav: nav
        ? { first: nav.responseStart, done: nav.responseEnd, dcl: nav.domContentLoadedEventEnd }
        : { first: Number.NaN, done: Number.NaN, dcl: Number.NaN },
      lcp: (window as unknown as { __lcp: number }).__lcp,
      jsBytes: js.reduce((s, r) => s + (r.encodedBodySize || r.transferSize), 0),
      onScreen: onScreen.map((img) => img.currentSrc),
    };
  }, origin);
  // Resource Timing hides the sizes of cross-origin images (no Timing-Allow-Origin): the browser's
  // own record of each response body is used instead.
  let screenImageBytes = 0;
  for (const src of new Set(measured.onScreen)) screenImageBytes += (await bodyBytes.get(src)) ?? 0;
  bodyBytes.clear();
  return {
    lcp: measured.lcp,
    jsBytes: measured.jsBytes,
    screenImageBytes,
    firstScreen: times.screen,
    firstThumbnails: times.first ?? Number.NaN,
    serviceRequests: (await deliveries(app)) - before,
    htmlFirstByte: measured.nav.first,
    htmlDone: measured.nav.done,
    domContentLoaded: measured.nav.dcl,
  };
}

async function session(
  browser: Browser,
  app: NextApp,
  count: number,
  viewport: { width: number; height: number },
  dpr: number,
): Promise<{ first: Visit; revisit: Visit }> {
  const context = await browser.newContext({ viewport, screen: viewport, deviceScaleFactor: dpr, isMobile: dpr > 1 });
  try {
    const [name, value] = app.cookie.split(/=(.*)/s);
    await context.addCookies([{ name: name ?? '', value: value ?? '', url: app.url }]);
    await context.addInitScript(OBSERVE_LCP);
    const page = await context.newPage();
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'image') return;
      bodyBytes.set(
        response.url(),
        response
          .request()
          .sizes()
          .then((sizes) => sizes.responseBodySize)
          .catch(() => 0),
      );
    });
    const first = await visit(page, app, count);
    const revisit = await visit(page, app, count);
    return { first, revisit };
  } finally {
    await context.close();
  }
}

export async function galleryCase(ctx: BenchContext): Promise<Section> {
  const app = ctx.next;
  if (!app) {
    return {
      title: 'Gallery in Chromium (case 5)',
      lines: [`Not measured: ${ctx.nextMissing ?? 'the app was not started'}.`],
      figures: [],
    };
  }
  const executablePath =
    process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  const figures: Figure[] = [];
  const lines: string[] = [];
  try {
    {
      // The newest 60 records (the first page) get real photos; older ones are only reached by scrolling.
      const count = app.records;
      await attachPhotos(app, 60);
      const warmed = await variantsReady(app);
      await serviceIdle(app);
      lines.push(
        `Before the visits, the gallery page and the ${warmed} variant URLs of its first page were fetched once over HTTP (Chromium's Accept), then the service's queue was waited on until empty (its /healthz), so a first visit is a new browser against a warm server whose renders are done.`,
      );
      const desktop = await session(browser, app, count, { width: 1280, height: 800 }, 1);
      const phone1 = await session(browser, app, count, { width: 390, height: 844 }, 1);
      const phone3 = await session(browser, app, count, { width: 390, height: 844 }, 3);
      const tag = `${count} records`;
      figures.push(
        {
          name: `first 30 images complete, first visit, ${tag}`,
          value: desktop.first.firstThumbnails,
          unit: 'ms',
          lowerIsBetter: true,
          target: { max: 1000, label: '≤ 1.0 s' },
        },
        {
          name: `LCP first visit, ${tag}`,
          value: desktop.first.lcp,
          unit: 'ms',
          lowerIsBetter: true,
          target: { max: 800, label: '≤ 0.8 s' },
        },
        {
          name: `LCP revisit, ${tag}`,
          value: desktop.revisit.lcp,
          unit: 'ms',
          lowerIsBetter: true,
          target: { max: 500, label: '≤ 0.5 s' },
        },
        {
          name: `first 30 images complete, revisit, ${tag}`,
          value: desktop.revisit.firstThumbnails,
          unit: 'ms',
          lowerIsBetter: true,
        },
        ...(['first', 'revisit'] as const).flatMap((which) => [
          {
            name: `HTML first byte / last byte / DOMContentLoaded, ${which === 'first' ? 'first visit' : 'revisit'}`,
            value: desktop[which].htmlFirstByte,
            unit: 'ms',
            lowerIsBetter: true,
            note: `${Math.round(desktop[which].htmlDone)} ms / ${Math.round(desktop[which].domContentLoaded)} ms`,
          },
        ]),
        {
          name: `JS loaded by the page, ${tag}`,
          value: desktop.first.jsBytes / 1024,
          unit: 'KB',
          lowerIsBetter: true,
          note: 'encoded (compressed) bytes',
        },
        {
          name: `image bytes of the first screen, 1280×800 DPR 1, ${tag}`,
          value: desktop.first.screenImageBytes / 1024,
          unit: 'KB',
          lowerIsBetter: true,
        },
        {
          name: `image bytes of the first screen, phone DPR 1, ${tag}`,
          value: phone1.first.screenImageBytes / 1024,
          unit: 'KB',
          lowerIsBetter: true,
        },
        {
          name: `image bytes of the first screen, phone DPR 3, ${tag}`,
          value: phone3.first.screenImageBytes / 1024,
          unit: 'KB',
          lowerIsBetter: true,
          reference: { name: 'phone DPR 1', value: phone1.first.screenImageBytes / 1024 },
          target: { ratio: 2, label: '≤ 2× DPR 1' },
        },
        {
          name: `image requests reaching the service on a revisit, ${tag}`,
          value: desktop.revisit.serviceRequests,
          unit: '',
          lowerIsBetter: true,
          target: { max: 0, label: '0' },
        },
      );
    }
    lines.unshift(
      `Chromium (Playwright, \`/usr/bin/chromium\`) against \`next start\` on 127.0.0.1, signed in as a viewer, ${app.records} image records of which the newest 60 (the first page) are real photos: 1200×900 and 900×1200 photo-like JPEGs uploaded to the app's embedded service (eager variants on). Desktop 1280×800 at DPR 1; phone 390×844 at DPR 1 and 3. Times from navigation start; "first screen" means images intersecting the viewport once the first 30 are complete. One sample per figure.`,
    );
    return { title: 'Gallery in Chromium (case 5)', lines, figures };
  } finally {
    await browser.close();
  }
}
