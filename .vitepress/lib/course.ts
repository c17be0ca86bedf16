/**
 * The lab manifests as the site uses them. Everything the site shows about labs (sidebar,
 * lab pages, lab lists) comes from `labs/<id>-<slug>/lab.json` through the grader's own
 * loader, so nothing about a lab is written twice.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Course, loadCourse } from '../../grader/src/manifest/load.ts';
import type { Lab } from '../../grader/src/manifest/schema.ts';
import { findModule, labRoute, moduleRoute } from './modules.ts';

/** The repository root (the folder holding `.vitepress/`, `docs/`, `labs/`). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Loads and validates every lab manifest. In a build (`vitepress build`, which sets NODE_ENV
 * to production) a broken manifest fails the site with every problem listed, rather than
 * silently dropping the lab. In the dev server a lab being written (a folder without its
 * manifest yet) only logs a warning, so the rest of the site keeps working.
 */
export function loadSiteCourse(
  root: string = REPO_ROOT,
  strict = process.env.NODE_ENV === 'production',
): Course {
  const course = loadCourse(root);
  const problems = course.problems.map((p) => `  ${p.file}: ${p.message}`);
  for (const lab of course.labs) {
    if (!findModule(lab.module)) {
      problems.push(
        `  labs/${lab.dir}/lab.json: module ${lab.module} is not one of the course's modules (1–9)`,
      );
    }
  }
  if (problems.length > 0) {
    const message = `${problems.length} lab manifest problem(s):\n${problems.join('\n')}\nRun npm run check:content for the fixes.`;
    if (strict) throw new Error(`The site cannot be built: ${message}`);
    console.warn(`[course site] Labs left out of the site: ${message}`);
    return { ...course, labs: course.labs.filter((lab) => findModule(lab.module)) };
  }
  return course;
}

/** What the browser needs to know about a lab (lists and module pages). */
export interface LabSummary {
  id: string;
  dir: string;
  title: string;
  summary: string;
  module: number;
  minutes: number;
  maxScore: number;
  checks: number;
  prerequisites: string[];
  /** The lab page, e.g. `/labs/lab-01-hello-lambda`. */
  link: string;
  /** The module page that teaches it. */
  moduleLink: string;
}

export function summariseLab(lab: Lab): LabSummary {
  const module = findModule(lab.module);
  return {
    id: lab.id,
    dir: lab.dir,
    title: lab.title,
    summary: lab.summary,
    module: lab.module,
    minutes: lab.minutes,
    maxScore: lab.maxScore,
    checks: lab.tasks.reduce((n, t) => n + t.checks.length, 0),
    prerequisites: [...lab.prerequisites],
    link: labRoute(lab.dir),
    moduleLink: module ? moduleRoute(module) : lab.docs,
  };
}
