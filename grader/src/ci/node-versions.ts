/**
 * `npm test` stages that prove the course on the Node versions learners (and Lambda's
 * nodejs22.x / nodejs24.x runtimes) run, beyond the Node 20 the course is developed on. The
 * npm packages `node@22` and `node@24` ship real Node binaries: `npx -y node@22` fetches one
 * from the npm registry once (about 6 s and 80 MB here), then npm's cache serves it.
 *
 * Each stage runs, under that Node:
 *  - a representative part of the grader's own tests: the runner on its golden fixtures
 *    (sandbox flags, watchdog, reporters), the bundle proofs (each AWS bundle in a fresh
 *    process: what Lambda's runtime of that version would run), the Workers test in Miniflare,
 *    and the property tests of the reference handlers. Left out are the slowest files, whose
 *    Node-specific surface the ones above already cover: the CLI contract (spawns the CLI ~30
 *    times), cohort grading (instructor tooling), the content checker and the SAM template
 *    checks (file parsing). `COURSE_NODE_STAGES=full` runs every file;
 *  - the solution proof: every lab's reference solution graded by the course's own command
 *    (`grade --solutions`), one check per vitest check and one per type check.
 *
 * A stage that cannot get its Node (no network and nothing cached) fails, saying why: it
 * never passes without having run.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { style } from '../cli/style.ts';
import type { Course } from '../manifest/load.ts';
import type { GradeReport } from '../model/result.ts';
import type { Tally } from './prove.ts';
import type { ExtraStage } from './stages.ts';
import { tallyVitestReport } from './test.ts';

/** Grader test files left out of the representative run (see the module comment). */
export const SLOW_TEST_FILES = [
  'grader/test/cli.test.ts',
  'grader/test/cohort.test.ts',
  'grader/test/content.test.ts',
  'grader/test/deploy/templates.test.ts',
];

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command; output is collected, or passed through when `inherit` is set. */
function run(
  cmd: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; inherit?: boolean; timeoutMs?: number },
): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: options.inherit ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr?.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-8000);
    });
    const timer = options.timeoutMs
      ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
      : undefined;
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: `${stderr}could not start ${cmd}: ${error.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * The path of a Node `major` binary, fetched through npx (from npm's cache when it has one),
 * or the reason it could not be had.
 */
export async function nodeBinary(
  major: number,
  cwd: string,
): Promise<{ bin: string; version: string } | { error: string }> {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const started = performance.now();
  const got = await run(
    npx,
    ['--prefer-offline', '--yes', `node@${major}`, '-p', 'process.execPath'],
    {
      cwd,
      env: {
        npm_config_update_notifier: 'false',
        npm_config_fund: 'false',
        // Fail within about half a minute when the registry cannot be reached.
        npm_config_fetch_retries: '1',
        npm_config_fetch_retry_maxtimeout: '10000',
      },
      timeoutMs: 5 * 60_000,
    },
  );
  const bin = got.stdout.trim().split('\n').pop() ?? '';
  if (got.code !== 0 || !existsSync(bin)) {
    const lines = got.stderr.trim().split('\n');
    // npm's error output is long: its code and the failed request say what happened.
    const telling = lines.filter((l) =>
      /\b(code|errno)\b|request to|E[A-Z_]{4,}|\b404\b|unable to|not found/i.test(l),
    );
    const why = (telling.length > 0 ? telling.slice(0, 4) : lines.slice(-6)).join('\n    ');
    return {
      error:
        `npx --yes node@${major} failed (exit ${got.code}):\n    ${why || 'no output'}\n` +
        `    This stage downloads Node ${major} from the npm registry once (≈ 80 MB), then npm's cache serves it: check the network or the registry (npm config get registry).`,
    };
  }
  const version = await run(bin, ['-p', 'process.version'], { cwd });
  const v = version.stdout.trim();
  if (!v.startsWith(`v${major}.`))
    return { error: `npx node@${major} gave ${bin}, which reports "${v}", not v${major}.x` };
  process.stdout.write(
    style.gray(`  Node ${v} at ${bin} (${Math.round(performance.now() - started)} ms)\n`),
  );
  return { bin, version: v };
}

function testFiles(root: string, full: boolean): string[] {
  const dir = path.join(root, 'grader', 'test');
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const rel = path.relative(root, path.join(d, e.name)).split(path.sep).join('/');
      if (e.isDirectory()) {
        if (rel !== 'grader/test/fixtures') walk(path.join(d, e.name));
      } else if (rel.endsWith('.test.ts')) found.push(rel);
    }
  };
  walk(dir);
  return found.filter((f) => full || !SLOW_TEST_FILES.includes(f)).sort();
}

