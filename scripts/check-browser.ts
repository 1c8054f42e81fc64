/** Before the browser tests: say clearly how to get a browser when there is none, instead of a stack trace. */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const configured = process.env.PLAYWRIGHT_CHROMIUM_PATH;
const candidates = configured ? [configured] : ['/usr/bin/chromium', chromium.executablePath()];
if (!candidates.some((p) => existsSync(p))) {
  console.error(
    [
      'No Chromium for the browser tests.',
      '  Debian/Ubuntu: sudo apt-get install -y chromium   (then npm test again)',
      '  elsewhere:     npx playwright install chromium',
      '  or set PLAYWRIGHT_CHROMIUM_PATH to a Chromium/Chrome binary.',
    ].join('\n'),
  );
  process.exit(1);
}
