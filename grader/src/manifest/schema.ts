/**
 * The lab manifest: every lab is declared once, in `labs/<id>-<slug>/lab.json`.
 *
 * The CLI, the site (sidebar and lab pages), the content checker, the cohort grader and CI
 * all read these files through {@link loadCourse}; nothing else lists labs.
 */
import { z } from 'zod';

/** Where a lab's code runs; decides the type-checking world and the sandbox defaults. */
export const Platform = z.enum(['aws-lambda', 'cloudflare-worker', 'vercel-edge', 'pure']);
export type Platform = z.infer<typeof Platform>;

/** Capabilities the grading sandbox may grant a lab's vitest workers (default: none). */
export const SandboxGrant = z.enum(['child-process', 'worker-threads', 'addons', 'wasi']);
export type SandboxGrant = z.infer<typeof SandboxGrant>;

const nonEmpty = z.string().trim().min(1, 'must not be empty');

export const Check = z.strictObject({
  /** The vitest test title, exactly; what the learner reads. */
  title: nonEmpty,
  points: z.number().int().positive().default(1),
  /** Progressive hints, first the gentlest. Each names the concept, never the answer's code. */
  hints: z.array(nonEmpty).min(1, 'give at least one hint'),
  /** Flashcard ids that teach this check's concept (queued by `flashcards --from-failures`). */
  cards: z.array(nonEmpty).default([]),
});
export type Check = z.infer<typeof Check>;

export const Task = z.strictObject({
  /** The top-level `describe` title in the suite, exactly. Number it like the README step. */
  title: nonEmpty,
  checks: z.array(Check).min(1),
});
export type Task = z.infer<typeof Task>;

export const LabManifest = z.strictObject({
  $schema: z.string().optional(),
  /** Stable id, never renumbered: `lab-01`. */
  id: z.string().regex(/^lab-\d{2}$/, 'ids look like lab-01'),
  /** Kebab-case slug; the folder is `<id>-<slug>`. */
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'slugs are kebab-case'),
  title: nonEmpty,
  /** One-sentence summary for lists and the site. */
  summary: nonEmpty,
  /** Course module number (1–9). */
  module: z.number().int().min(1).max(9),
  platform: Platform,
  /** The files the learner edits, relative to the lab folder; mirrored in `solutions/`. */
  files: z.array(z.string().regex(/^[\w./-]+$/)).min(1),
  tasks: z.array(Task).min(1),
  prerequisites: z.array(z.string().regex(/^lab-\d{2}$/)).default([]),
  minutes: z.number().int().positive(),
  /** The site page that teaches the concepts, e.g. `/modules/01-core-concepts/`. */
  docs: z.string().startsWith('/'),
  limits: z
    .strictObject({
      /** Longest a single check may run before it is reported as `timeout`. */
      checkMs: z.number().int().positive().default(3000),
      /** Hard wall-time budget for the whole lab; the watchdog stops the run after it. */
      budgetMs: z.number().int().positive().default(20000),
    })
    .prefault({}),
  sandbox: z.array(SandboxGrant).default([]),
});
export type LabManifest = z.infer<typeof LabManifest>;

/** A lab as the tools use it: the manifest plus the paths derived from it. */
export interface Lab extends LabManifest {
  /** `<id>-<slug>`: the folder name under `labs/`, `solutions/` and `grader/suites/`. */
  dir: string;
  /** Absolute path of the manifest file. */
  manifestPath: string;
  /** Total points of all checks. */
  maxScore: number;
}
