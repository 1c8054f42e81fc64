/**
 * The service's data is private to the account running it (issue 7, item 11): folders 0700, files 0600
 * (originals, variants, service.db and its WAL files, credentials.json), and an existing install that is
 * looser is reported at start with a warning, not changed.
 */
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toFile } from 'cloudflare';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadCredentials } from '@/lib/image-service/credentials';
import { jpeg } from '../helpers/images';
import { startTestService } from '../helpers/service';

const mode = (file: string) => statSync(file).mode & 0o777;

function entries(dir: string): { file: string; isDir: boolean }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => ({
    file: path.join(e.parentPath, e.name),
    isDir: e.isDirectory(),
  }));
}

let scratch: string | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  if (scratch) await rm(scratch, { recursive: true, force: true });
  scratch = null;
});

describe('file modes of the service data', () => {
  it('creates every folder 0700 and every file 0600: originals, variants, database, credentials', async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'pixvault-modes-'));
    const dataDir = path.join(scratch, 'image-service'); // made by the service, not by mkdtemp
    const { file: credentials } = loadCredentials(dataDir, {});
    const t = await startTestService({ dataDir });
    try {
      const { id } = await t.cf.images.v1.create({
        account_id: t.accountId,
        file: await toFile(await jpeg(120, 90), 'a.jpg'),
      });
      expect((await fetch(`${t.svc.url}/${t.config.accountHash}/${id}/public`)).status).toBe(200);
      await t.svc.core.work.settled();

      const all = entries(dataDir);
      expect(all.some((e) => !e.isDir && e.file.includes(`${path.sep}originals${path.sep}`))).toBe(true);
      expect(all.some((e) => !e.isDir && e.file.includes(`${path.sep}variants${path.sep}`))).toBe(true);
      expect(all.map((e) => e.file)).toEqual(expect.arrayContaining([credentials, path.join(dataDir, 'service.db')]));
      expect(mode(dataDir)).toBe(0o700);
      for (const e of all) expect([e.file, mode(e.file)]).toEqual([e.file, e.isDir ? 0o700 : 0o600]);
    } finally {
      await t.stop();
    }
  });

  it('warns at start, one line per loose place, when an existing install is readable by others', async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'pixvault-modes-'));
    const dataDir = path.join(scratch, 'image-service');
    const { file: credentials } = loadCredentials(dataDir, {});
    const first = await startTestService({ dataDir });
    await first.cf.images.v1.create({ account_id: first.accountId, file: await toFile(await jpeg(60, 40), 'a.jpg') });
    await first.stop();
    // As an older version left it.
    const originals = path.join(dataDir, 'originals');
    for (const dir of [dataDir, originals, ...readdirSync(originals).map((d) => path.join(originals, d))]) {
      chmodSync(dir, 0o755);
    }
    chmodSync(credentials, 0o644);
    chmodSync(path.join(dataDir, 'service.db'), 0o644);

    const warn = vi.spyOn(console, 'warn');
    const again = await startTestService({ dataDir });
    await again.stop();
    const lines = warn.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('other accounts on this machine'));
    expect(lines).toEqual([
      expect.stringContaining(`${dataDir} is 0755; expected 0700`),
      expect.stringContaining(`${originals} is 0755; expected 0700`),
      expect.stringContaining(`1 folders in ${originals} are readable by others`),
      expect.stringContaining(`${credentials} is 0644; expected 0600`),
      // SQLite gives the -wal and -shm files it makes the database file's own mode.
      ...['service.db', 'service.db-wal', 'service.db-shm'].map((f) =>
        expect.stringContaining(`${path.join(dataDir, f)} is 0644; expected 0600`),
      ),
    ]);
    expect(lines[0]).toContain(`chmod -R go-rwx "${dataDir}"`);
    // Reported, not changed: an operator may have widened it on purpose.
    expect(mode(dataDir)).toBe(0o755);
  });
});
