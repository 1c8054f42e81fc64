/**
 * The uploader's side effects, framework-free so a test can drive 500 files with a fake transport and
 * fake timers. After every state change the component calls `sync(items)`; the scheduler then
 *  - mints one-time URLs in batches (one request for up to MAX_UPLOAD_BATCH waiting files, a few ahead
 *    of the upload slots), pausing the whole minting when the app answers 429 until its Retry-After;
 *  - starts up to MAX_PARALLEL_UPLOADS uploads of files that hold a URL (or only need recording); each
 *    new file is first hashed and the library asked whether it has it already (the row then stops at
 *    Skip / Upload anyway), and the hash goes with the completion call;
 *  - wakes files that wait to try again, and turns each failure into retry-later, failed or refused.
 * URLs are kept here, not in the rows: an expired one is dropped and minted again before use.
 */
import { MAX_UPLOAD_BATCH, type UploadTicket } from '@/lib/schemas/api';
import { DuplicateFound, sha256Hex } from './duplicate-check';
import { isAbort, runUpload, type Sleep } from './upload-pipeline';
import { MAX_PARALLEL_UPLOADS, nextToStart, type UploadAction, type UploadItem } from './upload-queue';
import { backoffMs, classify, MAX_AUTO_TRIES } from './upload-retry';
import { mintedTickets } from './upload-tickets';
import type { UploadTransport } from './upload-transport';

export interface SchedulerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulerDeps {
  transport: UploadTransport;
  clock?: SchedulerClock;
  random?: () => number;
  /** The file's hex SHA-256 (Web Crypto by default; tests pass a cheap one). */
  hash?: (file: File) => Promise<string>;
  /** A file was recorded and is in the gallery now. */
  onReady?: () => void;
}

const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** URLs minted ahead of the upload slots: enough that a slot never waits for a mint round trip. */
const TICKETS_AHEAD = MAX_PARALLEL_UPLOADS * 2;
/** A URL this close to expiry is not used: the upload could outlive it. */
const TICKET_MARGIN_MS = 2 * 60_000;

export class UploadScheduler {
  private items: readonly UploadItem[] = [];
  private readonly jobs = new Map<string, AbortController>();
  /** The attempt each row last started with: a stale `sync` must not start the same attempt twice. */
  private readonly started = new Map<string, number>();
  private readonly tickets = new Map<string, UploadTicket>();
  private readonly wakeTimers = new Map<string, unknown>();
  /** Content hashes, computed once per row; `cleared` rows passed the duplicate check already. */
  private readonly hashes = new Map<string, string>();
  private readonly cleared = new Set<string>();
  private minting: AbortController | null = null;
  private mintPausedUntil = 0;
  private mintFailures = 0;
  private mintTimer: unknown = null;
  private disposed = false;
  private readonly clock: SchedulerClock;
  private readonly random: () => number;
  private readonly hash: (file: File) => Promise<string>;

  constructor(
    private readonly dispatch: (action: UploadAction) => void,
    private readonly deps: SchedulerDeps,
  ) {
    this.clock = deps.clock ?? systemClock;
    this.random = deps.random ?? Math.random;
    this.hash = deps.hash ?? sha256Hex;
  }

  /** Called with the rows after every change. */
  sync(items: readonly UploadItem[]): void {
    this.items = items;
    if (this.disposed) return;
    this.releaseUnsent();
    this.wakeRetries();
    this.mint();
    this.startUploads();
  }

  /** Stops a row's running attempt (the reducer marks it cancelled). */
  cancel(key: string): void {
    this.jobs.get(key)?.abort();
    this.jobs.delete(key);
  }

  /** The page is going away: every request and timer stops. */
  dispose(): void {
    this.disposed = true;
    for (const controller of this.jobs.values()) controller.abort();
    this.jobs.clear();
    this.minting?.abort();
    for (const timer of this.wakeTimers.values()) this.clock.clearTimeout(timer);
    this.wakeTimers.clear();
    if (this.mintTimer !== null) this.clock.clearTimeout(this.mintTimer);
  }

