/**
 * The site's own tests: browser tests of the built site (headless Chromium through
 * playwright-core), checks of the built pages, and unit tests of the site's TypeScript.
 *   npx vitest run --config .vitepress/vitest.config.ts
 * The global setup builds the site first when docs/, .vitepress/ or a lab changed since
 * the last build.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  test: {
    include: ['.vitepress/tests/**/*.test.ts'],
    globalSetup: ['.vitepress/tests/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One Chromium at a time: the machines have two cores.
    fileParallelism: false,
  },
});
