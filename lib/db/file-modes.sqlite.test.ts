import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { warnIfAppDbIsLoose } from './file-modes';
import { appDbFile, openAppDb } from './index';

describe('start-up check of the app database', () => {
  it('warns once per path of an existing install that other accounts can read', async () => {
    const file = appDbFile(mkdtempSync(path.join(tmpdir(), 'pixvault-loose-')));
    await (await openAppDb(file)).destroy();
    const quiet: string[] = [];
    warnIfAppDbIsLoose(file, (line) => quiet.push(line));
    expect(quiet).toEqual([]);

    chmodSync(file, 0o644); // as installs made before this check were
    const lines: string[] = [];
    warnIfAppDbIsLoose(file, (line) => lines.push(line));
    expect(lines).toEqual([
      `[pixvault] warning: other accounts on this machine can read the app database: ${file} is 0644; expected 0600 (chmod 600 "${file}")`,
    ]);
  });
});
