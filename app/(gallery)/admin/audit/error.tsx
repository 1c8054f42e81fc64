'use client';
import { PageError } from '@/components/admin/ui/page-error';

export default function AdminAuditError({ reset }: { error: Error; reset: () => void }) {
  return <PageError what="The audit log" reset={reset} />;
}
