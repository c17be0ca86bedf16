/**
 * `npm run grade [lab…] [--watch] [--solutions | --target <dir>] [--json | --format f]`
 */
import {
  appendFileSync,
  existsSync,
  type FSWatcher,
  statSync,
  unwatchFile,
  watch,
  watchFile,
} from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bar, style } from '../cli/style.ts';
import { requireLab, UsageError } from '../cli/usage.ts';
import type { Course } from '../manifest/load.ts';
import type { Lab } from '../manifest/schema.ts';
import { exitCode, type GradeReport, type LabResult } from '../model/result.ts';
import { toClassroomResult } from '../reporters/classroom.ts';
import { toExercism } from '../reporters/exercism.ts';
import { toJUnit } from '../reporters/junit.ts';
import { renderLab, renderSummary } from '../reporters/terminal.ts';
import { Runner } from '../runner/run.ts';
import { recordGrades } from '../state/progress.ts';

const FORMATS = ['terminal', 'json', 'exercism', 'classroom', 'junit'] as const;
type Format = (typeof FORMATS)[number];

export const GRADE_USAGE = `Usage: npm run grade [lab…] [-- options]

  npm run grade lab-03              grade one lab (also 3, 03, lab-3 or its slug)
  npm run grade                     grade every lab, with a summary table
  npm run grade -- lab-03 --watch   grade again on every save

Options:
  --solutions          grade solutions/ instead of labs/
  --target <dir>       grade another folder that holds lab folders (a submission)
  --json               print the result model as JSON on stdout, nothing else
  --format <f>         exercism | classroom | junit (one lab for exercism and classroom)
  --budget <ms>        time budget per lab (default: the lab's, usually 20000)
  --skip-typecheck     do not type-check the lab's files
  --max-workers <n>    at most n test worker processes (default: cores − 1)
  --memory-mb <n>      cap each test worker's heap at n MB
  --watch              re-grade when a file of the lab changes (Ctrl-C to stop)

Exit code: 0 every check passes · 1 some check fails · 2 usage error`;

export interface GradeOptions {
  labs: Lab[];
  target: string;
  format: Format;
  watch: boolean;
  budgetMs?: number;
  typecheck: boolean;
  maxWorkers?: number;
  memoryMb?: number;
}

