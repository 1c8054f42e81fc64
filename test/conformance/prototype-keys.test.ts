/**
 * Keys a client chooses never reach an object's prototype (issue 7, item 2): `metadata[__proto__][trim]`
 * once wrote `trim` onto Object.prototype, after which every new variant delivery of the process failed
 * with 500. Such keys are refused with 400 wherever a client can name one, a refused request stores
 * nothing, and the service keeps working for everyone after it.
 */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg } from '../helpers/images';
import { startTestService, type TestService } from '../helpers/service';

let t: TestService;
beforeAll(async () => {
  t = await startTestService();
});
afterAll(() => t.stop());

function originals(): number {
  return readdirSync(t.svc.core.store.originalsDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .length;
}

function records(): number {
  return (t.svc.core.db.prepare('SELECT COUNT(*) AS n FROM images').get() as { n: number }).n;
}

async function uploadForm(fields: [string, string][]): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await jpeg(80, 60))], { type: 'image/jpeg' }), 'a.jpg');
  for (const [name, value] of fields) form.append(name, value);
  return fetch(`${t.api}/v1`, { method: 'POST', headers: t.auth, body: form });
}

/** A JSON body written as text: an object literal with `__proto__` would set the prototype instead of a key. */
const sendJson = (method: string, suffix: string, text: string) =>
  fetch(`${t.api}/${suffix}`, { method, headers: { ...t.auth, 'content-type': 'application/json' }, body: text });

async function refusal(res: Response): Promise<string> {
  expect(res.status).toBe(400);
  const body = (await res.json()) as { success: boolean; errors: { message: string }[] };
  expect(body.success).toBe(false);
  return body.errors[0]?.message ?? '';
}

const inherited = () => (({}) as Record<string, unknown>).trim;

describe('keys that would reach a prototype', () => {
  it('refuses metadata[__proto__][…] and friends with 400, stores nothing, and the service keeps working', async () => {
    const before = { records: records(), originals: originals() };
    const bracketCases: [string, string][][] = [
      [['metadata[__proto__][trim]', '1;1;1;1']],
      [['metadata[constructor][prototype][trim]', '1;1;1;1']],
      [['metadata[a][prototype]', 'x']],
      [['metadata', '{"a":{"__proto__":{"trim":"1;1;1;1"}}}']],
    ];
    for (const fields of bracketCases) {
      const message = await refusal(await uploadForm(fields));
      expect(message, fields[0]?.[0]).toMatch(/"(__proto__|constructor|prototype)", which is not allowed/);
    }
    expect(await refusal(await uploadForm([['metadata', '{"a":{"__proto__":{"x":1}}}']]))).toMatch(
      /metadata \(at a\.__proto__\)/,
    );
    const direct = new FormData();
    direct.append('metadata[__proto__][trim]', '1;1;1;1');
    await refusal(await fetch(`${t.api}/v2/direct_upload`, { method: 'POST', headers: t.auth, body: direct }));
    await refusal(await sendJson('POST', 'v2/direct_upload', '{"metadata":{"__proto__":{"trim":"1;1;1;1"}}}'));

    expect(inherited()).toBeUndefined();
    expect(records()).toBe(before.records);
    expect(originals()).toBe(before.originals);

    // The next normal upload is stored and answered, and its variants are delivered.
    const ok = await uploadForm([['metadata[album]', 'summer']]);
    expect(ok.status).toBe(200);
    const image = ((await ok.json()) as { result: { id: string; meta: Record<string, unknown> } }).result;
    expect(image.meta).toEqual({ album: 'summer' });
    expect(records()).toBe(before.records + 1);
    expect(originals()).toBe(before.originals + 1);
    const delivered = await fetch(`${t.svc.url}/${t.config.accountHash}/${image.id}/public`);
    expect(delivered.status).toBe(200);
  });

  it('refuses them in JSON bodies at any depth: PATCH of an image, variants, config', async () => {
    const made = await uploadForm([]);
    const { id } = ((await made.json()) as { result: { id: string } }).result;
    await refusal(await sendJson('PATCH', `v1/${id}`, '{"metadata":{"deep":[{"__proto__":{"trim":"1"}}]}}'));
    expect(t.svc.core.records.mustGet(id).meta).toBe('{}');
    const variant = '{"id":"sneaky","options":{"fit":"cover","metadata":"none","__proto__":{"trim":"1"}}}';
    await refusal(await sendJson('POST', 'v1/variants', variant));
    expect(t.svc.core.variants.get('sneaky')).toBeUndefined();
    await refusal(await sendJson('PATCH', 'v1/config', '{"constructor":{"prototype":{"trim":"1"}}}'));
    expect(inherited()).toBeUndefined();
    expect((await fetch(`${t.svc.url}/${t.config.accountHash}/${id}/public`)).status).toBe(200);
  });

  it('answers client words that name inherited members as the bad input they are, not with 500', async () => {
    const list = await fetch(`${t.api}/v2?meta.x[constructor]=1`, { headers: t.auth });
    expect(list.status).toBe(400);
    expect(await list.text()).toMatch(/Unsupported metadata filter/);

    await sendJson('PATCH', 'v1/config', '{"flexible_variants":true}');
    const made = await uploadForm([]);
    const { id } = ((await made.json()) as { result: { id: string } }).result;
    const base = `${t.svc.url}/${t.config.accountHash}/${id}`;
    const quality = await fetch(`${base}/w=40,q=constructor`);
    expect(quality.status).toBe(400);
    expect(await quality.text()).toMatch(/quality=constructor is invalid/);
    // An option named like an inherited member is an unknown option, ignored as Cloudflare does.
    expect((await fetch(`${base}/w=40,constructor=1`)).status).toBe(200);
  });
});
