/**
 * The gallery's first screen comes with the HTML: the server renders the first page's tiles (signed
 * `<img srcset>` already in the markup), the browser does not fetch page 1 again, a 3× phone loads
 * variants for about 1.5–2 device pixels per CSS pixel of its tiles (not 675 or 828 px ones), and a loaded image is
 * shown at full opacity (no fade).
 */
import { randomBytes } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { E2E } from './fixtures/env';
import { expectImagesLoaded, photo, uploadByApi } from './fixtures/images';

test.use({ storageState: E2E.storage('viewer') });

/** A title prefix only this spec uses: its search shows exactly its own images. */
const PREFIX = `firstscreen${randomBytes(4).toString('hex')}`;
const COUNT = 8;

test.beforeAll(async ({ playwright }) => {
  const uploader = await playwright.request.newContext({ baseURL: E2E.appUrl, storageState: E2E.storage('uploader') });
  for (let i = 0; i < COUNT; i++) {
    const [w, h] = i % 3 === 0 ? [900, 1300] : i % 3 === 1 ? [1600, 1000] : [1200, 1200];
    await uploadByApi(uploader, `${PREFIX}-${i}.jpg`, await photo(w, h, [80 + i * 15, 140, 200 - i * 10]));
  }
  await uploader.dispose();
});

interface ListedImage {
  id: string;
  urls: { tile200: string; tile675: string };
}

test('the server HTML already holds the first page of tiles with their signed srcset', async ({ request }) => {
  const list = async () =>
    ((await (await request.get(`/api/images?q=${PREFIX}`)).json()) as { images: ListedImage[] }).images;
  const exp = (images: ListedImage[]) => new URL(images[0]?.urls.tile200 ?? 'http://x/').searchParams.get('exp');
  // URLs are signed per 15-minute bucket: the HTML is read between two API lists that agree, so all three
  // come from one bucket (a boundary can fall between them once, never twice in a row).
  let html = '';
  let listed: ListedImage[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const before = await list();
    const res = await request.get(`/?q=${PREFIX}`);
    expect(res.status()).toBe(200);
    html = (await res.text()).replaceAll('&amp;', '&');
    listed = await list();
    if (exp(before) === exp(listed)) break;
  }
  expect(listed).toHaveLength(COUNT);
  for (const image of listed) {
    expect(html).toContain(`data-image-id="${image.id}"`);
    // The same signed URLs the API hands out (same bucket), as srcset candidates of an <img>.
    expect(html).toMatch(new RegExp(`<img[^>]*srcSet="[^"]*${escapeRegExp(image.urls.tile200)} \\d+w`, 'i'));
    expect(html).toContain(`${image.urls.tile675} `);
  }
});

test('without the page’s JavaScript the tiles are laid out and load', async ({ browser }) => {
  const context = await browser.newContext({
    storageState: E2E.storage('viewer'),
    viewport: { width: 1280, height: 900 },
  });
  // The bundles never arrive, so React never runs: what shows is the server's HTML and CSS alone. (Scripts
  // are not disabled outright: the streamed page is swapped in by a small inline script, as in any browser.)
  await context.route(/\/_next\/static\/chunks\/.*\.js$/, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(`/?q=${PREFIX}`);
  const tiles = page.getByTestId('gallery-tile');
  await expect(tiles).toHaveCount(COUNT);
  await expect(tiles.first()).toBeVisible();
  await expectEagerImagesLoaded(page);
  // Five columns at 1280 px: the first five tiles sit side by side on the top row.
  const boxes = await tiles.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  expect(new Set(boxes.slice(0, 5).map((b) => Math.round(b.top))).size).toBe(1);
  expect(new Set(boxes.slice(0, 5).map((b) => Math.round(b.left))).size).toBe(5);
  expect(boxes.every((b) => b.width > 200 && b.width < 260)).toBe(true);
  await context.close();
});

test('the browser does not fetch page 1 again, and loaded images show at full opacity', async ({ page }) => {
  const listRequests: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/images') listRequests.push(r.url());
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/?q=${PREFIX}`);
  const imgs = page.getByTestId('gallery-tile').locator('img');
  await expect(imgs).toHaveCount(COUNT);
  await expectImagesLoaded(imgs);
  await page.waitForLoadState('networkidle');
  expect(listRequests).toEqual([]);
  const opacities = await imgs.evaluateAll((els) => els.map((e) => getComputedStyle(e).opacity));
  expect(opacities.every((o) => o === '1')).toBe(true);
  await page.screenshot({ path: test.info().outputPath('gallery-1280.png') });
});

test('a 375 px phone at 3× loads tile variants for ~1.5–2 device px per CSS px, never the 828 px one', async ({
  browser,
}) => {
  const context = await browser.newContext({
    storageState: E2E.storage('viewer'),
    viewport: { width: 375, height: 667 },
    // A phone's screen, not the project's desktop one: with a 1920 px screen Chromium's preload scanner
    // picks from a desktop-wide slot before layout (what made this check fetch 828 px rungs before).
    screen: { width: 375, height: 667 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const images: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'image' && r.url().startsWith(E2E.serviceUrl)) images.push(new URL(r.url()).pathname);
  });
  await page.goto(`/?q=${PREFIX}`);
  await expectImagesLoaded(page.getByTestId('gallery-tile').locator('img'));
  const variants = images.map((p) => p.split('/').at(-1));
  expect(variants).toHaveLength(COUNT); // one request per tile: nothing fetched and then replaced
  expect(variants.filter((v) => !v?.startsWith('tile'))).toEqual([]); // no 828 px `mobile`, nothing larger
  // Each tile's chosen candidate (its real width, from the srcset) against the tile's width: asked for at
  // 1.5 device px per CSS px (lib/gallery/masonry.ts), so the 300 px rung, at most 1.5× that.
  const chosen = await page
    .getByTestId('gallery-tile')
    .locator('img')
    .evaluateAll((els) =>
      els.map((e) => {
        const img = e as HTMLImageElement;
        const candidate = img.srcset
          .split(', ')
          .map((c) => c.split(' '))
          .find(([url]) => url === img.currentSrc);
        return { drawn: img.getBoundingClientRect().width, width: Number(candidate?.[1]?.slice(0, -1)) };
      }),
    );
  expect(chosen).toHaveLength(COUNT);
  for (const { drawn, width } of chosen) {
    expect(drawn).toBeCloseTo(168.5, 0);
    expect(width / drawn).toBeGreaterThanOrEqual(1.5);
    expect(width / drawn).toBeLessThanOrEqual(1.5 * 1.5);
  }
  await page.screenshot({ path: test.info().outputPath('gallery-375.png') });
  await context.close();
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The first tiles (`loading="eager"`) have pixels; the lazy ones are left as the browser wants them. */
async function expectEagerImagesLoaded(page: Page): Promise<void> {
  const eager = page.locator('[data-testid="gallery-tile"] img[loading="eager"]');
  await expect.poll(() => eager.count()).toBeGreaterThan(0);
  await expect
    .poll(() =>
      eager.evaluateAll((els) =>
        els.every((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth > 0),
      ),
    )
    .toBe(true);
}
