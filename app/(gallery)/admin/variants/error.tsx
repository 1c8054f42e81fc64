'use client';
import { PageError } from '@/components/admin/ui/page-error';

export default function AdminVariantsError({ reset }: { error: Error; reset: () => void }) {
  return <PageError what="The variants" reset={reset} />;
}
