/**
 * Configures the app for a unit test before its modules read the configuration: a throwaway data
 * folder, and either Cloudflare-shaped placeholder credentials (account hash `HASH`, signing key
 * `signing-key`; nothing is called) or an embedded image service started by the test.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import type { TestService } from './service';

export function stubAppEnv(service?: TestService): void {
  vi.stubEnv('PIXVAULT_DATA_DIR', mkdtempSync(path.join(tmpdir(), 'pixvault-app-')));
  vi.stubEnv('PIXVAULT_IMAGE_BACKEND', 'cloudflare');
  vi.stubEnv('AUTH_SECRET', 'x'.repeat(32));
  if (service) {
    vi.stubEnv('CLOUDFLARE_API_BASE_URL', `${service.svc.url}/client/v4`);
    vi.stubEnv('CLOUDFLARE_DELIVERY_BASE_URL', service.svc.url);
  } else {
    // Nothing listens there: a call the test did not expect (such as reading the signing keys) fails
    // at once on this machine instead of reaching the internet.
    vi.stubEnv('CLOUDFLARE_API_BASE_URL', 'http://127.0.0.1:1/client/v4');
  }
  vi.stubEnv('CLOUDFLARE_ACCOUNT_ID', service?.config.accountId ?? 'acc');
  vi.stubEnv('CLOUDFLARE_ACCOUNT_HASH', service?.config.accountHash ?? 'HASH');
  vi.stubEnv('CLOUDFLARE_API_TOKEN', service?.config.apiToken ?? 'token');
  vi.stubEnv('CLOUDFLARE_IMAGES_SIGNING_KEY', service?.config.signingKey ?? 'signing-key');
}
