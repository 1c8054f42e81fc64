'use client';
import { PageError } from '@/components/admin/ui/page-error';

export default function AdminError({ reset }: { error: Error; reset: () => void }) {
  return <PageError what="The admin console" reset={reset} />;
}
