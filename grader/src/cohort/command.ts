/**
 * `npm run cohort -- <grade|export-template|doctor|collect> …` — the instructor's commands.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bar, style } from '../cli/style.ts';
import { requireLab, UsageError } from '../cli/usage.ts';
import type { Course } from '../manifest/load.ts';
import type { Lab } from '../manifest/schema.ts';
import type { GradeReport, LabResult } from '../model/result.ts';
import { doctorWorkflow, exportTemplate } from './classroom.ts';
import { type CohortProgress, gradeCohort, type StudentResult, unGradedResult } from './grade.ts';
import { computeSimilarity, type Gradebook, toCsv } from './gradebook.ts';
import { renderReport } from './report.ts';
import { type RosterEntry, RosterError, readRoster } from './roster.ts';

export const COHORT_USAGE = `Usage: npm run cohort -- <command> …

  grade <submissions-dir> --out <dir>   grade every student folder with the course's hidden suites
      --labs lab-01,lab-03   only these labs (default: all)
      --roster roster.csv    id,name,email[,section]; students in roster order
      --jobs N               students graded at once (default: ${os.availableParallelism?.() ?? os.cpus().length}, the cores)
      --budget <ms>          time budget per lab (default: each lab's own)
      --memory-mb <n>        heap cap per grading process (default 1024)
      --similarity <0..1>    flag pairs at least this alike (default 0.8)
  export-template <dir> [--course-repo owner/name --course-ref <sha>]
                                          the student edition with a GitHub Classroom workflow
  doctor <dir>                            check a student edition's Classroom workflow
  collect <results-dir> --out <dir> [--roster roster.csv]
                                          merge per-student grade JSON into the gradebook`;

function writeAtomic(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

function labList(course: Course, value: string | undefined): Lab[] {
  if (!value) return course.labs;
  return value
    .split(',')
    .map((q) => q.trim())
    .filter(Boolean)
    .map((q) => requireLab(course.labs, q, 'cohort -- grade --labs'));
}

function rosterFrom(value: string | undefined): RosterEntry[] | undefined {
  if (!value) return undefined;
  if (!existsSync(value)) throw new UsageError(`--roster ${value}: no such file.`);
  try {
    return readRoster(value);
  } catch (error) {
    if (error instanceof RosterError)
      throw new UsageError(`The roster has problems:`, error.message);
    throw error;
  }
}

function writeOutputs(outDir: string, book: Gradebook): void {
  writeAtomic(path.join(outDir, 'gradebook.json'), `${JSON.stringify(book, null, 2)}\n`);
  writeAtomic(path.join(outDir, 'gradebook.csv'), toCsv(book));
  writeAtomic(path.join(outDir, 'report.html'), renderReport(book));
}

function formatEta(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

async function gradeCommand(course: Course, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      labs: { type: 'string' },
      roster: { type: 'string' },
      jobs: { type: 'string' },
      budget: { type: 'string' },
      'memory-mb': { type: 'string' },
      similarity: { type: 'string' },
    },
  });
  const submissionsDir = positionals[0];
  if (!submissionsDir || !values.out)
    throw new UsageError('Give the submissions folder and --out.', COHORT_USAGE);
  if (!existsSync(submissionsDir) || !statSync(submissionsDir).isDirectory())
    throw new UsageError(`${submissionsDir}: no such folder.`);
  const outDir = path.resolve(values.out);
  const subs = path.resolve(submissionsDir);
  if (outDir === subs || outDir.startsWith(`${subs}${path.sep}`))
    throw new UsageError(
      '--out must not be inside the submissions folder (it would be graded as a student).',
    );
  const jobs = Number(values.jobs ?? os.availableParallelism?.() ?? os.cpus().length);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UsageError(`--jobs ${values.jobs}: give a whole number ≥ 1.`);
  const budgetMs = values.budget === undefined ? undefined : Number(values.budget);
  if (budgetMs !== undefined && (!Number.isInteger(budgetMs) || budgetMs < 100))
    throw new UsageError(`--budget ${values.budget}: whole milliseconds, at least 100.`);
  const memoryMb = Number(values['memory-mb'] ?? 1024);
  const threshold = Number(values.similarity ?? 0.8);
  if (!(threshold > 0 && threshold <= 1))
    throw new UsageError(`--similarity ${values.similarity}: a number in (0, 1].`);
  const labs = labList(course, values.labs);
  const roster = rosterFrom(values.roster);
  mkdirSync(outDir, { recursive: true });

  const started = Date.now();
  const tty = Boolean(process.stderr.isTTY);
  const onProgress = (p: CohortProgress) => {
    const elapsed = Date.now() - started;
    const eta = p.done > 0 ? formatEta((elapsed / p.done) * (p.total - p.done)) : '…';
    const line = `${bar(p.done / Math.max(1, p.total), 24)} ${p.done}/${p.total} students · ${p.failing} not passing · ${p.fromCache} cached · ETA ${eta}`;
    if (tty) process.stderr.write(`\r${line.padEnd(100)}`);
    else process.stderr.write(`${line}\n`);
  };
  process.stderr.write(
    `Grading ${path.relative(process.cwd(), subs) || subs} (${labs.length} labs, ${jobs} at a time)\n`,
  );
  const students = await gradeCohort({
    root: course.root,
    labs,
    submissionsDir: subs,
    outDir,
    roster,
    jobs,
    budgetMs,
    memoryMb,
    onProgress,
  });
  if (tty) process.stderr.write('\n');
  const similarity = computeSimilarity({
    root: course.root,
    labs,
    students,
    submissionsDir: subs,
    threshold,
    referenceThreshold: Math.min(1, threshold + 0.1),
  });
  const book: Gradebook = {
    version: 1,
    generatedAt: new Date().toISOString(),
    labs: labs.map((l) => ({ id: l.id, slug: l.slug, title: l.title, maxScore: l.maxScore })),
    students,
    similarity,
  };
  writeOutputs(outDir, book);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `${style.green('✓')} ${students.length} students graded in ${seconds} s → ${path.relative(process.cwd(), outDir) || outDir}/\n` +
      `  gradebook.csv (for your LMS) · gradebook.json (every result) · report.html (open it in a browser)\n` +
      (similarity.pairs.length
        ? `  ${similarity.pairs.length} similar pair(s) flagged in the report\n`
        : ''),
  );
  return 0;
}

/** Reads the GradeReport JSON files of `dir`: `<student>.json` or `<student>/*.json`. */
function readCollected(dir: string): Map<string, GradeReport[]> {
  const out = new Map<string, GradeReport[]>();
  const read = (id: string, file: string) => {
    try {
      const report = JSON.parse(readFileSync(file, 'utf8')) as GradeReport;
      if (report.version !== 1 || !Array.isArray(report.labs))
        throw new Error('not a grade report (version 1)');
      out.set(id, [...(out.get(id) ?? []), report]);
    } catch (error) {
      process.stderr.write(
        `${style.yellow('skipped')} ${path.relative(dir, file)}: ${(error as Error).message}\n`,
      );
    }
  };
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && entry.name.endsWith('.json'))
      read(entry.name.replace(/\.json$/, ''), full);
    else if (entry.isDirectory()) {
      for (const f of readdirSync(full)
        .filter((f) => f.endsWith('.json'))
        .sort())
        read(entry.name, path.join(full, f));
    }
  }
  return out;
}

