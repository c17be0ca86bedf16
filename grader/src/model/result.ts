/**
 * The one result model. The runner produces it; every output (terminal, `--json`, Exercism,
 * GitHub Classroom, JUnit, the progress file, the cohort gradebook) is derived from it.
 *
 * Version 1 fields are a contract: add fields if useful, never remove or rename one.
 */

/**
 * - `pass`: the check's assertions held.
 * - `fail`: an assertion failed, or the learner's code threw while the check ran.
 * - `error`: the check could not run: the learner's module did not load (syntax error, throw
 *   at import), `process.exit` was called, or the sandbox refused an operation.
 * - `timeout`: the check ran longer than its time limit (an endless loop or a promise that
 *   never settles).
 * - `not-run`: the run was stopped (time budget) before this check started.
 */
export type CheckStatus = 'pass' | 'fail' | 'error' | 'timeout' | 'not-run';
export type LabStatus = 'pass' | 'fail' | 'error';

export interface CheckResult {
  /** The task (top-level `describe`) title. */
  task: string;
  /** 1-based task number: the README's step and Exercism's `task_id`. */
  taskId: number;
  /** The check (test) title: what the learner reads. */
  title: string;
  status: CheckStatus;
  /** What the check is worth. */
  points: number;
  /** What it earned: `points` when it passes, else 0. */
  earned: number;
  /** Why it did not pass, trimmed to what a learner needs; empty when it passed. */
  message: string;
  /** The first hint (the progressive ones are in the manifest); empty when it passed. */
  hint: string;
  durationMs: number;
  /** Where the problem is, when known: a path relative to the lab folder. */
  file?: string;
  line?: number;
  /** What the learner's code printed during the check (trimmed). */
  output?: string;
  /** Flashcards that teach this check's concept. */
  cards: string[];
}

export interface Diagnostic {
  /** Path relative to the lab folder. */
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface TypecheckResult {
  status: 'pass' | 'fail' | 'skipped';
  diagnostics: Diagnostic[];
  /** Why it was skipped, when it was. */
  reason?: string;
}

export interface LabResult {
  id: string;
  slug: string;
  title: string;
  module: number;
  status: LabStatus;
  score: number;
  maxScore: number;
  durationMs: number;
  checks: CheckResult[];
  typecheck: TypecheckResult;
  /** Problems that concern the whole lab, each one readable paragraph. */
  errors: string[];
}

export interface GradeReport {
  version: 1;
  /** `labs`, `solutions`, or the absolute path given to `--target`. */
  target: string;
  labs: LabResult[];
}

/** pass: every check passed and the types hold; error: something could not run; else fail. */
export function labStatus(
  checks: readonly CheckResult[],
  typecheck: TypecheckResult,
  errors: readonly string[],
): LabStatus {
  if (errors.length > 0 || typecheck.status === 'fail') return 'error';
  if (checks.some((c) => c.status === 'error' || c.status === 'timeout')) return 'error';
  if (checks.length > 0 && checks.every((c) => c.status === 'pass')) return 'pass';
  return 'fail';
}

/** 0 when every lab passed, 1 otherwise (2 is reserved for usage errors). */
export function exitCode(report: GradeReport): 0 | 1 {
  return report.labs.length > 0 && report.labs.every((l) => l.status === 'pass') ? 0 : 1;
}
