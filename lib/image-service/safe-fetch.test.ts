import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isForbiddenAddress, SafeFetchError, type SafeFetchOptions, safeFetch } from './safe-fetch';

// ---------------------------------------------------------------- local servers

interface Seen {
  path: string;
  headers: http.IncomingHttpHeaders;
  closed: Promise<void>;
}
interface TestServer {
  port: number;
  origin: string;
  seen: Seen[];
  close: () => Promise<void>;
}

async function startServer(host: string, handler: http.RequestListener): Promise<TestServer> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers, closed: new Promise((r) => res.once('close', () => r())) });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `http://${host}:${port}`,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const LOCAL = ['127.0.0.1/32'];
const base: SafeFetchOptions = { maxBytes: 1_000_000, timeoutMs: 5_000 };

async function failure(promise: Promise<unknown>): Promise<SafeFetchError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SafeFetchError);
  return err as SafeFetchError;
}

let main: TestServer;
let other: TestServer;

beforeAll(async () => {
  main = await startServer('127.0.0.1', (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    // /r/N answers with exactly N redirects before the image.
    const hops = /^\/r\/(\d+)$/.exec(url.pathname);
    if (hops) {
      const n = Number(hops[1]);
      // Relative Locations check that each one is resolved against the current URL.
      res.writeHead(n % 2 ? 302 : 307, { Location: n <= 1 ? '../images/cat%20photo.png' : `/r/${n - 1}` }).end();
    } else if (url.pathname === '/images/cat%20photo.png') {
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': PNG.length }).end(PNG);
    } else if (url.pathname === '/redirect') {
      res.writeHead(302, { Location: url.searchParams.get('to') ?? '/' }).end();
    } else if (url.pathname === '/declared-huge') {
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': 50_000_000 });
      res.write(PNG); // then stall: the client must decide from the header alone
    } else if (url.pathname === '/endless') {
      res.writeHead(200, { 'Content-Type': 'image/png' }); // chunked, no Content-Length
      const timer = setInterval(() => res.write(Buffer.alloc(512)), 5);
      res.once('close', () => clearInterval(timer));
    } else if (url.pathname === '/hang') {
      // never answer
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('nope');
    }
  });
  other = await startServer('127.0.0.1', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'image/gif' }).end('GIF89a');
  });
});

afterAll(async () => {
  await main.close();
  await other.close();
});

// ---------------------------------------------------------------- address classification

describe('isForbiddenAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['fe80::1', 'link-local'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'this-network 0/8'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['192.0.2.1', 'documentation'],
    ['240.0.0.1', 'reserved'],
    ['198.18.0.1', 'benchmarking'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::ffff:169.254.169.254', 'IPv4-mapped link-local'],
    ['2002:7f00:1::1', '6to4'],
    ['2001:0:4136:e378::1', 'teredo'],
    ['64:ff9b::7f00:1', 'NAT64'],
    ['::7f00:1', 'IPv4-compatible (not global unicast)'],
    ['2001:db8::1', 'documentation v6'],
    ['not-an-ip', 'garbage'],
    ['', 'empty'],
    ['[::1]', 'bracketed loopback'],
    ['010.0.0.1', 'non-canonical octal that ipaddr.js reads as public 8.0.0.1'],
    ['0x7f.1', 'non-canonical hex'],
  ])('refuses %s (%s)', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '100.63.255.255',
    '100.128.0.0',
    '172.32.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
  ])('allows public %s', (address) => expect(isForbiddenAddress(address)).toBe(false));

  it('honours allowPrivate CIDRs, v4 and v6, and nothing beyond them', () => {
    expect(isForbiddenAddress('127.0.0.1', LOCAL)).toBe(false);
    expect(isForbiddenAddress('::ffff:127.0.0.1', LOCAL)).toBe(false);
    expect(isForbiddenAddress('127.0.0.2', LOCAL)).toBe(true);
    expect(isForbiddenAddress('::1', LOCAL)).toBe(true);
    expect(isForbiddenAddress('::1', ['::1/128'])).toBe(false);
    expect(isForbiddenAddress('10.9.8.7', ['10.0.0.0/8'])).toBe(false);
    expect(isForbiddenAddress('192.168.0.1', ['10.0.0.0/8'])).toBe(true);
    expect(() => isForbiddenAddress('10.0.0.1', ['10.0.0.0'])).toThrow(TypeError);
  });
});

// ---------------------------------------------------------------- refusals before any request

