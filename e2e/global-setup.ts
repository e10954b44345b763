import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Fails early, and clearly, when no Chromium is available. */
export default async function globalSetup(): Promise<void> {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit && !existsSync(explicit)) throw new Error(`CHROMIUM_PATH is set to ${explicit}, which does not exist.`);
  if (explicit || existsSync('/usr/bin/chromium')) return;
  if (existsSync(chromium.executablePath())) return;
  throw new Error(
    'No Chromium for the browser tests. Install either Debian\'s chromium (`sudo apt-get install chromium`, used from /usr/bin/chromium) ' +
      'or Playwright\'s own browser (`npx playwright install chromium`).',
  );
}
