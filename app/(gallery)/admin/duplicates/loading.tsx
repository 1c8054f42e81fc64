// Below the admin layout's role check: a loading boundary streams, so a refusal above it stays a real 403.
import { TableSkeleton } from '@/components/admin/ui/states';

export default function Loading() {
  return <TableSkeleton label="Loading the audit log" />;
}
