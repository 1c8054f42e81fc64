'use client';
import { PageError } from '@/components/admin/ui/page-error';

export default function AdminUsersError({ reset }: { error: Error; reset: () => void }) {
  return <PageError what="The users" reset={reset} />;
}
