'use client';
import { useState } from 'react';
import type { PreviewCandidate } from '@/lib/admin/variant-preview';
import type { ConsoleVariant } from '@/lib/admin/variants';
import { VariantForm } from './variant-form';
import { VariantPreviewPanel } from './variant-preview-panel';
import { VariantTable } from './variant-table';
import styles from './variants.module.css';

export interface VariantsManagerProps {
  variants: readonly ConsoleVariant[];
  images: readonly PreviewCandidate[];
}

/** The variants table, the create/edit form and the preview, sharing which variant and image are chosen. */
export function VariantsManager({ variants, images }: VariantsManagerProps) {
  const [editing, setEditing] = useState<ConsoleVariant | null>(null);
  const [previewVariant, setPreviewVariant] = useState(variants.find((v) => !v.lockedBecause)?.id ?? 'thumbnail');
  const [imageId, setImageId] = useState(images[0]?.id ?? '');
  const image = images.find((i) => i.id === imageId) ?? null;

  return (
    <>
      <VariantTable
        variants={variants}
        onEdit={(v) => {
          setEditing(v);
          setPreviewVariant(v.id);
        }}
        onPreview={(id) => setPreviewVariant(id)}
      />
      <div className={styles.panels}>
        <VariantForm
          key={editing?.id ?? 'new'}
          editing={editing}
          image={image}
          onSaved={setPreviewVariant}
          onCancel={() => setEditing(null)}
        />
        <VariantPreviewPanel
          variants={variants}
          images={images}
          variant={previewVariant}
          imageId={imageId}
          onVariant={setPreviewVariant}
          onImage={setImageId}
        />
      </div>
    </>
  );
}