function collectCommand(course: Course, argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string' }, roster: { type: 'string' }, labs: { type: 'string' } },
  });
  const dir = positionals[0];
  if (!dir || !values.out)
    throw new UsageError('Give the folder of downloaded results and --out.', COHORT_USAGE);
  if (!existsSync(dir)) throw new UsageError(`${dir}: no such folder.`);
  const labs = labList(course, values.labs);
  const roster = rosterFrom(values.roster);
  const collected = readCollected(dir);
  const maxTotal = labs.reduce((s, l) => s + l.maxScore, 0);
  const toStudent = (
    id: string,
    entry: RosterEntry | undefined,
    notes: string[],
  ): StudentResult => {
    const byLab = new Map<string, LabResult>();
    for (const report of collected.get(id) ?? []) for (const r of report.labs) byLab.set(r.id, r);
    const results = Object.fromEntries(
      labs.map((lab) => [
        lab.id,
        byLab.get(lab.id) ??
          unGradedResult(lab, 'Not submitted: no result collected for this lab.'),
      ]),
    );
    return {
      id,
      ...(entry
        ? {
            name: entry.name,
            email: entry.email,
            ...(entry.section ? { section: entry.section } : {}),
          }
        : {}),
      submission: collected.has(id) ? id : '',
      labs: results,
      total: Object.values(results).reduce((s, r) => s + r.score, 0),
      maxTotal,
      notes,
    };
  };
  const students: StudentResult[] = [];
  const ids = new Set(collected.keys());
  for (const entry of roster ?? []) {
    students.push(toStudent(entry.id, entry, ids.has(entry.id) ? [] : ['no results collected']));
    ids.delete(entry.id);
  }
  for (const id of [...ids].sort())
    students.push(toStudent(id, undefined, roster ? ['not on the roster'] : []));
  const outDir = path.resolve(values.out);
  mkdirSync(outDir, { recursive: true });
  const book: Gradebook = {
    version: 1,
    generatedAt: new Date().toISOString(),
    labs: labs.map((l) => ({ id: l.id, slug: l.slug, title: l.title, maxScore: l.maxScore })),
    students,
    similarity: { threshold: 1, referenceThreshold: 1, pairs: [], reference: [] },
  };
  writeOutputs(outDir, book);
  process.stdout.write(
    `${style.green('✓')} ${students.length} students collected → ${path.relative(process.cwd(), outDir) || outDir}/ (gradebook.csv, gradebook.json, report.html)\n`,
  );
  return 0;
}

