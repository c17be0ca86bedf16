/**
 * Runs once before the site's tests: builds the site when it is missing or older than its
 * sources (npm test's "site build" stage has usually just built it), and says once, clearly,
 * when the browser tests cannot run here.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { CHROMIUM, hasChromium, ROOT, staleReason } from './site.ts';

export default function setup(): void {
  const reason = staleReason();
  if (reason) {
    process.stdout.write(`Building the site first (${reason}): vitepress build…\n`);
    const result = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules', 'vitepress', 'bin', 'vitepress.js'), 'build'],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
    if (result.status !== 0)
      throw new Error(
        'vitepress build failed: the site tests need a built site. Run npm run build to see why.',
      );
  }
  if (!hasChromium()) {
    process.stdout.write(
      `\nBrowser tests SKIPPED: no Chromium at ${CHROMIUM}. Install it with "apt-get install chromium" (CI does), or set CHROMIUM_PATH. The built-page and unit tests still run.\n\n`,
    );
  }
}
