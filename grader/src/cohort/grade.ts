/**
 * Grades a folder of submissions with the course's own hidden suites: each student in a
 * separate grader process (sandboxed workers, a time budget per lab, a heap cap, capped output),
 * several at once, with every result cached by a hash of (suite version, submission files) so a
 * rerun grades only what changed and a crash loses nothing already graded.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { Lab } from '../manifest/schema.ts';
import { type GradeReport, type LabResult, labStatus } from '../model/result.ts';
import type { RosterEntry } from './roster.ts';

export interface Submission {
  /** Folder name, used as the student id unless a roster says otherwise. */
  id: string;
  dir: string;
  /** The folder holding the student's lab folders, or null when there is none. */
  labsRoot: string | null;
}

export interface StudentResult {
  id: string;
  name?: string;
  email?: string;
  section?: string;
  /** Path of the submission relative to the submissions folder; empty when it is missing. */
  submission: string;
  labs: Record<string, LabResult>;
  total: number;
  maxTotal: number;
  /** Notes for the instructor: missing submission, not on the roster, … */
  notes: string[];
}

export interface CohortProgress {
  done: number;
  total: number;
  failing: number;
  fromCache: number;
  current?: string;
}

export interface CohortGradeOptions {
  root: string;
  labs: readonly Lab[];
  submissionsDir: string;
  outDir: string;
  roster?: RosterEntry[];
  jobs: number;
  budgetMs?: number;
  memoryMb: number;
  onProgress?: (progress: CohortProgress) => void;
}

/** Each subfolder is one student; their labs live in `<sub>/labs/` or directly in `<sub>/`. */
export function discoverSubmissions(dir: string): Submission[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort()
    .map((id) => {
      const full = path.join(dir, id);
      const labs = path.join(full, 'labs');
      if (existsSync(labs) && statSync(labs).isDirectory())
        return { id, dir: full, labsRoot: labs };
      const direct = readdirSync(full).some((name) => /^lab-\d{2}-/.test(name));
      return { id, dir: full, labsRoot: direct ? full : null };
    });
}

function hashTree(hash: ReturnType<typeof createHash>, dir: string, base = dir): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) hashTree(hash, full, base);
    else if (entry.isFile()) {
      hash.update(path.relative(base, full));
      hash.update('\0');
      hash.update(readFileSync(full));
      hash.update('\0');
    }
  }
}

/** Changes when the lab's suite, manifest, or the grader itself changes. */
export function suiteVersion(root: string, lab: Lab): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(lab.manifestPath));
  for (const dir of [`grader/suites/${lab.dir}`, 'grader/src', 'grader/vitest', 'grader/testkit'])
    hashTree(hash, path.join(root, dir));
  return hash.digest('hex');
}

function submissionHash(labDir: string): string {
  const hash = createHash('sha256');
  hashTree(hash, labDir);
  return hash.digest('hex');
}

/** A lab result for a lab that could not be graded at all. */
export function unGradedResult(lab: Lab, reason: string): LabResult {
  const checks = lab.tasks.flatMap((task, index) =>
    task.checks.map((check) => ({
      task: task.title,
      taskId: index + 1,
      title: check.title,
      status: 'error' as const,
      points: check.points,
      earned: 0,
      message: reason,
      hint: '',
      durationMs: 0,
      cards: check.cards,
    })),
  );
  const typecheck = { status: 'skipped' as const, diagnostics: [], reason };
  return {
    id: lab.id,
    slug: lab.slug,
    title: lab.title,
    module: lab.module,
    status: labStatus(checks, typecheck, [reason]),
    score: 0,
    maxScore: lab.maxScore,
    durationMs: 0,
    checks,
    typecheck,
    errors: [reason],
  };
}

function writeAtomic(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

const STDOUT_LIMIT = 32 * 1024 * 1024;
const STDERR_LIMIT = 64 * 1024;

/** Grades some labs of one submission in a separate grader process. */
function gradeInChild(
  options: CohortGradeOptions,
  submission: Submission,
  labs: Lab[],
): Promise<Map<string, LabResult>> {
  const bin = path.join(options.root, 'grader', 'bin', 'course.mjs');
  const budget = options.budgetMs;
  const args = [
    `--max-old-space-size=${options.memoryMb}`,
    bin,
    'grade',
    '--target',
    submission.labsRoot!,
    '--json',
    '--max-workers',
    '1',
    '--memory-mb',
    String(options.memoryMb),
    ...(budget ? ['--budget', String(budget)] : []),
    ...labs.map((l) => l.id),
  ];
  // The child's own watchdog stops learner code within each lab's budget; this outer limit only
  // catches a grader process that itself stops responding.
  const limitMs = labs.reduce((s, l) => s + (budget ?? l.limits.budgetMs), 0) + 30_000;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: options.root,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let overflow = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length + chunk.length > STDOUT_LIMIT) overflow = true;
      else stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < STDERR_LIMIT) stderr += chunk.slice(0, STDERR_LIMIT - stderr.length);
    });
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, limitMs);
    const finish = (reason: string | null) => {
      clearTimeout(timer);
      const results = new Map<string, LabResult>();
      if (reason === null) {
        try {
          const report = JSON.parse(stdout) as GradeReport;
          for (const r of report.labs) results.set(r.id, r);
        } catch {
          reason = `the grader's output could not be read${stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' ')}` : ''}`;
        }
      }
      for (const lab of labs) {
        if (!results.has(lab.id))
          results.set(
            lab.id,
            unGradedResult(lab, `Not graded: ${reason ?? 'no result for this lab'}.`),
          );
      }
      resolve(results);
    };
    child.on('error', (error) => finish(`the grader could not start (${error.message})`));
    child.on('close', (code) => {
      if (killed)
        finish(`the grading process exceeded ${Math.round(limitMs / 1000)} s and was stopped`);
      else if (overflow) finish('the grader produced more output than allowed');
      else if (code !== 0 && code !== 1)
        finish(
          `the grader exited with code ${code}${stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' ')}` : ''}`,
        );
      else finish(null);
    });
  });
}

