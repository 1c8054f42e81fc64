import { describe, expect, it } from 'vitest';
import { QueueFullError, TransformQueue } from './queue';

const deferred = () => {
  let resolve!: (v: string) => void;
  const promise = new Promise<string>((r) => (resolve = r));
  return { promise, resolve };
};

describe('TransformQueue', () => {
  it('never runs more than the concurrency cap at once', async () => {
    const q = new TransformQueue(2, 100);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        q.run(`k${i}`, async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 5));
          running--;
        }),
      ),
    );
    expect(peak).toBe(2);
  });

  it('merges identical keys in flight into one run', async () => {
    const q = new TransformQueue(1, 10);
    let runs = 0;
    const d = deferred();
    const a = q.run('same', () => {
      runs++;
      return d.promise;
    });
    const b = q.run('same', () => {
      runs++;
      return d.promise;
    });
    d.resolve('done');
    expect(await Promise.all([a, b])).toEqual(['done', 'done']);
    expect(runs).toBe(1);
    expect(q.stats().merged).toBe(1);
  });

  it('refuses foreground work past the queue cap with a retry hint', async () => {
    const q = new TransformQueue(1, 1);
    const d = deferred();
    const running = q.run('a', () => d.promise);
    const queued = q.run('b', async () => 'b');
    await expect(q.run('c', async () => 'c')).rejects.toBeInstanceOf(QueueFullError);
    d.resolve('a');
    expect(await Promise.all([running, queued])).toEqual(['a', 'b']);
    expect(q.stats().rejected).toBe(1);
  });

  it('runs foreground work before queued background work, and promotes a background job a viewer waits for', async () => {
    const q = new TransformQueue(1, 10);
    const order: string[] = [];
    const d = deferred();
    const first = q.run('first', () => d.promise, 'background');
    const bg1 = q.run('bg1', async () => void order.push('bg1'), 'background');
    const bg2 = q.run('bg2', async () => void order.push('bg2'), 'background');
    const fg = q.run('fg', async () => void order.push('fg'));
    const promoted = q.run('bg2', async () => void order.push('never'));
    d.resolve('x');
    await Promise.all([first, bg1, bg2, fg, promoted]);
    expect(order).toEqual(['fg', 'bg2', 'bg1']);
  });

  it('propagates a failure to every merged caller and keeps going', async () => {
    const q = new TransformQueue(1, 10);
    const boom = () => Promise.reject(new Error('boom'));
    await expect(Promise.all([q.run('x', boom), q.run('x', boom)])).rejects.toThrow('boom');
    expect(await q.run('x', async () => 'ok')).toBe('ok');
    await q.idle();
  });

  it('answers Retry-After from the measured drain rate, not a fixed guess per job', async () => {
    let clock = 0;
    const q = new TransformQueue(2, 40, 10_000, () => clock);
    const fill = () => {
      const jobs = Array.from({ length: 42 }, () => deferred());
      const done = jobs.map((d, i) => q.run(`job-${clock}-${i}`, () => d.promise));
      return { jobs, done };
    };
    const refusal = () => q.run('one-more', async () => 'x').catch((err: unknown) => err);

    // Before anything finished: the slow initial guess of 1 s a job, 42 ahead on 2 workers.
    const first = fill();
    expect(await refusal()).toMatchObject({ retryAfterSeconds: 21 });
    for (const d of first.jobs) d.resolve('ok');
    await Promise.all(first.done);
    await q.idle();
    // Then every job takes 100 ms of the (pinned) clock: the queue drains ~20 jobs a second.
    for (let i = 0; i < 40; i++) {
      const one = deferred();
      const run = q.run(`timed-${i}`, () => one.promise);
      clock += 100;
      one.resolve('ok');
      await run;
      await q.idle();
    }
    const second = fill();
    expect(await refusal()).toMatchObject({ retryAfterSeconds: 3 });
    for (const d of second.jobs) d.resolve('ok');
    await Promise.all(second.done);
  });
});
