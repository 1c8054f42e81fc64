'use client';
import { PageError } from '@/components/admin/ui/page-error';

export default function AdminDuplicatesError({ reset }: { error: Error; reset: () => void }) {
  return <PageError what="The duplicate groups" reset={reset} />;
}
