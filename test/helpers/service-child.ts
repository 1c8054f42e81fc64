/**
 * The image service's real entry (lib/image-service/main.ts) in two steps, for tests that kill it over
 * and over: the modules load at once, and the service starts when a line arrives on stdin. The next
 * process can thus load while the previous one is still working, and take over the moment it is killed.
 */
import '@/lib/env';
import '@/lib/image-service/credentials';
import '@/lib/image-service/server';

process.stdin.once('data', () => {
  void import('@/lib/image-service/main');
});