describe('safeFetch refuses', () => {
  it.each([
    ['127.0.0.1', (p: number) => `http://127.0.0.1:${p}/images/cat%20photo.png`, 'a loopback address'],
    ['localhost via real DNS', (p: number) => `http://localhost:${p}/images/cat%20photo.png`, 'a loopback address'],
    ['[::1]', (p: number) => `http://[::1]:${p}/`, 'a loopback address'],
    ['0.0.0.0', (p: number) => `http://0.0.0.0:${p}/images/cat%20photo.png`, 'an unspecified address'],
    ['decimal 2130706433', (p: number) => `http://2130706433:${p}/images/cat%20photo.png`, 'a loopback address'],
    ['hex 0x7f.1', (p: number) => `http://0x7f.1:${p}/images/cat%20photo.png`, 'a loopback address'],
    [
      '[::ffff:127.0.0.1]',
      (p: number) => `http://[::ffff:127.0.0.1]:${p}/images/cat%20photo.png`,
      'a loopback address',
    ],
    ['https 127.0.0.1', (p: number) => `https://127.0.0.1:${p}/`, 'a loopback address'],
  ])('loopback form %s by default, without contacting it', async (_name, make, phrase) => {
    const before = main.seen.length;
    const err = await failure(safeFetch(make(main.port), base));
    expect(err.code).toBe('forbidden_address');
    expect(err.message).toContain(`, ${phrase}`);
    expect(err.message).toMatch(/^The URL resolves to \S+, .*which the image service refuses to fetch$/);
    expect(main.seen.length).toBe(before);
  });

  it('a hostname with one public and one private answer, whatever the order', async () => {
    for (const answers of [
      [
        { address: '93.184.216.34', family: 4 as const },
        { address: '10.0.0.1', family: 4 as const },
      ],
      [
        { address: 'fd00::1', family: 6 as const },
        { address: '93.184.216.34', family: 4 as const },
      ],
    ]) {
      const err = await failure(safeFetch('http://mixed.test/a.png', { ...base, lookup: async () => answers }));
      expect(err.code).toBe('forbidden_address');
      expect(err.message).toMatch(/10\.0\.0\.1, a private network address|fd00::1, a unique local/);
    }
  });

  it.each([
    'file:///etc/passwd',
    'gopher://127.0.0.1:70/_GET',
    'ftp://example.com/a.png',
    'data:image/png;base64,AAAA',
    'javascript:alert(1)',
    'not a url',
    '/relative.png',
  ])('%s as bad_url before any DNS', async (url) => {
    let lookups = 0;
    const err = await failure(
      safeFetch(url, {
        ...base,
        lookup: async () => {
          lookups++;
          return [];
        },
      }),
    );
    expect(err.code).toBe('bad_url');
    expect(lookups).toBe(0);
  });
});

// ---------------------------------------------------------------- successful fetches

describe('safeFetch fetches', () => {
  it('from an allowPrivate address, returning bytes, content type and decoded filename', async () => {
    const result = await safeFetch(`${main.origin}/images/cat%20photo.png?v=1`, { ...base, allowPrivate: LOCAL });
    expect(result.bytes.equals(PNG)).toBe(true);
    expect(result.contentType).toBe('image/png');
    expect(result.filename).toBe('cat photo.png');
    expect(result.finalUrl).toBe(`${main.origin}/images/cat%20photo.png?v=1`);
    const seen = main.seen.at(-1);
    expect(seen?.headers.accept).toBe('image/*');
    expect(seen?.headers['user-agent']).toBe('Pixvault-ImageService/1.0');
    expect(seen?.headers.authorization).toBeUndefined();
  });

  it('pins the connection to the single checked answer and keeps the Host header', async () => {
    const answers = ['127.0.0.1', '10.0.0.1']; // a rebinding resolver: the second answer must never be asked for
    let lookups = 0;
    const lookup = async (hostname: string) => {
      expect(hostname).toBe('images.test');
      return [{ address: answers[lookups++] ?? '10.0.0.1', family: 4 as const }];
    };
    const result = await safeFetch(`http://images.test:${main.port}/images/cat%20photo.png`, {
      ...base,
      allowPrivate: LOCAL,
      lookup,
    });
    expect(result.bytes.equals(PNG)).toBe(true);
    expect(lookups).toBe(1);
    expect(main.seen.at(-1)?.headers.host).toBe(`images.test:${main.port}`);
    expect(result.finalUrl).toBe(`http://images.test:${main.port}/images/cat%20photo.png`);
  });
});

// ---------------------------------------------------------------- redirects

