/** Named variants (`v1/variants`): SQLite-backed, mirrored in memory for delivery. */
import { badRequest, cfError, invalidInput } from '@/lib/cloudflare-images/errors';
import { optionsFromVariant, type TransformOptions } from '@/lib/cloudflare-images/options';
import {
  MAX_VARIANTS,
  PUBLIC_VARIANT,
  type Variant,
  variantCreateSchema,
  variantUpdateSchema,
} from '@/lib/cloudflare-images/variants';
import type { Db } from './db';

interface VariantRow {
  id: string;
  options: string;
  never_require_signed: number;
}

export class VariantRegistry {
  private map = new Map<string, Variant>();
  /** Transform options per variant, built once per definition (delivery asks on every request). */
  private options = new Map<string, TransformOptions>();

  /** `onChange(id)` runs after a variant's definition changed or it was deleted, to drop its generated files. */
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    private readonly onChange: (id: string) => void,
  ) {
    db.prepare('INSERT OR IGNORE INTO variants (id, options, never_require_signed, created) VALUES (?, ?, ?, ?)').run(
      PUBLIC_VARIANT.id,
      JSON.stringify(PUBLIC_VARIANT.options),
      0,
      now(),
    );
    this.reload();
  }

  private reload(): void {
    const rows = this.db
      .prepare('SELECT id, options, never_require_signed FROM variants ORDER BY created, id')
      .all() as VariantRow[];
    this.map = new Map(
      rows.map((r) => [
        r.id,
        { id: r.id, options: JSON.parse(r.options), neverRequireSignedURLs: r.never_require_signed === 1 },
      ]),
    );
    this.options = new Map([...this.map.values()].map((v) => [v.id, optionsFromVariant(v.options)]));
  }

  /** The same object for as long as the definition stands, so callers may cache by identity. */
  transformOptions(id: string): TransformOptions | undefined {
    return this.options.get(id);
  }

  get(id: string): Variant | undefined {
    return this.map.get(id);
  }

  list(): Variant[] {
    return [...this.map.values()];
  }

  names(): string[] {
    return [...this.map.keys()];
  }

  mustGet(id: string): Variant {
    const v = this.map.get(id);
    if (!v) throw cfError(5401, `Variant "${id}" not found.`);
    return v;
  }

  create(body: unknown): Variant {
    const parsed = variantCreateSchema.safeParse(body);
    if (!parsed.success) throw invalidInput('variant', parsed.error.issues);
    const { id, options, neverRequireSignedURLs = false } = parsed.data;
    if (this.map.has(id)) throw cfError(5409, `Variant "${id}" already exists.`);
    if (this.map.size >= MAX_VARIANTS) {
      throw cfError(5453, `An account can have at most ${MAX_VARIANTS} variants.`, { status: 400 });
    }
    this.db
      .prepare('INSERT INTO variants (id, options, never_require_signed, created) VALUES (?, ?, ?, ?)')
      .run(id, JSON.stringify(options), neverRequireSignedURLs ? 1 : 0, this.now());
    this.reload();
    return this.mustGet(id);
  }

  update(id: string, body: unknown): Variant {
    const current = this.mustGet(id);
    const parsed = variantUpdateSchema.safeParse(body);
    if (!parsed.success) throw invalidInput('variant', parsed.error.issues);
    const never = parsed.data.neverRequireSignedURLs ?? current.neverRequireSignedURLs;
    this.db
      .prepare('UPDATE variants SET options = ?, never_require_signed = ? WHERE id = ?')
      .run(JSON.stringify(parsed.data.options), never ? 1 : 0, id);
    this.reload();
    this.onChange(id);
    return this.mustGet(id);
  }

  delete(id: string): void {
    this.mustGet(id);
    if (id === PUBLIC_VARIANT.id) throw badRequest('The "public" variant cannot be deleted.');
    this.db.prepare('DELETE FROM variants WHERE id = ?').run(id);
    this.reload();
    this.onChange(id);
  }
}
