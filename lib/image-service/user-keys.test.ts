import { describe, expect, it } from 'vitest';
import { bareObject, forbiddenKeyPath, refuseForbiddenKeys } from './user-keys';

describe('client-chosen keys', () => {
  it('finds __proto__, constructor and prototype at any depth, in parsed JSON', () => {
    expect(forbiddenKeyPath(JSON.parse('{"a":1,"b":{"c":[{"d":{"__proto__":{}}}]}}'))).toEqual({
      path: 'b.c.0.d.__proto__',
      key: '__proto__',
    });
    expect(forbiddenKeyPath({ constructor: 1 })?.key).toBe('constructor');
    expect(forbiddenKeyPath({ x: { prototype: 1 } })?.path).toBe('x.prototype');
    expect(forbiddenKeyPath({ album: 'summer', tags: ['constructor'] })).toBeNull();
    expect(forbiddenKeyPath('constructor')).toBeNull();
  });

  it('walks a deeply nested body without exhausting the stack', () => {
    const deep = JSON.parse(`${'['.repeat(50_000)}{"__proto__":1}${']'.repeat(50_000)}`);
    expect(forbiddenKeyPath(deep)?.key).toBe('__proto__');
  });

  it('refuses with a 400 that names the place', () => {
    expect(() => refuseForbiddenKeys(JSON.parse('{"m":{"__proto__":1}}'), 'The JSON body')).toThrow(
      /The JSON body \(at m\.__proto__\) uses the key "__proto__"/,
    );
  });

  it('builds objects without a prototype', () => {
    const o = bareObject();
    const key: string = '__proto__'; // as a client names it: a key, not the accessor
    o[key] = { polluted: true };
    expect(Object.getPrototypeOf(o)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
