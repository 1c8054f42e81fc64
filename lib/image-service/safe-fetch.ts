/** Server-side download of user-supplied image URLs (`POST images/v1` with `url`), hardened against SSRF. */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import ipaddr from 'ipaddr.js';

export interface SafeFetchOptions {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects?: number;
  /** CIDRs whose addresses may be fetched even though they are not public. */
  allowPrivate?: string[];
  lookup?: (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;
}
export interface SafeFetchResult {
  bytes: Buffer;
  contentType: string | null;
  finalUrl: string;
  filename: string | null;
}
export type SafeFetchErrorCode =
  | 'bad_url'
  | 'forbidden_address'
  | 'too_large'
  | 'timeout'
  | 'too_many_redirects'
  | 'http_status'
  | 'network';

export class SafeFetchError extends Error {
  constructor(
    readonly code: SafeFetchErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SafeFetchError';
  }
}

const RANGE_NAMES: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private network address',
  linkLocal: 'a link-local address',
  uniqueLocal: 'a unique local (private IPv6) address',
  unspecified: 'an unspecified address (0.0.0.0/8 or ::)',
  carrierGradeNat: 'a carrier-grade NAT address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  reserved: 'a reserved address',
  '6to4': 'a 6to4 address embedding an IPv4 address',
  teredo: 'a Teredo address embedding an IPv4 address',
  rfc6052: 'a NAT64 address embedding an IPv4 address',
  rfc6145: 'an IPv4-translated address',
  benchmarking: 'a benchmarking address',
  notGlobal: 'an IPv6 address outside the global unicast range 2000::/3',
  invalid: 'not a valid IP address',
};
// ipaddr.js calls e.g. ::7f00:1 (IPv4-compatible) "unicast"; only 2000::/3 is ever routed publicly.
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The range name that makes `address` unfetchable, or null when it is public or explicitly allowed. */
function forbiddenRange(address: string, allowPrivate: string[] = []): string | null {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  // Only canonical forms: ipaddr.js would also read "0x7f.1" or "010.0.0.1", which Node's connect() reads differently.
  if (net.isIP(bare) === 0) return 'invalid';
  // Mapped addresses (::ffff:127.0.0.1) are judged as the IPv4 address the kernel will actually dial.
  const ip = ipaddr.process(bare);
  for (const cidr of allowPrivate) {
    if (!ipaddr.isValidCIDR(cidr)) throw new TypeError(`allowPrivate entry "${cidr}" is not a CIDR such as 10.0.0.0/8`);
    const range = ipaddr.parseCIDR(cidr);
    if (range[0].kind() === ip.kind() && ip.match(range)) return null;
  }
  const name = ip.range();
  if (name !== 'unicast') return name;
  return ip.kind() === 'ipv6' && !ip.match(GLOBAL_UNICAST_V6) ? 'notGlobal' : null;
}

export function isForbiddenAddress(address: string, allowPrivate?: string[]): boolean {
  return forbiddenRange(address, allowPrivate) !== null;
}

function refuse(address: string, range: string): SafeFetchError {
  const what = RANGE_NAMES[range] ?? `a non-public (${range}) address`;
  return new SafeFetchError(
    'forbidden_address',
    `The URL resolves to ${address}, ${what}, which the image service refuses to fetch`,
  );
}

function parseUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    // The raw text is not echoed: it may carry credentials and error messages end up in logs.
    throw new SafeFetchError(
      'bad_url',
      base ? 'The image server redirected to an invalid URL' : 'The url is not a valid absolute URL',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SafeFetchError('bad_url', `Only http: and https: URLs can be fetched, not ${url.protocol}`);
  }
  return url;
}

