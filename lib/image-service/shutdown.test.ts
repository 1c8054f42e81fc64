/**
 * Shutdown waits for background work: a render of an eager variant that is still on its way to the
 * queue when `close()` starts must not write into the data folder (or touch the closed database)
 * after `close()` has resolved.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { toFile } from 'cloudflare';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jpeg } from '@/test/helpers/images';
import { startTestService } from '@/test/helpers/service';
import { Renders } from './renders';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('shutdown', () => {
  it('waits for background renders that had not reached the queue when close() started', async () => {
    const t = await startTestService({ eagerVariants: true, transformConcurrency: 1 });
    // Holds every render at its very start (before it looks at the disk or the queue) until close() has begun.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const renders: Promise<unknown>[] = [];
    let settled = 0;
    const variant = Renders.prototype.variant;
    vi.spyOn(Renders.prototype, 'variant').mockImplementation(function (
      this: Renders,
      ...args: Parameters<Renders['variant']>
    ) {
      const render = gate.then(() => variant.apply(this, args));
      renders.push(render);
      render.then(
        () => settled++,
        () => settled++,
      );
      return render;
    });
    await t.cf.images.v1.create({ account_id: t.accountId, file: await toFile(await jpeg(800, 600), 'a.jpg') });
    expect(renders.length).toBeGreaterThan(0); // the `public` variant at least

    const closed = t.svc.close();
    open();
    await closed;
    expect(settled).toBe(renders.length);

    await Promise.allSettled(renders);
    await rm(t.config.dataDir, { recursive: true });
    expect(existsSync(t.config.dataDir)).toBe(false);
  });
});
