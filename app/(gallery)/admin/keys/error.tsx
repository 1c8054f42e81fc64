'use client';
import { PageError } from '@/components/admin/ui/page-error';

export default function AdminKeysError({ reset }: { error: Error; reset: () => void }) {
  return <PageError what="The signing keys" reset={reset} />;
}
