'use client';
// Placeholder until the image page lands.
export interface ImageDetailViewProps {
  id: string;
}
export function ImageDetailView({ id }: ImageDetailViewProps) {
  return <p>Image {id}</p>;
}
