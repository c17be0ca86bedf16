/**
 * Build-time loader: the labs from their manifests (`labs/<id>-<slug>/lab.json`), reduced to
 * what lists and module pages show.
 */
import { defineLoader } from 'vitepress';
import { type LabSummary, loadSiteCourse, summariseLab } from '../../lib/course.ts';

declare const data: LabSummary[];

export { data };

export default defineLoader({
  watch: ['../../../labs/*/lab.json'],
  load(): LabSummary[] {
    return loadSiteCourse().labs.map(summariseLab);
  },
});