export async function cohortCommand(course: Course, argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    process.stdout.write(`${COHORT_USAGE}\n`);
    return 0;
  }
  try {
    switch (sub) {
      case 'grade':
        return await gradeCommand(course, rest);
      case 'collect':
        return collectCommand(course, rest);
      case 'export-template': {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { 'course-repo': { type: 'string' }, 'course-ref': { type: 'string' } },
        });
        if (!positionals[0])
          throw new UsageError('Give the folder to write the student edition to.', COHORT_USAGE);
        if (values['course-ref'] && !values['course-repo'])
          throw new UsageError('--course-ref needs --course-repo.');
        const result = exportTemplate(course.root, course.labs, path.resolve(positionals[0]), {
          courseRepo: values['course-repo'],
          courseRef: values['course-ref'],
        });
        process.stdout.write(
          `${style.green('✓')} wrote ${result.files} files to ${positionals[0]} (no solutions/), with ${path.relative(process.cwd(), result.workflow)}\n  Push it as a template repository and use it for a GitHub Classroom assignment.\n`,
        );
        return 0;
      }
      case 'doctor': {
        const dir = rest[0];
        if (!dir) throw new UsageError('Give the student edition folder.', COHORT_USAGE);
        const file = path.join(dir, '.github', 'workflows', 'classroom.yml');
        if (!existsSync(file))
          throw new UsageError(
            `${file}: no such file. Write one with npm run cohort -- export-template <dir>.`,
          );
        const problems = doctorWorkflow(readFileSync(file, 'utf8'), course.labs);
        if (problems.length === 0) {
          process.stdout.write(
            `${style.green('✓')} ${path.relative(process.cwd(), file)} grades all ${course.labs.length} labs and reports to GitHub Classroom.\n`,
          );
          return 0;
        }
        process.stdout.write(
          `${style.red(`✗ ${problems.length} problem(s) in ${file}:`)}\n${problems.map((p) => `  - ${p}`).join('\n')}\n`,
        );
        return 1;
      }
      default:
        throw new UsageError(
          sub ? `Unknown cohort command "${sub}".` : 'Which cohort command?',
          COHORT_USAGE,
        );
    }
  } catch (error) {
    if (
      error instanceof TypeError &&
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    )
      throw new UsageError(error.message, COHORT_USAGE);
    throw error;
  }
}
