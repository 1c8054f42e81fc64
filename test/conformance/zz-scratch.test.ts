import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { it } from 'vitest';
import { jpeg } from '../helpers/images';
import { postFile, startTestService } from '../helpers/service';

it('restart keeps originals', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pv-'));
  const t = await startTestService({ dataDir });
  const made = await (await fetch(`${t.api}/v2/direct_upload`, { method: 'POST', headers: t.auth })).json();
  console.log((await postFile(made.result.uploadURL, await jpeg(50, 50))).status);
  console.log('A', readdirSync(path.join(dataDir, 'originals'), { recursive: true }));
  await t.stop();
  console.log('B', readdirSync(path.join(dataDir, 'originals'), { recursive: true }));
  const t2 = await startTestService({ dataDir });
  console.log('C', readdirSync(path.join(dataDir, 'originals'), { recursive: true }));
  await t2.stop();
});
