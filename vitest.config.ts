/**
 * Runs the hidden suites with plain vitest, for course authors:
 *   npx vitest run grader/suites/lab-01-hello-lambda            # against labs/ (the starters)
 *   LAB_TARGET=solutions npx vitest run grader/suites/lab-01-hello-lambda
 * The grader (npm run grade) builds the very same configuration; see grader/vitest/config.ts.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { suiteConfig } from './grader/vitest/config.ts';

const root = fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '');

export default defineConfig(suiteConfig({ root, target: process.env.LAB_TARGET ?? 'labs' }));
