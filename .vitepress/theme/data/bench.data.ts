/**
 * Build-time loader: the latest `npm run bench` results (docs/public/bench/latest.json, written
 * by grader/src/bench/command.ts), or null before the first run. The Performance page renders
 * them; the same file is published at /bench/latest.json for anyone who wants the raw figures.
 */
import { readFileSync } from 'node:fs';
import { defineLoader } from 'vitepress';
import type { BenchResults } from '../../../grader/src/bench/results.ts';

export type { BenchResults };

declare const data: BenchResults | null;

export { data };

export default defineLoader({
  watch: ['../../../docs/public/bench/latest.json'],
  load(files: string[]): BenchResults | null {
    const file = files[0];
    if (!file) return null;
    const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
    if (results.version !== 1)
      throw new Error(
        `docs/public/bench/latest.json: version ${results.version} is not one this page reads (1). Run npm run bench to rewrite it.`,
      );
    return results;
  },
});
