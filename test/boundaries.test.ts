/**
 * Imports point one way (shared/docs/architecture.md): the app → lib/cloudflare-images ← the embedded
 * service. Every static import, `export … from` and dynamic `import()` in the tree is checked:
 * - lib/image-service imports its own files, the contract, lib/sqlite and packages — never app code
 *   or Next.js; only its entry (main.ts) reads lib/env, everything else gets its configuration passed in
 *   (its tests may also use test/helpers);
 * - lib/cloudflare-images imports only its own files and packages (no Next.js, React, or either side);
 * - app code (app/, components/, lib/ outside the service, proxy.ts, instrumentation.ts) never imports
 *   lib/image-service: only start-up (scripts/), tests and benchmarks start it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const SKIP_DIRS = new Set(['node_modules', '.next', '.data', '.git', 'test-results', 'playwright-report']);
const SOURCE = /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/;
const FRAMEWORK = /^(?:next|next-auth|react|react-dom|server-only|@tanstack\/)/;

/** Module specifiers of static imports and re-exports (type-only too), side-effect imports and `import()`. */
function importSpecifiers(code: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of code.matchAll(pattern)) if (m[1]) found.push(m[1]);
  return found;
}

type Target = { kind: 'file'; path: string } | { kind: 'package'; name: string };

/** Where a specifier in `file` points: a repository path (without extension) or a package. */
function resolve(file: string, specifier: string): Target {
  if (specifier.startsWith('@/')) return { kind: 'file', path: path.posix.normalize(specifier.slice(2)) };
  if (specifier.startsWith('.')) {
    return { kind: 'file', path: path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)) };
  }
  return { kind: 'package', name: specifier };
}

function sourceFiles(dir = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) files.push(...sourceFiles(rel));
    } else if (SOURCE.test(entry.name)) {
      files.push(rel);
    }
  }
  return files;
}

const under = (p: string, dir: string) => p === dir || p.startsWith(`${dir}/`);
const isTest = (file: string) => /\.(?:test|spec)\.tsx?$/.test(file);
const isAppCode = (file: string) =>
  !isTest(file) &&
  (under(file, 'app') ||
    under(file, 'components') ||
    (under(file, 'lib') && !under(file, 'lib/image-service') && !under(file, 'lib/cloudflare-images')) ||
    file === 'proxy.ts' ||
    file === 'instrumentation.ts');

interface Rule {
  name: string;
  applies: (file: string) => boolean;
  /** Why this import breaks the rule, or null when it is fine. */
  breaks: (file: string, target: Target) => string | null;
}

const RULES: Rule[] = [
  {
    name: 'the embedded service imports no app code and no Next.js',
    applies: (file) => under(file, 'lib/image-service'),
    breaks: (file, t) => {
      if (t.kind === 'package') return FRAMEWORK.test(t.name) ? `framework package ${t.name}` : null;
      if (under(t.path, 'lib/image-service') || under(t.path, 'lib/cloudflare-images') || under(t.path, 'lib/sqlite'))
        return null;
      if (t.path === 'lib/env' && file === 'lib/image-service/main.ts') return null;
      if (under(t.path, 'test') && isTest(file)) return null; // its tests may use the shared test helpers
      return `app code ${t.path}`;
    },
  },
  {
    name: 'the Cloudflare Images contract imports neither side',
    applies: (file) => under(file, 'lib/cloudflare-images'),
    breaks: (_file, t) => {
      if (t.kind === 'package') return FRAMEWORK.test(t.name) ? `framework package ${t.name}` : null;
      return under(t.path, 'lib/cloudflare-images') ? null : `${t.path}, outside the contract`;
    },
  },
  {
    name: 'app code does not import the embedded service',
    applies: isAppCode,
    breaks: (_file, t) => (t.kind === 'file' && under(t.path, 'lib/image-service') ? `the service's ${t.path}` : null),
  },
];

/** Every import that breaks a rule, as "file → specifier (why)". */
function violations(files: { file: string; code: string }[]): string[] {
  const found: string[] = [];
  for (const { file, code } of files) {
    for (const specifier of importSpecifiers(code)) {
      const target = resolve(file, specifier);
      for (const rule of RULES) {
        const why = rule.applies(file) ? rule.breaks(file, target) : null;
        if (why) found.push(`${file} → ${specifier} (${why}): ${rule.name}`);
      }
    }
  }
  return found;
}

describe('import boundaries', () => {
  const tree = sourceFiles().map((file) => ({ file, code: readFileSync(path.join(ROOT, file), 'utf8') }));

  it('finds the imports of every kind', () => {
    const code = `
      import a from 'pkg-a';
      import type { B } from "./b";
      import {
        c,
        d,
      } from '@/lib/c';
      import './side-effect';
      export { e } from '../e';
      export * from './f';
      export type { G } from './g';
      const h = await import('@/lib/h');
      const notAnImport = 'from "nowhere"';
    `;
    expect(importSpecifiers(code)).toEqual([
      'pkg-a',
      './b',
      '@/lib/c',
      './side-effect',
      '../e',
      './f',
      './g',
      '@/lib/h',
    ]);
  });

  it('reads the whole tree', () => {
    const files = tree.map((f) => f.file);
    for (const dir of ['app', 'components', 'lib/image-service', 'lib/cloudflare-images', 'lib/images', 'scripts']) {
      expect(
        files.some((f) => under(f, dir)),
        dir,
      ).toBe(true);
    }
  });

  it('flags a forbidden import in each direction', () => {
    expect(
      violations([
        { file: 'lib/image-service/x.ts', code: "import { appEnv } from '@/lib/env';" },
        { file: 'lib/image-service/y.ts', code: "import { getDb } from '../db/index';" },
        { file: 'lib/image-service/z.ts', code: "import { headers } from 'next/headers';" },
        { file: 'lib/cloudflare-images/x.ts', code: "import { Core } from '../image-service/service';" },
        { file: 'lib/cloudflare-images/y.ts', code: "export { imagesClient } from '@/lib/images/client';" },
        { file: 'components/x.tsx', code: "const s = await import('@/lib/image-service/server');" },
        { file: 'lib/images/x.ts', code: "import type { ServiceConfig } from '../image-service/config';" },
      ]),
    ).toHaveLength(7);
    expect(
      violations([
        { file: 'lib/image-service/main.ts', code: "import { readServiceEnv } from '@/lib/env';" },
        { file: 'lib/image-service/x.ts', code: "import { cfError } from '@/lib/cloudflare-images/errors';" },
        { file: 'scripts/start.ts', code: "import { startImageService } from '@/lib/image-service/server';" },
        { file: 'lib/images/x.test.ts', code: "import { startTestService } from '@/test/helpers/service';" },
        { file: 'lib/image-service/x.test.ts', code: "import { jpeg } from '@/test/helpers/images';" },
      ]),
    ).toEqual([]);
  });

  it('holds in this tree', () => {
    expect(violations(tree)).toEqual([]);
  });
});
