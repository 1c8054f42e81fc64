'use client';
import styles from './admin-images.module.css';

export interface MetadataPair {
  /** Stable React key for the row while its key text is edited. */
  rowId: number;
  key: string;
  value: string;
}

export interface MetadataEditorProps {
  pairs: readonly MetadataPair[];
  /** Pixvault's own keys (ownership, deployment): shown, never editable. */
  reserved: Readonly<Record<string, string>>;
  onChange: (pairs: MetadataPair[]) => void;
  disabled?: boolean;
}

let nextRowId = 1;
export const newPair = (key = '', value = ''): MetadataPair => ({ rowId: nextRowId++, key, value });

/** A small key/value editor for an image's metadata in the image service. */
export function MetadataEditor({ pairs, reserved, onChange, disabled }: MetadataEditorProps) {
  const set = (rowId: number, change: Partial<MetadataPair>) =>
    onChange(pairs.map((p) => (p.rowId === rowId ? { ...p, ...change } : p)));
  return (
    <fieldset className={styles.metadata} disabled={disabled}>
      <legend>Metadata</legend>
      {Object.keys(reserved).length > 0 && (
        <dl className={styles.reserved} aria-label="Kept by Pixvault">
          {Object.entries(reserved).map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      )}
      {pairs.map((p, i) => (
        <div key={p.rowId} className={styles.metaRow}>
          <input
            className="input"
            value={p.key}
            placeholder="key"
            aria-label={`Metadata key ${i + 1}`}
            maxLength={64}
            onChange={(e) => set(p.rowId, { key: e.target.value })}
          />
          <input
            className="input"
            value={p.value}
            placeholder="value"
            aria-label={`Metadata value ${i + 1}`}
            maxLength={512}
            onChange={(e) => set(p.rowId, { value: e.target.value })}
          />
          <button
            type="button"
            className="button"
            aria-label={`Remove metadata row ${i + 1}`}
            onClick={() => onChange(pairs.filter((q) => q.rowId !== p.rowId))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="button" onClick={() => onChange([...pairs, newPair()])}>
        Add a key
      </button>
    </fieldset>
  );
}
