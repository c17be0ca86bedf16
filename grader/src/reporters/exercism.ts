/**
 * Exercism's test-runner interface, `results.json` version 3
 * (https://exercism.org/docs/building/tooling/test-runners/interface): one exercise (lab) per
 * file; `task_id` links a test to the README's numbered task.
 */
import type { CheckStatus, LabResult } from '../model/result.ts';

export interface ExercismTest {
  name: string;
  status: 'pass' | 'fail' | 'error';
  message?: string;
  output?: string;
  task_id: number;
}

export interface ExercismResults {
  version: 3;
  status: 'pass' | 'fail' | 'error';
  message?: string;
  tests: ExercismTest[];
}

const STATUS: Record<CheckStatus, ExercismTest['status']> = {
  pass: 'pass',
  fail: 'fail',
  error: 'error',
  timeout: 'error',
  'not-run': 'error',
};

function limit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function toExercism(lab: LabResult): ExercismResults {
  const tests = lab.checks.map((check): ExercismTest => {
    const test: ExercismTest = {
      name: `${check.task} › ${check.title}`,
      status: STATUS[check.status],
      task_id: check.taskId,
    };
    if (check.status !== 'pass') {
      const parts = [
        check.status === 'timeout' || check.status === 'not-run'
          ? `[${check.status}] ${check.message}`
          : check.message,
      ];
      if (check.hint) parts.push(`Hint: ${check.hint}`);
      test.message = parts.filter(Boolean).join('\n\n');
    }
    if (check.output) test.output = limit(check.output, 500);
    return test;
  });
  const results: ExercismResults = { version: 3, status: lab.status, tests };
  if (lab.status === 'error') {
    const typeErrors = lab.typecheck.diagnostics.map(
      (d) => `${d.file}:${d.line}:${d.column} ${d.message}`,
    );
    const reasons = [...lab.errors, ...typeErrors];
    results.message =
      reasons.length > 0 ? reasons.join('\n') : 'Some checks could not run (error or timeout).';
  }
  return results;
}
