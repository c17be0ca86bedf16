/**
 * Build-time loader: every `docs/modules/<folder>/scenarios.json` (the "when to use it"
 * decisions), validated like the quizzes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineLoader } from 'vitepress';
import { parseDataFile, Scenarios } from '../../lib/quiz-schema.ts';

/** Module folder → its scenarios. */
export type ScenarioData = Record<string, Scenarios>;

declare const data: ScenarioData;

export { data };

export default defineLoader({
  watch: ['../../../docs/modules/*/scenarios.json'],
  load(files: string[]): ScenarioData {
    const out: ScenarioData = {};
    for (const file of files) {
      const folder = path.basename(path.dirname(file));
      out[folder] = parseDataFile(
        Scenarios,
        `docs/modules/${folder}/scenarios.json`,
        readFileSync(file, 'utf8'),
      );
    }
    return out;
  },
});