  /**
   * URLs minted ahead for rows that are gone (Skip on a duplicate, Remove) are given back, so their
   * pending records do not wait for reconciliation. Best effort: reconciliation still drops any left.
   */
  private releaseUnsent(): void {
    if (this.tickets.size === 0) return;
    const present = new Set(this.items.map((i) => i.key));
    for (const [key, ticket] of this.tickets) {
      if (present.has(key)) continue;
      this.tickets.delete(key);
      this.deps.transport.release(ticket.id).catch(() => undefined);
    }
  }

  private usableTicket(item: UploadItem): UploadTicket | null {
    const ticket = this.tickets.get(item.key);
    if (!ticket) return null;
    if (Date.parse(ticket.expiresAt) - this.clock.now() > TICKET_MARGIN_MS) return ticket;
    this.tickets.delete(item.key); // expired, or about to: a fresh one is minted
    return null;
  }

  private wakeRetries(): void {
    const retrying = new Map(this.items.flatMap((i) => (i.status.kind === 'retrying' ? [[i.key, i.status.at]] : [])));
    for (const [key, timer] of this.wakeTimers) {
      if (retrying.has(key)) continue;
      this.clock.clearTimeout(timer);
      this.wakeTimers.delete(key);
    }
    for (const [key, at] of retrying) {
      if (this.wakeTimers.has(key)) continue;
      const timer = this.clock.setTimeout(
        () => {
          this.wakeTimers.delete(key);
          this.dispatch({ type: 'wake', key });
        },
        Math.max(0, at - this.clock.now()),
      );
      this.wakeTimers.set(key, timer);
    }
  }

  private mint(): void {
    if (this.minting || this.mintTimer !== null) return;
    const waiting = this.items.filter((i) => i.status.kind === 'waiting' && i.recordId === null);
    const ahead = waiting.filter((i) => this.usableTicket(i) !== null).length;
    const wanted = waiting.filter((i) => !this.tickets.has(i.key)).slice(0, MAX_UPLOAD_BATCH);
    if (ahead >= TICKETS_AHEAD || wanted.length === 0) return;
    const wait = this.mintPausedUntil - this.clock.now();
    if (wait > 0) {
      this.mintTimer = this.clock.setTimeout(() => {
        this.mintTimer = null;
        this.sync(this.items);
      }, wait);
      return;
    }
    const controller = new AbortController();
    this.minting = controller;
    const files = wanted.map((i) => ({ filename: i.file.name, size: i.file.size, type: i.type }));
    this.deps.transport.mint(files, controller.signal).then(
      (answers) => {
        const outcome = mintedTickets(wanted, answers);
        for (const [key, ticket] of outcome.tickets) this.tickets.set(key, ticket);
        for (const { key, message } of outcome.refused) this.dispatch({ type: 'refused', key, attempt: null, message });
        this.afterMint(outcome.retryAfterMs, outcome.failed);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        const verdict = classify(err);
        if (verdict.kind === 'transient') this.afterMint(verdict.retryAfterMs, true);
        else {
          for (const { key } of wanted)
            this.dispatch({ type: 'refused', key, attempt: null, message: verdict.message });
          this.afterMint(null, false);
        }
      },
    );
  }

  /** Pauses minting when the app asked for a wait (or failed), then looks at the rows again. */
  private afterMint(retryAfterMs: number | null, failed: boolean): void {
    this.minting = null;
    if (this.disposed) return;
    if (retryAfterMs !== null || failed) {
      this.mintPausedUntil = this.clock.now() + backoffMs(this.mintFailures, retryAfterMs, this.random);
      if (retryAfterMs === null) this.mintFailures++;
    } else this.mintFailures = 0;
    this.sync(this.items);
  }

  private startUploads(): void {
    const idle = this.items.filter((i) => !this.jobs.has(i.key) && this.started.get(i.key) !== i.attempt);
    const ready = (i: UploadItem) => i.recordId !== null || this.usableTicket(i) !== null;
    for (const item of nextToStart(idle, this.jobs.size, ready)) this.start(item);
  }

