/**
 * Stages that parts of the course add to `npm test` beyond the grader's own (the site build,
 * the browser tests, …). Each returns a tally of the checks it ran.
 */
import path from 'node:path';
import type { Course } from '../manifest/load.ts';
import { nodeVersionStages } from './node-versions.ts';
import type { Tally } from './prove.ts';
import { command, vitestStage } from './test.ts';

export interface ExtraStage {
  name: string;
  run: (course: Course) => Promise<Tally>;
}

export const extraStages: ExtraStage[] = [
  {
    // One check: `vitepress build` exits 0 (it fails on dead links, invalid quiz data and
    // broken lab manifests).
    name: 'site build',
    run: (c) =>
      command(
        process.execPath,
        [path.join(c.root, 'node_modules', 'vitepress', 'bin', 'vitepress.js'), 'build'],
        c.root,
      ),
  },
  {
    // The built site in headless Chromium, checks of the built pages, and unit tests of the
    // site's code and the module pages' examples.
    name: 'site browser tests',
    run: (c) => vitestStage(c.root, '.vitepress/vitest.config.ts'),
  },
  // The grader's tests and the solution proofs again under Node 22 and 24 (Lambda's runtimes).
  ...nodeVersionStages,
];
