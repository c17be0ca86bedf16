/**
 * One page per lab, generated from its manifest (labs/<dir>/lab.json) and its README.
 * A new lab folder gets its page with no change here.
 */
import { loadSiteCourse, REPO_ROOT } from '../../.vitepress/lib/course.ts';
import { readLabReadme, renderLabPage } from '../../.vitepress/lib/lab-page.ts';

export default {
  paths() {
    const { labs } = loadSiteCourse(REPO_ROOT);
    return labs.map((lab) => ({
      params: { lab: lab.dir, id: lab.id },
      content: renderLabPage({
        lab,
        labs,
        root: REPO_ROOT,
        readme: readLabReadme(REPO_ROOT, lab.dir),
      }),
    }));
  },
};
