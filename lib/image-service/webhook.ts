/**
 * Direct-upload notifications, Cloudflare-style: POSTed to a configured URL with the shared secret in
 * `cf-webhook-auth`. Kept in an SQLite outbox so a failure (or a restart) only delays delivery;
 * retried with exponential backoff.
 */
import type { Db } from './db';

export interface WebhookData {
  image_id: string;
  status: 'uploaded' | 'failed';
  account_id: string;
  filename?: string | null;
  error?: string;
}

interface OutboxRow {
  id: number;
  payload: string;
  attempts: number;
}

export const MAX_ATTEMPTS = 10;
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 60 * 60 * 1000;
const TIMEOUT_MS = 10_000;

export class Webhooks {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly target: { url: string; secret: string } | null,
    private readonly now: () => number,
  ) {
    if (target) {
      this.timer = setInterval(() => void this.runDue(), 1000);
      this.timer.unref();
    }
  }

  enqueue(data: WebhookData): void {
    if (!this.target) return;
    const ts = Math.floor(this.now() / 1000);
    const payload = {
      name: 'Images',
      text: `Image ${data.image_id} ${data.status === 'uploaded' ? 'was uploaded' : 'failed to upload'}`,
      data,
      ts,
      account_id: data.account_id,
      alert_type: 'image_notification',
      alert_event: data.status === 'uploaded' ? 'image_uploaded' : 'image_upload_failed',
    };
    this.db
      .prepare('INSERT INTO webhook_outbox (payload, next_attempt) VALUES (?, ?)')
      .run(JSON.stringify(payload), this.now());
    void this.runDue();
  }

  /** Sends every notification that is due; one pass at a time. */
  runDue(): Promise<void> {
    this.running ??= this.sendDue().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async sendDue(): Promise<void> {
    if (!this.target) return;
    const due = this.db
      .prepare('SELECT id, payload, attempts FROM webhook_outbox WHERE next_attempt <= ? ORDER BY id LIMIT 50')
      .all(this.now()) as OutboxRow[];
    for (const row of due) {
      const error = await this.post(row.payload);
      if (error === null) {
        this.db.prepare('DELETE FROM webhook_outbox WHERE id = ?').run(row.id);
      } else if (row.attempts + 1 >= MAX_ATTEMPTS) {
        console.error(`[image-service] webhook gave up after ${MAX_ATTEMPTS} attempts: ${error}`);
        this.db.prepare('DELETE FROM webhook_outbox WHERE id = ?').run(row.id);
      } else {
        const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** row.attempts);
        this.db
          .prepare('UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt = ?, last_error = ? WHERE id = ?')
          .run(this.now() + delay, error, row.id);
      }
    }
  }

  private async post(payload: string): Promise<string | null> {
    if (!this.target) return null;
    try {
      const res = await fetch(this.target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-webhook-auth': this.target.secret },
        body: payload,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'manual',
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.ok ? null : `HTTP ${res.status}`;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }

  pending(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM webhook_outbox').get() as { n: number }).n;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
