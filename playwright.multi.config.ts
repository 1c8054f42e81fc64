/**
 * The two-instance browser tests (`npm run test:e2e:multi`): two app instances on one PostgreSQL
 * database and one embedded image service, started by e2e/multi/global-setup.ts. Separate from the
 * main suite (playwright.config.ts), which runs one instance on SQLite.
 */
import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'e2e/multi',
  // `.multi.ts`, so the main suite (every *.spec.ts under e2e/) never picks these up.
  testMatch: /\.multi\.ts$/,
  outputDir: 'test-results/multi',
  fullyParallel: false,
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  globalSetup: './e2e/multi/global-setup.ts',
  use: {
    ...devices['Desktop Chrome'],
    channel: undefined,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