/** The grader's tests under `bin`, counted from vitest's JSON report. */
async function graderTests(bin: string, root: string, full: boolean): Promise<Tally> {
  const files = testFiles(root, full);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'course-node-'));
  const out = path.join(dir, 'results.json');
  try {
    process.stdout.write(
      style.gray(
        `  the grader's tests: ${files.length} files${full ? '' : ` (representative; left out: ${SLOW_TEST_FILES.map((f) => path.basename(f)).join(', ')})`}\n`,
      ),
    );
    const ran = await run(
      bin,
      [
        path.join(root, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--config',
        'grader/test/vitest.config.ts',
        '--reporter=dot',
        '--reporter=json',
        `--outputFile.json=${out}`,
        ...files,
      ],
      {
        cwd: root,
        inherit: true,
        // Child processes the tests start with `node` get this Node too.
        env: { PATH: `${path.dirname(bin)}${path.delimiter}${process.env.PATH ?? ''}` },
      },
    );
    const tally = tallyVitestReport(out, ran.code === 0);
    if (!tally)
      process.stdout.write(`  ${style.red('✗')} vitest wrote no report (exit ${ran.code})\n`);
    return tally ?? { passed: 0, failed: 1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every lab's reference solution graded under `bin`: each check, and each type check. */
async function solutionProof(bin: string, course: Course): Promise<Tally> {
  const ran = await run(
    bin,
    [path.join(course.root, 'grader', 'bin', 'course.mjs'), 'grade', '--solutions', '--json'],
    { cwd: course.root, env: { FORCE_COLOR: '0' } },
  );
  let report: GradeReport;
  try {
    report = JSON.parse(ran.stdout) as GradeReport;
  } catch {
    process.stdout.write(
      `  ${style.red('✗')} grade --solutions printed no report (exit ${ran.code}):\n    ${ran.stderr.trim().split('\n').slice(-10).join('\n    ')}\n`,
    );
    return { passed: 0, failed: 1 };
  }
  const tally: Tally = { passed: 0, failed: 0 };
  for (const lab of report.labs) {
    const failing = lab.checks.filter((c) => c.status !== 'pass');
    const typesOk = lab.typecheck.status === 'pass';
    tally.passed += lab.checks.length - failing.length + (typesOk ? 1 : 0);
    tally.failed += failing.length + (typesOk ? 0 : 1) + lab.errors.length;
    const ok = failing.length === 0 && typesOk && lab.errors.length === 0;
    process.stdout.write(
      `  ${ok ? style.green('✓') : style.red('✗')} ${lab.id} solution: ${lab.score}/${lab.maxScore} points, types ${lab.typecheck.status} (${lab.durationMs} ms)\n`,
    );
    for (const c of failing)
      process.stdout.write(
        `      ${c.task} › ${c.title}: ${c.status}${c.message ? ` — ${c.message.split('\n')[0]}` : ''}\n`,
      );
    for (const e of lab.errors) process.stdout.write(`      ${e.split('\n')[0]}\n`);
  }
  if (report.labs.length !== course.labs.length) {
    process.stdout.write(
      `  ${style.red('✗')} graded ${report.labs.length} of ${course.labs.length} labs\n`,
    );
    tally.failed += 1;
  }
  return tally;
}

/** The stage for one Node major version. */
export function nodeVersionStage(
  major: number,
  full = process.env.COURSE_NODE_STAGES === 'full',
): ExtraStage {
  return {
    name: `Node ${major}: the grader's tests and the solution proof`,
    run: async (course) => {
      const node = await nodeBinary(major, course.root);
      if ('error' in node) {
        process.stdout.write(`  ${style.red('✗')} Node ${major} is not available: ${node.error}\n`);
        return { passed: 0, failed: 1 };
      }
      const tests = await graderTests(node.bin, course.root, full);
      const proof = await solutionProof(node.bin, course);
      return { passed: tests.passed + proof.passed, failed: tests.failed + proof.failed };
    },
  };
}

/** For stages.ts: Node 22 and Node 24, the versions of Lambda's current Node.js runtimes. */
export const nodeVersionStages: ExtraStage[] = [22, 24].map((major) => nodeVersionStage(major));
