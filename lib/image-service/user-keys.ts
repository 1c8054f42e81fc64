/**
 * Keys a client chooses (metadata fields, JSON bodies) never reach an object's prototype: `__proto__`,
 * `constructor` and `prototype` are refused wherever they appear, and objects built from client keys
 * have no prototype. Otherwise `metadata[__proto__][trim]=1` writes to `Object.prototype`, which every
 * later request of the process then reads.
 */
import { badRequest } from '@/lib/cloudflare-images/errors';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export const isForbiddenKey = (key: string): boolean => FORBIDDEN.has(key);

/** An empty object with no prototype, safe to fill with client-chosen keys. */
export const bareObject = (): Record<string, unknown> => Object.create(null) as Record<string, unknown>;

export const forbiddenKeyError = (where: string, key: string) =>
  badRequest(`${where} uses the key "${key}", which is not allowed (nor are __proto__, constructor and prototype).`);

/**
 * The path of the first forbidden key in a parsed JSON value (e.g. `metadata.__proto__`), or null.
 * Iterative, so a deeply nested body cannot exhaust the stack.
 */
export function forbiddenKeyPath(value: unknown): { path: string; key: string } | null {
  const stack: { node: unknown; path: string }[] = [{ node: value, path: '' }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node, path } = item;
    if (typeof node !== 'object' || node === null) continue;
    for (const key of Object.keys(node)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (!Array.isArray(node) && isForbiddenKey(key)) return { path: at, key };
      stack.push({ node: (node as Record<string, unknown>)[key], path: at });
    }
  }
  return null;
}

/** Throws a 400 naming the place when `value` holds a forbidden key at any depth. */
export function refuseForbiddenKeys(value: unknown, what: string): void {
  const found = forbiddenKeyPath(value);
  if (found) throw forbiddenKeyError(found.path === found.key ? what : `${what} (at ${found.path})`, found.key);
}
