/**
 * What counts as a pass: a skipped check, a check the suite lacks, a suite with no tests and a
 * test the manifest does not declare are failures of the suite, never passes.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Lab, LabManifest } from '../src/manifest/schema.ts';
import { gradeOnce, ROOT } from './helpers.ts';

const FIXTURES = path.join(ROOT, 'grader', 'test', 'fixtures');

function fixtureLab(id: string, tasks: { title: string; checks: string[] }[]): Lab {
  const manifest = LabManifest.parse({
    id,
    slug: 'fixture',
    title: 'Fixture',
    summary: 'A lab used by the grader tests.',
    module: 1,
    platform: 'pure',
    files: ['src/add.ts'],
    minutes: 1,
    docs: '/',
    tasks: tasks.map((t) => ({
      title: t.title,
      checks: t.checks.map((title) => ({ title, hints: ['a hint'] })),
    })),
  });
  return {
    ...manifest,
    dir: `${id}-fixture`,
    manifestPath: '',
    maxScore: tasks.flatMap((t) => t.checks).length,
  };
}

const options = {
  target: path.join(FIXTURES, 'target'),
  suitesRoot: path.join(FIXTURES, 'suites'),
  typecheck: false,
};

describe('suite semantics', () => {
  it('treats a skipped check, a missing check and an undeclared test as failures', async () => {
    const lab = fixtureLab('lab-90', [
      {
        title: '1. Add',
        checks: ['adds two numbers', 'is skipped at run time', 'has no test in the suite'],
      },
    ]);
    const result = await gradeOnce({ ...options, labs: [lab] }, lab);
    const status = Object.fromEntries(result.checks.map((c) => [c.title, c.status]));
    expect(status).toEqual({
      'adds two numbers': 'pass',
      'is skipped at run time': 'error',
      'has no test in the suite': 'error',
    });
    expect(result.checks[1]!.message).toMatch(/skipped/);
    expect(result.errors.join('\n')).toMatch(
      /does not declare: "1\. Add" › "is not declared in the manifest"/,
    );
    expect(result.status).toBe('error');
    expect(result.score).toBe(1);
  });

  it('treats a suite that runs zero tests as an error, not a pass', async () => {
    const lab = fixtureLab('lab-91', [{ title: '1. Nothing', checks: ['would check something'] }]);
    const result = await gradeOnce({ ...options, labs: [lab] }, lab);
    expect(result.checks.map((c) => c.status)).toEqual(['error']);
    expect(result.status).toBe('error');
    expect(result.score).toBe(0);
  });
});
