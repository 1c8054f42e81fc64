/**
 * What the app actually has, read from the tree: route handlers, pages, server-action files, and the
 * layouts and loading boundaries above a page.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCE = /\.(?:ts|tsx|js|jsx|mjs)$/;
const isTest = (file: string) => /\.(?:test|spec)\.[jt]sx?$/.test(file);

function walk(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...walk(rel));
    else if (SOURCE.test(entry.name) && !isTest(entry.name)) found.push(rel);
  }
  return found;
}

export const routeFiles = () => walk('app').filter((f) => /\/route\.[jt]sx?$/.test(f));
export const pageFiles = () => walk('app').filter((f) => /\/page\.[jt]sx?$/.test(f));

const sourceFiles = () => ['app', 'components', 'lib'].flatMap(walk);
// A directive is a statement of its own: the string alone on its line.
const DIRECTIVE = /^\s*(['"])use server\1;?\s*$/m;
// Only comments and blank lines may come before a module-level directive.
const LEADING = /^(?:\s+|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(['"])use server\1/;

/** Files whose every export is a server action (`'use server'` at the top). */
export const serverActionFiles = () =>
  sourceFiles().filter((f) => LEADING.test(readFileSync(path.join(ROOT, f), 'utf8')));

/** Files declaring a server action inside a function, which the table cannot name: none may exist. */
export const inlineServerActionFiles = () =>
  sourceFiles().filter((f) => {
    const code = readFileSync(path.join(ROOT, f), 'utf8');
    return DIRECTIVE.test(LEADING.test(code) ? code.replace(LEADING, '') : code);
  });

export interface SegmentFiles {
  /** Layouts from the root down to the page's own folder. */
  layouts: string[];
  /** Folders holding a loading.tsx, root first. */
  loadingDirs: string[];
}

/** The layouts rendered around `pageFile`, and where loading boundaries sit on the way. */
export function segmentsAbove(pageFile: string): SegmentFiles {
  const dirs = pageFile.split('/').slice(0, -1);
  const layouts: string[] = [];
  const loadingDirs: string[] = [];
  for (let i = 1; i <= dirs.length; i++) {
    const dir = dirs.slice(0, i).join('/');
    const layout = ['tsx', 'ts', 'jsx', 'js']
      .map((ext) => `${dir}/layout.${ext}`)
      .find((f) => existsSync(path.join(ROOT, f)));
    if (layout) layouts.push(layout);
    if (['tsx', 'ts', 'jsx', 'js'].some((ext) => existsSync(path.join(ROOT, `${dir}/loading.${ext}`))))
      loadingDirs.push(dir);
  }
  return { layouts, loadingDirs };
}

/** Imports an app file by its repository path. */
export function importAppFile(file: string): Promise<Record<string, unknown>> {
  return import(/* @vite-ignore */ path.join(ROOT, file));
}
