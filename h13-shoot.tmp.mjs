import { chromium } from '@playwright/test';
import sharp from 'sharp';
import { randomBytes } from 'node:crypto';
const [port] = process.argv.slice(2);
const base = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await ctx.newPage();
await page.goto(`${base}/sign-in`);
await page.getByLabel('Email').fill('admin@example.com');
await page.getByLabel('Password').fill('admin-password-1');
await page.getByRole('button', { name: 'Sign in' }).click();
await page.waitForURL(`${base}/`);
const req = ctx.request;
async function photo(w, h, tint) {
  const noise = randomBytes(w * h * 3);
  for (let i = 0; i < noise.length; i += 3) { noise[i] = (noise[i] >> 2) + tint[0]*0.75; noise[i+1] = (noise[i+1] >> 2) + tint[1]*0.75; noise[i+2] = (noise[i+2] >> 2) + tint[2]*0.75; }
  return sharp(noise, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
}
if (process.argv[3] === 'seed') {
  for (const [i, name] of ['harbour', 'mountain-lake', 'city-night', 'forest-path'].entries()) {
    const bytes = await photo(1200 - i * 100, 800, [40 * i, 120, 200 - 30 * i]);
    const mint = await req.post(`${base}/api/uploads`, { data: { filename: `${name}.jpg`, size: bytes.length, type: 'image/jpeg' }, headers: { origin: base } });
    const t = await mint.json();
    await req.post(t.uploadURL, { multipart: { file: { name: `${name}.jpg`, mimeType: 'image/jpeg', buffer: bytes } } });
    await req.post(`${base}/api/images/${t.id}/complete`, { headers: { origin: base } });
  }
  await page.goto(`${base}/`);
  await page.waitForTimeout(3000);
  await page.goto(`${base}/`);
  await page.waitForTimeout(2000);
}
for (const width of [1280, 375]) {
  await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
  for (const name of ['variants', 'keys', 'usage']) {
    await page.goto(`${base}/admin/${name}`);
    await page.waitForLoadState('networkidle');
    if (name === 'variants' && process.argv[4] === 'preview') {
      await page.getByRole('button', { name: 'Show preview' }).click();
      await page.getByTestId('variant-preview').waitFor();
      await page.waitForTimeout(1500);
    }
    await page.waitForTimeout(800);
    await page.screenshot({ path: `/tmp/h13-shots/${name}-${width}.png`, fullPage: true });
  }
}
await browser.close();