async function defaultLookup(hostname: string): Promise<{ address: string; family: 4 | 6 }[]> {
  const answers = await dns.promises.lookup(hostname, { all: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
}

/** Resolves once and returns the address to dial; refuses if ANY answer is forbidden, since a later connection could pick it. */
async function checkedAddress(url: URL, options: SafeFetchOptions): Promise<{ address: string; family: 4 | 6 }> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = net.isIP(host);
  let answers: { address: string; family: 4 | 6 }[];
  try {
    // Node skips `lookup` for literal IPs, so they must be judged here, exactly like DNS answers.
    answers =
      literal === 0
        ? await (options.lookup ?? defaultLookup)(host)
        : [{ address: host, family: literal === 6 ? 6 : 4 }];
  } catch (err) {
    throw new SafeFetchError('network', `Could not resolve ${host}: ${(err as Error).message}`);
  }
  for (const answer of answers) {
    const range = forbiddenRange(answer.address, options.allowPrivate);
    if (range !== null) throw refuse(answer.address, range);
  }
  const first = answers[0];
  if (!first) throw new SafeFetchError('network', `${host} has no addresses`);
  return first;
}

interface Hop {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer | null;
}

function request(
  url: URL,
  pinned: { address: string; family: 4 | 6 },
  auth: string | null,
  options: SafeFetchOptions,
  signal: AbortSignal,
): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = {
      Host: url.host,
      Accept: 'image/*',
      'User-Agent': 'Pixvault-ImageService/1.0',
    };
    if (auth) headers.Authorization = auth;
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const isIp = net.isIP(host) !== 0;
    // The connection may only go to the address we checked: a second DNS answer (rebinding) must never be used.
    const lookup: net.LookupFunction = (_name, opts, cb) => {
      if (opts.all) cb(null, [{ address: pinned.address, family: pinned.family }]);
      else cb(null, pinned.address, pinned.family);
    };
    const common = {
      host,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers,
      lookup,
      signal,
      agent: false as const,
    };
    const req =
      url.protocol === 'https:'
        ? https.request({ ...common, ...(isIp ? {} : { servername: host.replace(/\.$/, '') }) })
        : http.request(common);
    const fail = (err: Error) => {
      req.destroy();
      reject(
        err instanceof SafeFetchError
          ? err
          : signal.aborted
            ? new SafeFetchError('timeout', 'The image download timed out')
            : new SafeFetchError('network', `Could not download ${url.origin}: ${err.message}`),
      );
    };
    req.on('error', fail);
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status) || status < 200 || status >= 300) {
        res.resume();
        req.destroy();
        resolve({ status, headers: res.headers, body: null });
        return;
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        fail(
          new SafeFetchError(
            'too_large',
            `The image is ${declared} bytes, more than the ${options.maxBytes} byte limit`,
          ),
        );
        return;
      }
      const chunks: Buffer[] = [];
      let total = 0;
      res.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > options.maxBytes) {
          fail(new SafeFetchError('too_large', `The image is larger than the ${options.maxBytes} byte limit`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', fail);
      res.on('close', () => {
        if (!res.complete) fail(new Error('the server closed the connection before the body was complete'));
      });
      res.on('end', () => resolve({ status, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.end();
  });
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function lastSegment(url: URL): string | null {
  const segment = url.pathname.split('/').pop() ?? '';
  return segment ? decode(segment) : null;
}

async function run(raw: string, options: SafeFetchOptions, signal: AbortSignal): Promise<SafeFetchResult> {
  let url = parseUrl(raw);
  const origin = url.origin;
  // Credentials come only from the caller's URL and are only ever sent back to that origin.
  const auth =
    url.username || url.password
      ? `Basic ${Buffer.from(`${decode(url.username)}:${decode(url.password)}`).toString('base64')}`
      : null;
  const maxRedirects = options.maxRedirects ?? 3;
  for (let redirects = 0; ; redirects++) {
    url.username = '';
    url.password = '';
    const pinned = await checkedAddress(url, options);
    if (signal.aborted) throw new SafeFetchError('timeout', 'The image download timed out');
    const hop = await request(url, pinned, url.origin === origin ? auth : null, options, signal);
    const location = hop.headers.location;
    if (REDIRECTS.has(hop.status) && location) {
      if (redirects >= maxRedirects) {
        throw new SafeFetchError('too_many_redirects', `The URL redirected more than ${maxRedirects} times`);
      }
      url = parseUrl(location, url);
      continue;
    }
    if (hop.body === null) {
      throw new SafeFetchError('http_status', `The image server answered HTTP ${hop.status} for ${url.href}`);
    }
    return {
      bytes: hop.body,
      contentType: hop.headers['content-type'] ?? null,
      finalUrl: url.href,
      filename: lastSegment(url),
    };
  }
}

export async function safeFetch(url: string, options: SafeFetchOptions): Promise<SafeFetchResult> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new SafeFetchError('timeout', `The image download took longer than ${options.timeoutMs} ms`));
    }, options.timeoutMs);
  });
  try {
    // The deadline also covers DNS, which cannot be cancelled; aborting the signal destroys any open request.
    return await Promise.race([run(url, options, controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
