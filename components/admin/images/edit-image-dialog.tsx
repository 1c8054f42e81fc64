'use client';
import { useEffect, useState } from 'react';
import { adminFetch } from '@/components/admin/ui/admin-fetch';
import { Modal } from '@/components/admin/ui/modal';
import { FormAlert } from '@/components/ui/form-alert';
import { type AdminImageMetadata, type AdminImageRow, RESERVED_METADATA_KEYS } from '@/lib/schemas/admin-images';
import { MetadataEditor, type MetadataPair, newPair } from './metadata-editor';

export interface EditImageDialogProps {
  image: AdminImageRow | null;
  onClose: () => void;
  onSaved: (message: string) => void;
}

type Loaded = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; meta: AdminImageMetadata };

/** Pairs → the object to send, or a sentence saying what is wrong with them. */
function toMetadata(pairs: readonly MetadataPair[]): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const { key: raw, value } of pairs) {
    const key = raw.trim();
    if (!key && !value) continue;
    if (!key) return 'Every metadata value needs a key.';
    if ((RESERVED_METADATA_KEYS as readonly string[]).includes(key)) return `“${key}” is kept by Pixvault.`;
    if (key in out) return `The key “${key}” appears twice.`;
    out[key] = value;
  }
  return out;
}

/** Retitle an image and edit its metadata (read from, and written to, the image service). */
export function EditImageDialog({ image, onClose, onSaved }: EditImageDialogProps) {
  const [title, setTitle] = useState('');
  const [pairs, setPairs] = useState<MetadataPair[]>([]);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!image) return;
    setTitle(image.title);
    setError(null);
    setPairs([]);
    if (image.status !== 'ready') {
      setLoaded({ state: 'error', message: 'Metadata can be edited once the upload has finished.' });
      return;
    }
    setLoaded({ state: 'loading' });
    let live = true;
    void adminFetch<AdminImageMetadata>(`/api/admin/images/${encodeURIComponent(image.id)}`).then((r) => {
      if (!live) return;
      if (!r.ok) return setLoaded({ state: 'error', message: r.message });
      setLoaded({ state: 'ready', meta: r.data });
      setPairs(Object.entries(r.data.metadata).map(([k, v]) => newPair(k, v)));
    });
    return () => {
      live = false;
    };
  }, [image]);

  const save = async () => {
    if (!image) return;
    const body: { title?: string; metadata?: Record<string, string> } = {};
    if (title.trim() !== image.title) body.title = title;
    if (loaded.state === 'ready') {
      const metadata = toMetadata(pairs);
      if (typeof metadata === 'string') return setError(metadata);
      if (JSON.stringify(metadata) !== JSON.stringify(loaded.meta.metadata)) body.metadata = metadata;
    }
    if (body.title === undefined && body.metadata === undefined) return onClose();
    setSaving(true);
    const r = await adminFetch<null>(`/api/admin/images/${encodeURIComponent(image.id)}`, { method: 'PATCH', body });
    setSaving(false);
    if (!r.ok) return setError(r.message);
    onSaved(`Saved “${body.title ?? image.title}”.`);
  };

  return (
    <Modal
      open={image !== null}
      title="Edit image"
      onClose={onClose}
      busy={saving}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={saving}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={() => void save()}
            disabled={saving || loaded.state === 'loading'}
          >
            {saving ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      <FormAlert message={error} />
      <div className="field">
        <label htmlFor="edit-title">Title</label>
        <input
          className="input"
          id="edit-title"
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
        />
      </div>
      {loaded.state === 'loading' && <p className="muted">Loading metadata…</p>}
      {loaded.state === 'error' && <p className="muted">{loaded.message}</p>}
      {loaded.state === 'ready' && (
        <MetadataEditor pairs={pairs} reserved={loaded.meta.reserved} onChange={setPairs} disabled={saving} />
      )}
    </Modal>
  );
}
