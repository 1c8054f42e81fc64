/**
 * JavaScript a route makes the browser load at first, from the build output (`next build` first):
 * Next's main files plus every entry chunk of the route's segments (layouts, error and loading
 * boundaries, the page), each counted once, raw and gzipped. Chunks loaded later (next/dynamic,
 * `import()`) are not entry chunks and are not counted.
 *
 *   npx tsx bench/route-js.ts ["/(gallery)/(browse)/page"]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const route = process.argv[2] ?? '/(gallery)/(browse)/page';
const next = path.resolve('.next');

const build = JSON.parse(readFileSync(path.join(next, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] };
const manifestFile = path.join(next, 'server/app', `${route}_client-reference-manifest.js`);
// The manifest is a script: `globalThis.__RSC_MANIFEST["<route>"] = {…JSON…};`.
const script = readFileSync(manifestFile, 'utf8');
const json = script.slice(script.indexOf('] = ') + 4).replace(/;\s*$/, '');
const manifest = JSON.parse(json) as { entryJSFiles: Record<string, string[]> };

const files = new Set([...build.rootMainFiles, ...Object.values(manifest.entryJSFiles).flat()]);
let raw = 0;
let gzip = 0;
for (const file of files) {
  const bytes = readFileSync(path.join(next, file));
  raw += bytes.length;
  gzip += gzipSync(bytes, { level: 9 }).length;
}
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log(`${route}: ${files.size} chunks, ${kb(raw)} raw, ${kb(gzip)} gzipped`);
