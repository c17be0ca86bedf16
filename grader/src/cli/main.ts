/**
 * The course CLI. `grader/bin/course.mjs` bundles this file with esbuild when its sources
 * change and runs the bundle with plain `node`, so no TypeScript loader runs on each command.
 */
import { findCourseRoot, loadCourse } from '../manifest/load.ts';
import { style } from './style.ts';
import { UsageError } from './usage.ts';

const COMMANDS = `Commands (run with npm run <command>):
  grade [lab…]        grade your labs (npm run grade -- --help for options)
  hint <lab>          the next hint for the first check that fails
  progress            your progress per module and lab
  reset <lab>         back up your files, then restore the lab's starter
  labs                the list of labs
  start               the course site and the first lab command
  flashcards          review the interview deck (spaced repetition)
  cohort              grade a class, report, GitHub Classroom (instructors)
  check:content       the course's own consistency checks (authors)
  test                everything CI runs (authors)`;

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const root = findCourseRoot();
  const course = loadCourse(root);
  // A broken manifest takes out its own lab, not the course: the other labs still grade, and
  // the problem is named on every command. CI (`test`, `prove`) refuses instead.
  if (command !== 'check-content' && course.problems.length > 0) {
    const strict = command === 'test' || command === 'prove';
    const head = strict
      ? style.red('The lab manifests have problems:')
      : style.yellow('Skipping labs whose manifest has a problem:');
    process.stderr.write(
      `${head}\n${course.problems.map((p) => `  ${p.file}: ${p.message}`).join('\n')}\nRun npm run check:content for the full list and fixes.\n\n`,
    );
    if (strict) return 2;
  }
  switch (command) {
    case 'grade':
      return (await import('../commands/grade.ts')).gradeCommand(course, rest);
    case 'hint':
      return (await import('../commands/learner.ts')).hintCommand(course, rest);
    case 'progress':
      return (await import('../commands/learner.ts')).progressCommand(course);
    case 'labs':
      return (await import('../commands/learner.ts')).labsCommand(course, rest);
    case 'reset':
      return (await import('../commands/reset.ts')).resetCommand(course, rest);
    case 'check-content':
      return (await import('../content/command.ts')).checkContentCommand(course, rest);
    case 'start':
      return (await import('../commands/start.ts')).startCommand(course, rest);
    case 'test':
      return (await import('../ci/test.ts')).testCommand(course, rest);
    case 'prove':
      return (await import('../ci/prove.ts')).proveCommand(course, rest);
    case 'cohort':
      return (await import('../cohort/command.ts')).cohortCommand(course, rest);
    case 'build-solutions':
      return (await import('../deploy/build.ts')).buildCommand(course);
    case 'flashcards':
      return (await import('../flashcards/command.ts')).flashcardsCommand(course, rest);
    case 'bench':
      return (await import('../bench/command.ts')).benchCommand(course, rest);
    case 'bench-grade': {
      // `npm run bench:grade [lab] [-- --runs N]`: the grade section of `npm run bench` for one
      // lab, written outside the committed results.
      const [first, ...more] = rest;
      const lab = first && !first.startsWith('-') ? first : undefined;
      const args = lab ? more : rest;
      return (await import('../bench/command.ts')).benchCommand(course, [
        '--only',
        'grade',
        '--labs',
        lab ?? course.labs[0]?.id ?? '',
        '--out',
        '.course/bench-grade.json',
        ...args,
      ]);
    }
    default:
      throw new UsageError(
        command ? `Unknown command "${command}".` : 'No command given.',
        COMMANDS,
      );
  }
}

export async function main(argv: string[]): Promise<void> {
  try {
    process.exitCode = await run(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) process.stderr.write(`${style.red(error.message)}\n`);
      if (error.help) process.stderr.write(`${error.message ? '\n' : ''}${error.help}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(
      `${style.red('The course tool failed:')} ${(error as Error).stack ?? String(error)}\n`,
    );
    process.exitCode = 70;
  }
}
