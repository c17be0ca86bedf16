/**
 * The learner's progress: one small JSON file at the course root (`.course-progress.json`,
 * git-ignored), read and written whole, atomically (write a temp file, then rename), so a
 * crash never leaves half a file. A file that cannot be read is kept aside, never deleted.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { emptyDeckState, parseDeckState } from '../flashcards/state.ts';
import type { LabResult } from '../model/result.ts';

export const PROGRESS_FILE = '.course-progress.json';

const LabProgress = z.looseObject({
  bestScore: z.number().default(0),
  maxScore: z.number().default(0),
  lastScore: z.number().default(0),
  lastStatus: z.enum(['pass', 'fail', 'error']).optional(),
  lastGradedAt: z.string().optional(),
  firstPassedAt: z.string().optional(),
  attempts: z.number().int().default(0),
  /** How many hints of each check were revealed, by `task › check`. */
  hintsShown: z.record(z.string(), z.number().int()).default({}),
});
export type LabProgress = z.infer<typeof LabProgress>;

const Failure = z.object({
  lab: z.string(),
  task: z.string(),
  title: z.string(),
  cards: z.array(z.string()).default([]),
});
export type Failure = z.infer<typeof Failure>;

const Progress = z.looseObject({
  version: z.literal(1).default(1),
  labs: z.record(z.string(), LabProgress).default({}),
  /** The checks that failed in the learner's most recent grade (for flashcards). */
  lastFailures: z.array(Failure).default([]),
  /** FSRS review state of the flashcards (`npm run flashcards`); damaged entries are dropped. */
  flashcards: z.unknown().transform(parseDeckState).default(emptyDeckState),
});
export type Progress = z.infer<typeof Progress>;

export function checkKey(task: string, title: string): string {
  return `${task} › ${title}`;
}

export function progressPath(root: string): string {
  return path.join(root, PROGRESS_FILE);
}

/** Reads the progress file; a missing file is empty progress, a damaged one is set aside. */
export function readProgress(root: string): Progress {
  const file = progressPath(root);
  if (!existsSync(file)) return Progress.parse({});
  try {
    return Progress.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    const aside = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, aside);
    process.stderr.write(
      `Your progress file could not be read; it was kept as ${path.basename(aside)} and a new one started.\n`,
    );
    return Progress.parse({});
  }
}

export function writeProgress(root: string, progress: Progress): void {
  const file = progressPath(root);
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, `${JSON.stringify(progress, null, 2)}\n`);
  renameSync(temp, file);
}

/** Read, change, write: the one way the tools update progress. */
export function updateProgress(root: string, change: (progress: Progress) => void): Progress {
  const progress = readProgress(root);
  change(progress);
  writeProgress(root, progress);
  return progress;
}

/** Records a grade of the learner's own labs. */
export function recordGrades(
  root: string,
  results: readonly LabResult[],
  now = new Date(),
): Progress {
  return updateProgress(root, (progress) => {
    const at = now.toISOString();
    for (const result of results) {
      const prev = progress.labs[result.id] ?? LabProgress.parse({});
      progress.labs[result.id] = {
        ...prev,
        bestScore: Math.max(prev.bestScore, result.score),
        maxScore: result.maxScore,
        lastScore: result.score,
        lastStatus: result.status,
        lastGradedAt: at,
        attempts: prev.attempts + 1,
        ...(result.status === 'pass' && !prev.firstPassedAt ? { firstPassedAt: at } : {}),
      };
    }
    progress.lastFailures = results.flatMap((r) =>
      r.checks
        .filter((c) => c.status !== 'pass')
        .map((c) => ({ lab: r.id, task: c.task, title: c.title, cards: c.cards })),
    );
  });
}
