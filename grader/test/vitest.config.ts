/**
 * The grader's own tests (run by `npm test`): unit tests, golden fixtures of whole grading runs,
 * the content checker, the CLI contract, and property tests of the reference handlers.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  test: {
    root,
    include: ['grader/test/**/*.test.ts'],
    exclude: ['grader/test/fixtures/**'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', FORCE_COLOR: '0' },
  },
});
