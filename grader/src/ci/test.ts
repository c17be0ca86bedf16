/**
 * `npm test`: everything CI runs, in one command, ending with one plain line
 * `N passed, N failed` that counts every check of every stage.
 *
 * Stages: lint and format, type check (each compiler world), content checker, the grader's
 * own tests (vitest), the proof (solutions full marks, starters nothing), then the stages the
 * site adds when it exists (build, browser tests).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { style } from '../cli/style.ts';
import { UsageError } from '../cli/usage.ts';
import { checkContent } from '../content/check.ts';
import { collectSuiteTitles } from '../content/command.ts';
import type { Course } from '../manifest/load.ts';
import { prove, type Tally } from './prove.ts';
import type { ExtraStage } from './stages.ts';

type Stage = ExtraStage;

/** Runs a command with inherited output; one check, passed when it exits 0. */
export function command(
  cmd: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<Tally> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (error) => {
      process.stdout.write(`  ${style.red('✗')} could not start ${cmd}: ${error.message}\n`);
      resolve({ passed: 0, failed: 1 });
    });
    child.on('exit', (code) =>
      resolve(code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 }),
    );
  });
}

function bin(root: string, name: string): string {
  return path.join(root, 'node_modules', '.bin', name);
}

function hasWorkerCode(root: string): boolean {
  return ['labs', 'solutions'].some((area) => {
    const dir = path.join(root, area);
    return (
      existsSync(dir) && readdirSync(dir).some((lab) => existsSync(path.join(dir, lab, 'worker')))
    );
  });
}

/** Runs a vitest config in its own process and counts its tests from the JSON it writes. */
export async function vitestStage(
  root: string,
  config: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<Tally> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const os = await import('node:os');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'course-test-'));
  const out = path.join(dir, 'results.json');
  try {
    const exit = await command(
      process.execPath,
      [
        path.join(root, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--config',
        config,
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${out}`,
      ],
      root,
      extraEnv,
    );
    return tallyVitestReport(out, exit.failed === 0) ?? { passed: 0, failed: 1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The tally of a vitest JSON report (`--reporter=json`), or undefined when vitest wrote none. A
 * file that failed to load has no test results and counts as a failure; skipped and todo tests
 * count as failures too (a check that did not run proves nothing), and so does a non-zero exit
 * with nothing else failed.
 */
export function tallyVitestReport(file: string, exitedCleanly: boolean): Tally | undefined {
  if (!existsSync(file)) return undefined;
  const json = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: { status: string; assertionResults: unknown[] }[];
  };
  const brokenFiles = json.testResults.filter(
    (t) => t.status === 'failed' && t.assertionResults.length === 0,
  ).length;
  const failed = json.numFailedTests + json.numPendingTests + json.numTodoTests + brokenFiles;
  return { passed: json.numPassedTests, failed: failed > 0 || exitedCleanly ? failed : 1 };
}

export const STAGES: Stage[] = [
  {
    name: 'lint and format (biome)',
    run: (c) => command(bin(c.root, 'biome'), ['ci', '.'], c.root),
  },
  {
    name: 'type check',
    run: async (c) => {
      const worlds = [
        'tsconfig.node.json',
        ...(hasWorkerCode(c.root) ? ['tsconfig.workers.json'] : []),
      ];
      if (existsSync(path.join(c.root, '.vitepress', 'tsconfig.json')))
        worlds.push('.vitepress/tsconfig.json');
      const tally: Tally = { passed: 0, failed: 0 };
      for (const world of worlds) {
        process.stdout.write(style.gray(`  tsc -p ${world}\n`));
        const t = await command(bin(c.root, 'tsc'), ['-p', world], c.root);
        tally.passed += t.passed;
        tally.failed += t.failed;
      }
      return tally;
    },
  },
  {
    name: 'content',
    run: async (c) => {
      const problems = checkContent(c, { suites: await collectSuiteTitles(c) });
      for (const p of problems)
        process.stdout.write(`  ${style.red('✗')} ${p.file}: ${p.message}\n    fix: ${p.fix}\n`);
      if (problems.length === 0)
        process.stdout.write(
          `  ${style.green('✓')} manifest, labs, solutions, suites, hints and docs agree\n`,
        );
      return problems.length === 0
        ? { passed: 1, failed: 0 }
        : { passed: 0, failed: problems.length };
    },
  },
  {
    name: "the grader's own tests",
    run: (c) => vitestStage(c.root, 'grader/test/vitest.config.ts'),
  },
  { name: 'proof: solutions earn full marks, starters pass nothing', run: (c) => prove(c, c.labs) },
];

export async function testCommand(course: Course, argv: string[]): Promise<number> {
  let only: string | undefined;
  try {
    only = parseArgs({ args: argv, options: { only: { type: 'string' } } }).values.only;
  } catch (error) {
    throw new UsageError((error as Error).message, 'Usage: npm test [-- --only <stage name part>]');
  }
  const { extraStages } = await import('./stages.ts');
  const stages = [...STAGES, ...extraStages].filter((s) => !only || s.name.includes(only));
  if (stages.length === 0)
    throw new UsageError(
      `No stage matches "${only}".`,
      `Stages:\n${[...STAGES, ...extraStages].map((s) => `  ${s.name}`).join('\n')}`,
    );
  const total: Tally = { passed: 0, failed: 0 };
  const summary: string[] = [];
  const started = Date.now();
  for (const stage of stages) {
    process.stdout.write(`\n${style.bold(`▶ ${stage.name}`)}\n`);
    const t0 = Date.now();
    let tally: Tally;
    try {
      tally = await stage.run(course);
    } catch (error) {
      process.stdout.write(
        `  ${style.red('✗')} the stage crashed: ${(error as Error).stack ?? error}\n`,
      );
      tally = { passed: 0, failed: 1 };
    }
    total.passed += tally.passed;
    total.failed += tally.failed;
    const mark = tally.failed === 0 ? style.green('✓') : style.red('✗');
    summary.push(
      `  ${mark} ${stage.name.padEnd(58)} ${String(tally.passed).padStart(4)} passed ${String(tally.failed).padStart(3)} failed  ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  process.stdout.write(
    `\n${style.bold('Summary')} (${((Date.now() - started) / 1000).toFixed(1)} s)\n${summary.join('\n')}\n\n`,
  );
  process.stdout.write(`${total.passed} passed, ${total.failed} failed\n`);
  return total.failed === 0 ? 0 : 1;
}