describe('redirects', () => {
  it('follows a chain of 3, re-resolving relative Locations', async () => {
    const result = await safeFetch(`${main.origin}/r/3`, { ...base, allowPrivate: LOCAL });
    expect(result.finalUrl).toBe(`${main.origin}/images/cat%20photo.png`);
    expect(result.bytes.equals(PNG)).toBe(true);
  });

  it('refuses the 4th redirect, and honours a lower maxRedirects', async () => {
    expect((await failure(safeFetch(`${main.origin}/r/4`, { ...base, allowPrivate: LOCAL }))).code).toBe(
      'too_many_redirects',
    );
    expect(
      (await failure(safeFetch(`${main.origin}/r/1`, { ...base, allowPrivate: LOCAL, maxRedirects: 0 }))).code,
    ).toBe('too_many_redirects');
  });

  it('re-checks the address of every hop', async () => {
    const lookup = async (host: string) => [
      { address: host === 'internal.test' ? '10.0.0.1' : '127.0.0.1', family: 4 as const },
    ];
    const opts = { ...base, allowPrivate: LOCAL, lookup };
    const toV6 = await failure(
      safeFetch(`${main.origin}/redirect?to=${encodeURIComponent(`http://[::1]:${main.port}/`)}`, opts),
    );
    expect(toV6.code).toBe('forbidden_address');
    expect(toV6.message).toContain('::1, a loopback address');
    const toInternal = await failure(
      safeFetch(`${main.origin}/redirect?to=${encodeURIComponent('http://internal.test/admin')}`, opts),
    );
    expect(toInternal.code).toBe('forbidden_address');
    expect(toInternal.message).toContain('10.0.0.1, a private network address');
    const toFile = await failure(
      safeFetch(`${main.origin}/redirect?to=${encodeURIComponent('file:///etc/passwd')}`, opts),
    );
    expect(toFile.code).toBe('bad_url');
  });

  it('sends Basic credentials to the first origin only, never to another origin', async () => {
    const target = `${other.origin}/pic.gif`; // same host, other port: a different origin
    const sameOrigin = `/redirect?to=${encodeURIComponent(target)}`;
    const start = `http://us%40er:p%3Ass@127.0.0.1:${main.port}/redirect?to=${encodeURIComponent(sameOrigin)}`;
    const before = main.seen.length;
    const result = await safeFetch(start, { ...base, allowPrivate: LOCAL });
    expect(result.bytes.toString()).toBe('GIF89a');
    expect(result.finalUrl).toBe(target);
    const expected = `Basic ${Buffer.from('us@er:p:ss').toString('base64')}`;
    expect(main.seen.slice(before).map((s) => s.headers.authorization)).toEqual([expected, expected]);
    expect(other.seen.at(-1)?.headers.authorization).toBeUndefined();
  });
});

// ---------------------------------------------------------------- limits and failures

describe('limits', () => {
  it('too_large from Content-Length without waiting for the body', async () => {
    const started = Date.now();
    const err = await failure(
      safeFetch(`${main.origin}/declared-huge`, { ...base, allowPrivate: LOCAL, maxBytes: 1000, timeoutMs: 3000 }),
    );
    expect(err.code).toBe('too_large');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('too_large while streaming a chunked body, and closes the connection', async () => {
    const err = await failure(
      safeFetch(`${main.origin}/endless`, { ...base, allowPrivate: LOCAL, maxBytes: 4000, timeoutMs: 3000 }),
    );
    expect(err.code).toBe('too_large');
    await main.seen.at(-1)?.closed; // the server's endless writer stops only when we hang up
  });

  it('timeout when the server never answers, and hangs up', async () => {
    const started = Date.now();
    const err = await failure(safeFetch(`${main.origin}/hang`, { ...base, allowPrivate: LOCAL, timeoutMs: 300 }));
    expect(err.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
    await main.seen.at(-1)?.closed;
  });

  it('timeout covers a DNS lookup that never returns', async () => {
    const err = await failure(
      safeFetch('http://slow.test/', { ...base, timeoutMs: 200, lookup: () => new Promise(() => {}) }),
    );
    expect(err.code).toBe('timeout');
  });

  it('http_status on 404 with the status in the message', async () => {
    const err = await failure(safeFetch(`${main.origin}/missing.png`, { ...base, allowPrivate: LOCAL }));
    expect(err.code).toBe('http_status');
    expect(err.message).toContain('404');
  });

  it('network when nothing listens', async () => {
    const closed = await startServer('127.0.0.1', () => {});
    await closed.close();
    const err = await failure(safeFetch(`${closed.origin}/x.png`, { ...base, allowPrivate: LOCAL }));
    expect(err.code).toBe('network');
  });
});