/** Runs `tasks` with at most `limit` in flight, in order of start. */
async function pool<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await run(item);
    }
  });
  await Promise.all(workers);
}

/** Grades every submission; returns one record per student (roster order, then the rest). */
export async function gradeCohort(options: CohortGradeOptions): Promise<StudentResult[]> {
  const submissions = discoverSubmissions(options.submissionsDir);
  const versions = new Map(options.labs.map((lab) => [lab.id, suiteVersion(options.root, lab)]));
  const cacheDir = path.join(options.outDir, 'cache');
  const results = new Map<string, Map<string, LabResult>>();
  const progress: CohortProgress = { done: 0, total: submissions.length, failing: 0, fromCache: 0 };

  await pool(submissions, options.jobs, async (submission) => {
    const labResults = new Map<string, LabResult>();
    const stale: { lab: Lab; key: string; file: string }[] = [];
    for (const lab of options.labs) {
      const labDir = submission.labsRoot ? path.join(submission.labsRoot, lab.dir) : null;
      if (!labDir || !existsSync(labDir)) {
        labResults.set(
          lab.id,
          unGradedResult(
            lab,
            `Not submitted: there is no ${submission.labsRoot ? path.relative(submission.dir, labDir!) || lab.dir : `labs/${lab.dir}`} folder in this submission.`,
          ),
        );
        continue;
      }
      const key = createHash('sha256')
        .update(`${versions.get(lab.id)}:${submissionHash(labDir)}:${options.budgetMs ?? ''}`)
        .digest('hex');
      const file = path.join(cacheDir, submission.id, `${lab.id}.json`);
      if (existsSync(file)) {
        try {
          const cached = JSON.parse(readFileSync(file, 'utf8')) as {
            key: string;
            result: LabResult;
          };
          if (cached.key === key) {
            labResults.set(lab.id, cached.result);
            continue;
          }
        } catch {
          // A damaged cache entry is simply graded again.
        }
      }
      stale.push({ lab, key, file });
    }
    progress.current = submission.id;
    if (stale.length > 0) {
      const fresh = await gradeInChild(
        options,
        submission,
        stale.map((s) => s.lab),
      );
      for (const { lab, key, file } of stale) {
        const result = fresh.get(lab.id)!;
        labResults.set(lab.id, result);
        writeAtomic(file, JSON.stringify({ key, result }));
      }
    } else {
      progress.fromCache += 1;
    }
    results.set(submission.id, labResults);
    progress.done += 1;
    if ([...labResults.values()].some((r) => r.status !== 'pass')) progress.failing += 1;
    options.onProgress?.({ ...progress });
  });

  const maxTotal = options.labs.reduce((s, l) => s + l.maxScore, 0);
  const record = (
    id: string,
    submission: Submission | undefined,
    entry: RosterEntry | undefined,
    notes: string[],
  ): StudentResult => {
    const labResults =
      results.get(submission?.id ?? '') ??
      new Map(
        options.labs.map((lab) => [
          lab.id,
          unGradedResult(lab, 'Not submitted: no folder for this student.'),
        ]),
      );
    const labs = Object.fromEntries(options.labs.map((lab) => [lab.id, labResults.get(lab.id)!]));
    return {
      id,
      ...(entry
        ? {
            name: entry.name,
            email: entry.email,
            ...(entry.section ? { section: entry.section } : {}),
          }
        : {}),
      submission: submission ? path.relative(options.submissionsDir, submission.dir) : '',
      labs,
      total: Object.values(labs).reduce((s, r) => s + r.score, 0),
      maxTotal,
      notes,
    };
  };
  const byId = new Map(submissions.map((s) => [s.id, s]));
  const students: StudentResult[] = [];
  if (options.roster) {
    for (const entry of options.roster) {
      const submission = byId.get(entry.id);
      students.push(
        record(
          entry.id,
          submission,
          entry,
          submission ? [] : ['no submission folder for this student'],
        ),
      );
      byId.delete(entry.id);
    }
    for (const submission of byId.values())
      students.push(record(submission.id, submission, undefined, ['not on the roster']));
  } else {
    for (const submission of submissions) {
      students.push(
        record(
          submission.id,
          submission,
          undefined,
          submission.labsRoot ? [] : ['no labs/ folder in the submission'],
        ),
      );
    }
  }
  return students;
}
