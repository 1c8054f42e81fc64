// Below the admin layout's role check: a loading boundary streams, so a refusal above it stays a real 403.
import { PageLoading } from '@/components/ui/page-loading';

export default PageLoading;
