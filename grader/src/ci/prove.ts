/**
 * The proof every lab must pass, run by `npm test`: the reference solution earns full marks
 * with clean types, and the untouched starter (from grader/starters.json, so a learner's edits
 * to labs/ do not matter) passes no check, fails no type check, and does not hang.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { style } from '../cli/style.ts';
import { requireLab } from '../cli/usage.ts';
import type { Course } from '../manifest/load.ts';
import type { Lab } from '../manifest/schema.ts';
import type { LabResult } from '../model/result.ts';
import { Runner } from '../runner/run.ts';
import { materializeStarters } from '../state/starters.ts';

export interface Tally {
  passed: number;
  failed: number;
}

function describeCheck(c: LabResult['checks'][number]): string {
  return `${c.task} › ${c.title}: ${c.status}${c.message ? ` — ${c.message.split('\n')[0]}` : ''}`;
}

async function gradeAll(
  course: Course,
  labs: readonly Lab[],
  target: string,
): Promise<LabResult[]> {
  const runner = await Runner.open({ root: course.root, target, labs });
  try {
    const results: LabResult[] = [];
    for (const lab of labs) results.push(await runner.grade(lab));
    return results;
  } finally {
    await runner.close();
  }
}

/** Grades solutions and pristine starters of `labs`; prints a line per lab and returns the tally. */
export async function prove(course: Course, labs: readonly Lab[]): Promise<Tally> {
  const tally: Tally = { passed: 0, failed: 0 };
  /** Counts each item as one check; prints one line for the group and the details of failures. */
  const report = (line: string, good: number, failures: string[]) => {
    tally.passed += good;
    tally.failed += failures.length;
    const mark = failures.length === 0 ? style.green('✓') : style.red('✗');
    process.stdout.write(`  ${mark} ${line}\n${failures.map((d) => `      ${d}\n`).join('')}`);
  };

  const solutions = await gradeAll(course, labs, 'solutions');
  const starterRoot = mkdtempSync(path.join(os.tmpdir(), 'course-starters-'));
  let starters: LabResult[];
  try {
    materializeStarters(course.root, labs, starterRoot);
    starters = await gradeAll(course, labs, starterRoot);
  } finally {
    rmSync(starterRoot, { recursive: true, force: true });
  }

  for (const [i, lab] of labs.entries()) {
    const sol = solutions[i]!;
    const solFailing = sol.checks.filter((c) => c.status !== 'pass');
    report(
      `${lab.id} solution: ${sol.score}/${sol.maxScore} points, types ${sol.typecheck.status} (${sol.durationMs} ms)`,
      sol.checks.length - solFailing.length + (sol.typecheck.status === 'pass' ? 1 : 0),
      [
        ...solFailing.map(describeCheck),
        ...(sol.typecheck.status === 'pass'
          ? []
          : [
              `type check ${sol.typecheck.status}: ${sol.typecheck.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`).join('; ') || sol.typecheck.reason}`,
            ]),
        ...sol.errors,
      ],
    );
    const start = starters[i]!;
    // A starter check must not pass, and must not hang (a learner's first grade would stall).
    const startWrong = start.checks.filter((c) => c.status === 'pass' || c.status === 'timeout');
    report(
      `${lab.id} starter: passes none of ${start.checks.length} checks, types ${start.typecheck.status} (${start.durationMs} ms)`,
      start.checks.length - startWrong.length + (start.typecheck.status === 'pass' ? 1 : 0),
      [
        ...startWrong.map(describeCheck),
        ...(start.typecheck.status === 'pass'
          ? []
          : [
              `the starter must type-check (a first grade should show hints, not type errors): ${start.typecheck.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`).join('; ')}`,
            ]),
      ],
    );
  }
  return tally;
}

export async function proveCommand(course: Course, argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  const labs = positionals.length
    ? positionals.map((q) => requireLab(course.labs, q, 'prove'))
    : course.labs;
  const tally = await prove(course, labs);
  process.stdout.write(`${tally.passed} passed, ${tally.failed} failed\n`);
  return tally.failed === 0 ? 0 : 1;
}
