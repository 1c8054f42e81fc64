import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { E2E } from './e2e/fixtures/env';

// Playwright cannot download its browser on every machine: use a system Chromium when there is one.
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  // A bound, never waited for: some tests upload and render several photos on a busy 2-core machine.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: E2E.appUrl,
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
  projects: [
    { name: 'setup', testMatch: /setup\.spec\.ts/ },
    {
      name: 'chromium',
      dependencies: ['setup'],
      testIgnore: /setup\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], channel: undefined },
    },
  ],
  webServer: {
    // A fresh data folder every run (the suite starts with first-run setup), removed after the app stops.
    command: 'exec node --import tsx e2e/fixtures/web-server.ts',
    // SIGTERM lets `npm start` finish its background renders and close its stores before the folder goes.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
    url: `${E2E.appUrl}/sign-in`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: 'pipe',
    env: E2E.serverEnv,
  },
});
