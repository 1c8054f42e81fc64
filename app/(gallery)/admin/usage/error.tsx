'use client';
import { PageError } from '@/components/admin/ui/page-error';

export default function AdminUsageError({ reset }: { error: Error; reset: () => void }) {
  return <PageError what="The usage figures" reset={reset} />;
}
