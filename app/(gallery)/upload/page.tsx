import type { Metadata } from 'next';
import { UploadDropzone } from '@/components/upload/upload-dropzone';
import { requirePageUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Upload' };

export default async function UploadPage() {
  await requirePageUser('uploader');
  return (
    <>
      <h1>Upload images</h1>
      <UploadDropzone />
    </>
  );
}
