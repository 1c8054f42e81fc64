// Below the layouts that check roles: a loading boundary streams, and a redirect behind one would be a 200.
import { PageLoading } from '@/components/ui/page-loading';

export default PageLoading;
