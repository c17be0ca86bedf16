/**
 * Grade latency: the course's own command (`grade <lab> --solutions`: the runner, its reporter,
 * the watchdog, the type check) against the bare `vitest run` of the same suite with the same
 * configuration (the root vitest.config.ts builds it with the grader's suiteConfig). Both are
 * run with plain `node`, so npm's and npx's own start-up (a few hundred ms each) is in neither.
 * One warm-up each, then interleaved runs, medians.
 */
import path from 'node:path';
import type { Course } from '../manifest/load.ts';
import type { Lab } from '../manifest/schema.ts';
import { median, progress, round, timed } from './measure.ts';
import { type GradeRow, type GradeSection, TARGETS } from './results.ts';

const TIMEOUT_MS = 10 * 60_000;

export async function measureGrade(
  course: Course,
  labs: readonly Lab[],
  runs: number,
  withAll: boolean,
): Promise<GradeSection> {
  const root = course.root;
  const cli = path.join(root, 'grader', 'bin', 'course.mjs');
  const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const run = async (what: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
    const t = await timed(process.execPath, args, { cwd: root, env, timeoutMs: TIMEOUT_MS });
    if (t.code !== 0)
      throw new Error(
        `${what} exited with ${t.code}: the benchmark times passing runs only.\n${t.tail}`,
      );
    return t.ms;
  };
  const grade = (ids: string[]) =>
    run(`grade ${ids.join(' ')}`, [cli, 'grade', ...ids, '--solutions']);
  const bare = (suites: string[]) =>
    run(`vitest run ${suites.join(' ')}`, [vitest, 'run', ...suites], {
      LAB_TARGET: 'solutions',
    });

  const rows: GradeRow[] = [];
  for (const lab of labs) {
    const suite = `grader/suites/${lab.dir}`;
    progress(`grade ${lab.id} vs vitest run ${suite} (${runs} runs each)`);
    await grade([lab.id]);
    await bare([suite]);
    const g: number[] = [];
    const v: number[] = [];
    for (let i = 0; i < runs; i++) {
      g.push(await grade([lab.id]));
      v.push(await bare([suite]));
    }
    const ratio = median(g) / median(v);
    rows.push({
      lab: lab.id,
      gradeMs: round(median(g)),
      vitestMs: round(median(v)),
      ratio: round(ratio, 2),
      pass: ratio <= TARGETS.gradeRatio,
    });
  }

  let all: GradeSection['all'] = null;
  if (withAll) {
    const ids = labs.map((l) => l.id);
    const suites = labs.map((l) => `grader/suites/${l.dir}`);
    progress(`every lab in one command: ${labs.length} labs (${runs} runs each)`);
    const g: number[] = [];
    const v: number[] = [];
    for (let i = 0; i < runs; i++) {
      g.push(await grade(ids));
      v.push(await bare(suites));
    }
    const perLab = median(g) / labs.length;
    all = {
      labs: labs.length,
      gradeMs: round(median(g)),
      perLabMs: round(perLab),
      vitestMs: round(median(v)),
      pass: perLab <= TARGETS.perLabMs,
    };
  }

  return {
    measuredAt: new Date().toISOString(),
    runs,
    commands: {
      grade: 'node grader/bin/course.mjs grade <lab> --solutions',
      vitest:
        'LAB_TARGET=solutions node node_modules/vitest/vitest.mjs run grader/suites/<lab dir>',
      all: 'node grader/bin/course.mjs grade <every lab> --solutions',
      allVitest: 'LAB_TARGET=solutions node node_modules/vitest/vitest.mjs run <every suite>',
    },
    labs: rows,
    all,
  };
}