  private start(item: UploadItem): void {
    const { key, attempt } = item;
    const controller = new AbortController();
    this.jobs.set(key, controller);
    this.started.set(key, attempt);
    const ticket = item.recordId === null ? this.usableTicket(item) : null;
    this.dispatch({ type: 'start', key });
    // Free the slot before reporting, so the sync that follows can start the next file.
    const release = () => {
      if (this.jobs.get(key) === controller) this.jobs.delete(key);
    };
    const sleep: Sleep = (ms, signal) => this.sleep(ms, signal);
    this.contentCheck(item, controller.signal)
      .then((sha256) =>
        runUpload({
          file: item.file,
          ticket,
          recordId: item.recordId,
          sha256,
          signal: controller.signal,
          transport: this.deps.transport,
          sleep,
          onProgress: (loaded, total) => this.dispatch({ type: 'progress', key, attempt, loaded, total }),
          onSent: (recordId) => {
            this.tickets.delete(key); // used: never sent to again
            this.dispatch({ type: 'sent', key, attempt, recordId });
          },
        }),
      )
      .then(
        (outcome) => {
          release();
          this.dispatch({ type: 'done', key, attempt, delayed: outcome === 'pending' });
          if (outcome === 'ready') this.deps.onReady?.();
        },
        (err: unknown) => {
          release();
          if (err instanceof DuplicateFound) {
            // The row waits for Skip or Upload anyway; its URL is kept for the latter.
            this.dispatch({ type: 'duplicate', key, attempt, match: err.match });
            return;
          }
          if (isAbort(err, controller.signal)) {
            // After a Cancel the reducer has moved on and ignores this; it only lands if the abort
            // raced the switch to "Processing", and then a retry just asks the app again.
            this.dispatch({
              type: 'failed',
              key,
              attempt,
              message: 'Stopped before the image was recorded.',
              resumable: true,
            });
            return;
          }
          this.onFailure(item, ticket, err);
        },
      );
  }

  /**
   * The first step of a new file: its SHA-256 (once per row), and unless "Upload anyway" was chosen
   * the library asked whether it holds that content already (throws DuplicateFound). Resolves the hash
   * for the completion call; a row whose bytes are at the service already skips the question.
   */
  private async contentCheck(item: UploadItem, signal: AbortSignal): Promise<string | null> {
    const known = this.hashes.get(item.key);
    if (item.recordId !== null) return known ?? null;
    const sha256 = known ?? (await this.hash(item.file));
    this.hashes.set(item.key, sha256);
    if (item.allowDuplicate || this.cleared.has(item.key)) return sha256;
    const match = await this.deps.transport.duplicate(sha256, signal);
    if (match) throw new DuplicateFound(match);
    this.cleared.add(item.key);
    return sha256;
  }

  private onFailure(item: UploadItem, ticket: UploadTicket | null, err: unknown): void {
    const { key, attempt } = item;
    const verdict = classify(err);
    if (verdict.kind === 'permanent') {
      this.tickets.delete(key);
      this.dispatch({ type: 'refused', key, attempt, message: verdict.message });
      return;
    }
    if (verdict.kind === 'sent' && ticket) {
      // "Already used": an earlier try's bytes arrived; only recording is left.
      this.tickets.delete(key);
      this.dispatch({ type: 'sent', key, attempt, recordId: ticket.id });
      this.dispatch({
        type: 'retryLater',
        key,
        attempt,
        message: verdict.message,
        at: this.clock.now(),
        counts: true,
        resend: false,
      });
      return;
    }
    const transient = verdict.kind === 'transient' ? verdict : null;
    if (transient?.urlDead) this.tickets.delete(key);
    const counts = transient?.counts ?? true;
    if (counts && item.tries + 1 >= MAX_AUTO_TRIES) {
      this.dispatch({ type: 'failed', key, attempt, message: verdict.message, resumable: !transient?.urlDead });
      return;
    }
    const at = this.clock.now() + backoffMs(item.tries, transient?.retryAfterMs ?? null, this.random);
    this.dispatch({
      type: 'retryLater',
      key,
      attempt,
      message: verdict.message,
      at,
      counts,
      resend: Boolean(transient?.urlDead),
    });
  }

  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.clock.clearTimeout(timer);
        reject(new DOMException('The upload was cancelled.', 'AbortError'));
      };
      const timer = this.clock.setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
