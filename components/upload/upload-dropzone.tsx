'use client';
// Placeholder until the uploader lands.
export function UploadDropzone() {
  return <p>Uploader</p>;
}
