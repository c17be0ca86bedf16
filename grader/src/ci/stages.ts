/**
 * Stages that parts of the course add to `npm test` beyond the grader's own (the site build,
 * the browser tests, …). Each returns a tally of the checks it ran.
 */
import type { Course } from '../manifest/load.ts';
import type { Tally } from './prove.ts';

export interface ExtraStage {
  name: string;
  run: (course: Course) => Promise<Tally>;
}

export const extraStages: ExtraStage[] = [];
