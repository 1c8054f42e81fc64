/** Account settings (`v1/config`): flexible variants, browser TTL, content credentials. */
import { z } from 'zod';
import { invalidInput } from '@/lib/cloudflare-images/errors';
import type { Db } from './db';

export const settingsSchema = z.object({
  flexible_variants: z.boolean(),
  browser_ttl: z.number().int().min(3600).max(31_536_000),
  preserve_content_credentials: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

/** Cloudflare's defaults: flexible variants off, browser TTL two days. */
export const DEFAULT_SETTINGS: Settings = {
  flexible_variants: false,
  browser_ttl: 172_800,
  preserve_content_credentials: false,
};

export class SettingsStore {
  private settings: Settings;

  constructor(private readonly db: Db) {
    const rows = db.prepare('SELECT key, value FROM config').all() as { key: string; value: string }[];
    const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
    this.settings = settingsSchema.parse({ ...DEFAULT_SETTINGS, ...stored });
  }

  get(): Settings {
    return { ...this.settings };
  }

  /** The settings as they are, not copied: delivery reads them on every request. */
  current(): Readonly<Settings> {
    return this.settings;
  }

  patch(body: unknown): Settings {
    const parsed = settingsSchema.partial().strict().safeParse(body);
    if (!parsed.success) throw invalidInput('config', parsed.error.issues);
    const upsert = this.db.prepare(
      'INSERT INTO config (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(parsed.data)) upsert.run(key, JSON.stringify(value));
    })();
    this.settings = { ...this.settings, ...parsed.data };
    return this.get();
  }
}
