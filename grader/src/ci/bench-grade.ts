/**
 * `npm run bench:grade [lab] [-- --runs N]`: the grade command against the bare vitest run of
 * the same suite, measured in one session, interleaved, reporting medians. Not part of
 * `npm test`: timings on a shared machine are for reading, not for asserting.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { requireLab, UsageError } from '../cli/usage.ts';
import type { Course } from '../manifest/load.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function time(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const result = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: 'ignore' });
  const elapsed = performance.now() - start;
  if (result.error) throw result.error;
  return elapsed;
}

export async function benchGradeCommand(course: Course, argv: string[]): Promise<number> {
  let values: { runs?: string; json?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { runs: { type: 'string' }, json: { type: 'boolean' } },
    }));
  } catch (error) {
    throw new UsageError(
      (error as Error).message,
      'Usage: npm run bench:grade [lab] [-- --runs N] [--json]',
    );
  }
  const lab = requireLab(course.labs, positionals[0] ?? course.labs[0]?.id, 'bench:grade');
  const runs = Number(values.runs ?? 9);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const variants = {
    grade: () => time(npm, ['run', '-s', 'grade', '--', lab.id, '--solutions'], course.root, {}),
    vitest: () =>
      time(npx, ['vitest', 'run', `grader/suites/${lab.dir}`], course.root, {
        LAB_TARGET: 'solutions',
      }),
  };
  // One warm-up each (bundle, vite caches, type-check cache), then interleaved runs.
  variants.grade();
  variants.vitest();
  const samples = { grade: [] as number[], vitest: [] as number[] };
  for (let i = 0; i < runs; i++) {
    samples.grade.push(variants.grade());
    samples.vitest.push(variants.vitest());
  }
  const result = {
    lab: lab.id,
    runs,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
    medianMs: {
      grade: Math.round(median(samples.grade)),
      vitest: Math.round(median(samples.vitest)),
    },
    ratio: Number((median(samples.grade) / median(samples.vitest)).toFixed(3)),
    commands: {
      grade: `npm run -s grade -- ${lab.id} --solutions`,
      vitest: `LAB_TARGET=solutions npx vitest run grader/suites/${lab.dir}`,
    },
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(
    [
      `bench:grade ${lab.id} — ${runs} interleaved runs each after one warm-up (${result.machine})`,
      `  ${result.commands.grade.padEnd(58)} median ${result.medianMs.grade} ms`,
      `  ${result.commands.vitest.padEnd(58)} median ${result.medianMs.vitest} ms`,
      `  ratio grade / vitest: ${result.ratio} (target ≤ 1.1)`,
      `  cwd: ${path.relative(process.cwd(), course.root) || '.'}`,
      '',
    ].join('\n'),
  );
  return 0;
}
