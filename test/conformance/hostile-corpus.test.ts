/**
 * The hostile-file corpus (test/corpus), each case through `POST v1` and through a one-time upload URL
 * (`POST v2/direct_upload`, then the file): the status the case expects; for a refusal an envelope whose
 * message says what was wrong and leaks no stack or path; and nothing left behind, checked by reading
 * the service's records and its originals/, variants/ and tmp/ folders. What is accepted after
 * sanitizing is read back from the store, and must hold none of what the case smuggled in.
 */
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Acceptance, type HostileCase, hostileCorpus, type Refusal } from '../corpus';
import { postFile, startTestService, type TestService } from '../helpers/service';
import { storeSnapshot } from '../helpers/store-snapshot';

const corpus = await hostileCorpus();
let t: TestService;

beforeAll(async () => {
  t = await startTestService();
});
afterAll(() => t.stop());

interface Envelope {
  success: boolean;
  result: { id: string; uploadURL?: string } | null;
  errors: { code: number; message: string }[];
}

function fieldsForm(c: HostileCase, withFile: boolean): FormData {
  const form = new FormData();
  for (const [name, value] of c.fields) form.append(name, value);
  if (withFile) form.append('file', new Blob([new Uint8Array(c.file.bytes)], { type: c.file.type }), c.file.filename);
  return form;
}

/** A refusal a person can act on: the expected status and message, and nothing of the server's insides. */
async function expectClearRefusal(res: Response, expected: Refusal): Promise<void> {
  const text = await res.text();
  expect(res.status, text).toBe(expected.status);
  const body = JSON.parse(text) as Envelope;
  expect(body.success).toBe(false);
  expect(body.result).toBeNull();
  const message = body.errors[0]?.message ?? '';
  expect(message).toMatch(expected.message);
  expect(message.length).toBeLessThan(400);
  expect(text).not.toMatch(/\n\s*at |\(\/.*:\d+:\d+\)|node_modules/); // no stack trace
  for (const place of [t.config.dataDir, tmpdir(), process.cwd()]) expect(text).not.toContain(place);
}

/** The stored original of `id` exists, is what the record says, and holds none of `mustNotStore`. */
async function expectStoredClean(id: string, expected: Acceptance): Promise<void> {
  const row = t.svc.core.records.get(id);
  expect(row?.draft).toBe(0);
  const stored = await readFile(t.svc.core.store.originalPath(row?.file_key ?? ''));
  expect(stored.length).toBe(row?.bytes);
  const text = stored.toString('latin1');
  for (const pattern of expected.mustNotStore) expect(text).not.toMatch(pattern);
}

async function remove(id: string): Promise<void> {
  const res = await fetch(`${t.api}/v1/${encodeURIComponent(id)}`, { method: 'DELETE', headers: t.auth });
  expect(res.status, await res.text()).toBe(200);
}

const label = (c: HostileCase) => `${c.category}: ${c.name} → ${c.expected.status}`;

describe('the corpus', () => {
  it('has at least 40 cases of every kind the issue lists', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.map((c) => c.category))).toEqual(
      new Set(['bomb', 'polyglot', 'svg', 'wrong type', 'truncation', 'limit edge', 'bad id', 'bad metadata']),
    );
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
  });
});

describe('hostile files through POST v1', () => {
  for (const c of corpus) {
    it(label(c), async () => {
      const before = storeSnapshot(t.svc);
      const res = await fetch(`${t.api}/v1`, { method: 'POST', headers: t.auth, body: fieldsForm(c, true) });
      if (c.expected.status !== 200) {
        await expectClearRefusal(res, c.expected);
        expect(storeSnapshot(t.svc)).toEqual(before);
        return;
      }
      const text = await res.text();
      expect(res.status, text).toBe(200);
      const { id } = (JSON.parse(text) as Envelope).result ?? { id: '' };
      await expectStoredClean(id, c.expected);
      await remove(id);
      expect(storeSnapshot(t.svc)).toEqual(before);
    });
  }
});

describe('hostile files through a one-time upload URL', () => {
  for (const c of corpus) {
    it(label(c), async () => {
      const before = storeSnapshot(t.svc);
      const made = await fetch(`${t.api}/v2/direct_upload`, {
        method: 'POST',
        headers: t.auth,
        body: c.fields.length > 0 ? fieldsForm(c, false) : undefined,
      });
      if (c.expected.status !== 200 && c.expected.by === 'fields') {
        await expectClearRefusal(made, c.expected);
        expect(storeSnapshot(t.svc)).toEqual(before);
        return;
      }
      const text = await made.text();
      expect(made.status, text).toBe(200);
      const { id, uploadURL } = (JSON.parse(text) as Envelope).result ?? { id: '' };
      const withDraft = storeSnapshot(t.svc);
      const res = await postFile(uploadURL ?? '', c.file.bytes, c.file.filename, c.file.type);
      if (c.expected.status !== 200) {
        await expectClearRefusal(res, c.expected);
        // The draft is left as it was: still pending, so the URL can take a good file until it expires.
        expect(storeSnapshot(t.svc)).toEqual(withDraft);
      } else {
        expect(res.status, await res.clone().text()).toBe(200);
        await expectStoredClean(id, c.expected);
      }
      await remove(id);
      expect(storeSnapshot(t.svc)).toEqual(before);
    });
  }
});
