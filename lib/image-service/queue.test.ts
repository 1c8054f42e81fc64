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

describe('TransformQueue memory admission', () => {
  const MB = 1024 * 1024;
  /** A queue of 4 workers, 100 MB of budget, a pinned clock; jobs finish when the test says so. */
  const setup = (queueMax = 16) => {
    const q = new TransformQueue(4, queueMax, 10_000, () => 0, 100 * MB);
    const started: string[] = [];
    const gates = new Map<string, ReturnType<typeof deferred>>();
    const job = (key: string, mb: number, priority: 'foreground' | 'background' = 'foreground') => {
      const gate = deferred();
      gates.set(key, gate);
      const done = q.run(
        key,
        () => {
          started.push(key);
          return gate.promise;
        },
        priority,
        mb * MB,
      );
      return done;
    };
    const finish = async (key: string, done: Promise<unknown>) => {
      gates.get(key)?.resolve(key);
      await done;
    };
    return { q, started, job, finish };
  };

  it('runs jobs together only while their estimates fit in the budget, in order', async () => {
    const { q, started, job, finish } = setup();
    const a = job('a', 40);
    const b = job('b', 40);
    const c = job('c', 40); // 120 MB would exceed the budget: waits although workers are free
    const d = job('d', 10); // fits, but waits behind c so a heavy job is never starved
    expect(started).toEqual(['a', 'b']);
    expect(q.stats()).toMatchObject({ running: 2, memory: 80 * MB, foreground: 2 });
    await finish('a', a);
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    expect(q.stats()).toMatchObject({ running: 3, memory: 90 * MB });
    await Promise.all([finish('b', b), finish('c', c), finish('d', d)]);
    expect(q.stats()).toMatchObject({ running: 0, memory: 0 });
  });

  it('runs a job larger than the whole budget alone', async () => {
    const { q, started, job, finish } = setup();
    const small = job('small', 10);
    const huge = job('huge', 300);
    const after = job('after', 10);
    expect(started).toEqual(['small']);
    await finish('small', small);
    expect(started).toEqual(['small', 'huge']); // alone: nothing else starts beside it
    expect(q.stats()).toMatchObject({ running: 1, memory: 300 * MB, foreground: 1 });
    await finish('huge', huge);
    expect(started).toEqual(['small', 'huge', 'after']);
    await finish('after', after);
  });

  it('keeps background work behind the budget too', async () => {
    const { started, job, finish } = setup();
    const fg = job('fg', 70);
    const bg = job('bg', 40, 'background');
    expect(started).toEqual(['fg']);
    await finish('fg', fg);
    expect(started).toEqual(['fg', 'bg']);
    await finish('bg', bg);
  });

  it('refuses past the queue bound with a Retry-After counted on the jobs that fit at once', async () => {
    const { job, q } = setup(2);
    // Four workers but 60 MB jobs: one runs at a time. Drain rate: the initial guess of 1 s a job.
    const jobs = [job('r', 60), job('w1', 60), job('w2', 60)];
    expect(q.stats()).toMatchObject({ running: 1, foreground: 2 });
    const refused = await q.run('one-more', async () => 'x', 'foreground', 60 * MB).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(QueueFullError);
    // 3 ahead, 1 at a time, 1 s each: 3 s (4 workers would have said 1 s).
    expect(refused).toMatchObject({ retryAfterSeconds: 3 });
    const smallRefused = await q.run('small', async () => 'x', 'foreground', 1 * MB).catch((e: unknown) => e);
    expect(smallRefused).toMatchObject({ retryAfterSeconds: 2 }); // average 45 MB: 2 at a time
    for (const p of jobs) p.catch(() => undefined);
    expect(q.stats().rejected).toBe(2);
  });

  it('admits a job at once when nothing waits and it fits, even with a queue bound of 0', async () => {
    const { started, job, finish } = setup(0);
    const a = job('a', 50);
    expect(started).toEqual(['a']);
    await expect(job('b', 60)).rejects.toBeInstanceOf(QueueFullError);
    await finish('a', a);
  });
});
