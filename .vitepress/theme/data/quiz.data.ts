/**
 * Build-time loader: every `docs/modules/<folder>/quiz.json`, validated. An invalid file
 * fails the build (and shows an error overlay in dev) naming the file and the problem.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineLoader } from 'vitepress';
import { parseDataFile, Quiz } from '../../lib/quiz-schema.ts';

/** Module folder → its knowledge check. */
export type QuizData = Record<string, Quiz>;

declare const data: QuizData;

export { data };

export default defineLoader({
  watch: ['../../../docs/modules/*/quiz.json'],
  load(files: string[]): QuizData {
    const out: QuizData = {};
    for (const file of files) {
      const folder = path.basename(path.dirname(file));
      out[folder] = parseDataFile(
        Quiz,
        `docs/modules/${folder}/quiz.json`,
        readFileSync(file, 'utf8'),
      );
    }
    return out;
  },
});