function positiveInt(flag: string, value: string | undefined, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${flag} ${value}: give a whole number, at least ${min}.`);
  return n;
}

export function parseGradeArgs(course: Course, argv: string[]): GradeOptions {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        watch: { type: 'boolean', short: 'w' },
        solutions: { type: 'boolean' },
        target: { type: 'string' },
        json: { type: 'boolean' },
        format: { type: 'string' },
        budget: { type: 'string' },
        'skip-typecheck': { type: 'boolean' },
        'max-workers': { type: 'string' },
        'memory-mb': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  }
  try {
    parsed = parse();
  } catch (error) {
    throw new UsageError((error as Error).message, GRADE_USAGE);
  }
  const { values, positionals } = parsed;
  if (values.help) throw new UsageError('', GRADE_USAGE);
  if (values.solutions && values.target)
    throw new UsageError('Use --solutions or --target, not both.', GRADE_USAGE);
  let target = 'labs';
  if (values.solutions) target = 'solutions';
  if (values.target) {
    const dir = path.resolve(values.target);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new UsageError(
        `--target ${values.target}: no such folder.`,
        'Give a folder that holds lab folders, e.g. --target ../submissions/ada/labs',
      );
    }
    target = dir;
  }
  let format: Format = 'terminal';
  if (values.json) format = 'json';
  if (values.format) {
    if (!FORMATS.includes(values.format as Format)) {
      throw new UsageError(
        `Unknown --format "${values.format}".`,
        `Formats: ${FORMATS.filter((f) => f !== 'terminal').join(', ')}`,
      );
    }
    if (values.json && values.format !== 'json')
      throw new UsageError('Use --json or --format, not both.');
    format = values.format as Format;
  }
  const budgetMs = positiveInt('--budget', values.budget, 100);
  const maxWorkers = positiveInt('--max-workers', values['max-workers']);
  const memoryMb = positiveInt('--memory-mb', values['memory-mb'], 64);
  const labs =
    positionals.length > 0
      ? [...new Set(positionals.map((q) => requireLab(course.labs, q, 'grade')))]
      : course.labs;
  if ((format === 'exercism' || format === 'classroom') && labs.length !== 1) {
    throw new UsageError(
      `--format ${format} describes one lab: name it, e.g. npm run grade -- lab-01 --format ${format}`,
    );
  }
  if (values.watch && format !== 'terminal')
    throw new UsageError('--watch prints for people: drop --json / --format.');
  if (labs.length === 0) throw new UsageError('The course has no labs yet.');
  return {
    labs,
    target,
    format,
    watch: Boolean(values.watch),
    budgetMs,
    typecheck: !values['skip-typecheck'],
    maxWorkers,
    memoryMb,
  };
}

function targetLabel(root: string, target: string): string {
  return target === 'labs' || target === 'solutions'
    ? target
    : path.relative(root, target) || target;
}

async function gradeAll(
  runner: Runner,
  options: GradeOptions,
  interactive: boolean,
): Promise<LabResult[]> {
  const results: LabResult[] = [];
  const many = options.labs.length > 1 && interactive;
  for (const [index, lab] of options.labs.entries()) {
    if (many) {
      process.stderr.write(
        `\r${bar(index / options.labs.length, 24)} ${index}/${options.labs.length} grading ${lab.id} ${lab.slug}`.padEnd(
          78,
        ),
      );
    }
    results.push(await runner.grade(lab));
  }
  if (many) process.stderr.write(`\r${' '.repeat(78)}\r`);
  return results;
}

function print(course: Course, options: GradeOptions, report: GradeReport): void {
  const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  switch (options.format) {
    case 'json':
      out(JSON.stringify(report, null, 2));
      return;
    case 'junit':
      out(toJUnit(report));
      return;
    case 'exercism':
      out(JSON.stringify(toExercism(report.labs[0]!), null, 2));
      return;
    case 'classroom': {
      const lab = options.labs[0]!;
      const value = toClassroomResult(report.labs[0]!, `grader/suites/${lab.dir}`);
      if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `result=${value}\n`);
      out(value);
      return;
    }
    default: {
      if (options.target !== 'labs')
        out(style.gray(`Grading ${targetLabel(course.root, options.target)}`));
      for (const result of report.labs) {
        const lab = options.labs.find((l) => l.id === result.id)!;
        out(
          renderLab(result, {
            command: 'grade',
            docsUrl: `docs${lab.docs}`,
            // Only a grade of labs/ records the failures the flashcards review.
            flashcards: options.target === 'labs',
          }),
        );
      }
      if (report.labs.length > 1) out(renderSummary(report));
    }
  }
}

/** Watches lab folders natively; where that is not possible, polls the learner's files. */
function watchLabs(labs: { dir: string; files: string[] }[], onChange: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const trigger = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, 150);
  };
  const watchers: FSWatcher[] = [];
  const polled: string[] = [];
  for (const { dir, files } of labs) {
    try {
      if (process.env.COURSE_WATCH_POLL) throw new Error('polling requested');
      watchers.push(watch(dir, { recursive: true }, trigger));
    } catch {
      // No native recursive watching here (some network and container file systems): poll.
      for (const file of files) {
        watchFile(file, { interval: 500 }, trigger);
        polled.push(file);
      }
    }
  }
  return () => {
    for (const w of watchers) w.close();
    for (const f of polled) unwatchFile(f);
  };
}

export async function gradeCommand(course: Course, argv: string[]): Promise<number> {
  const options = parseGradeArgs(course, argv);
  const interactive = options.format === 'terminal' && Boolean(process.stderr.isTTY);
  const runner = await Runner.open({
    root: course.root,
    target: options.target,
    labs: options.labs,
    budgetMs: options.budgetMs,
    typecheck: options.typecheck,
    maxWorkers: options.maxWorkers,
    memoryMb: options.memoryMb,
  });
  const once = async (): Promise<GradeReport> => {
    const labs = await gradeAll(runner, options, interactive);
    const report: GradeReport = { version: 1, target: options.target, labs };
    print(course, options, report);
    if (options.target === 'labs') recordGrades(course.root, labs);
    return report;
  };
  try {
    const report = await once();
    if (!options.watch) return exitCode(report);
    const watched = options.labs
      .map((l) => ({
        dir: runner.labDir(l),
        files: l.files.map((f) => path.join(runner.labDir(l), f)),
      }))
      .filter((w) => existsSync(w.dir));
    const dirs = watched.map((w) => w.dir);
    process.stdout.write(
      style.gray(
        `\nWatching ${dirs.length === 1 ? path.relative(course.root, dirs[0]!) : `${dirs.length} labs`} — save a file to grade again, Ctrl-C to stop.\n`,
      ),
    );
    let running = false;
    let again = false;
    await new Promise<void>((resolve) => {
      const stop = watchLabs(watched, async () => {
        if (running) {
          again = true;
          return;
        }
        running = true;
        do {
          again = false;
          if (process.stdout.isTTY) process.stdout.write('\u001bc');
          await once();
          process.stdout.write(
            style.gray('\nWatching — save a file to grade again, Ctrl-C to stop.\n'),
          );
        } while (again);
        running = false;
      });
      process.once('SIGINT', () => {
        stop();
        resolve();
      });
    });
    return 0;
  } finally {
    await runner.close();
  }
}
