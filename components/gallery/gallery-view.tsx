'use client';
// Placeholder until the gallery lands.
export interface GalleryViewProps {
  canUpload: boolean;
}
export function GalleryView({ canUpload }: GalleryViewProps) {
  return <p>Gallery {canUpload ? '(can upload)' : ''}</p>;
}
