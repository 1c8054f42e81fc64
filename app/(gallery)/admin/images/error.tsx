'use client';
import { PageError } from '@/components/admin/ui/page-error';

export default function AdminImagesError({ reset }: { error: Error; reset: () => void }) {
  return <PageError what="The images" reset={reset} />;
}
