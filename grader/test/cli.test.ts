/**
 * The CLI contract scripts and instructors depend on: exit codes, `--json` printing exactly the
 * result model, the formats, and clear usage errors.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { materializeStarters } from '../src/state/starters.ts';
import { course, lab, ROOT, tempTarget } from './helpers.ts';

function cli(...args: string[]) {
  const run = spawnSync(
    process.execPath,
    [path.join(ROOT, 'grader', 'bin', 'course.mjs'), ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0', GITHUB_OUTPUT: '' },
    },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const starters = tempTarget('cli-starters-');
materializeStarters(ROOT, [lab('lab-01')], starters.dir);
afterAll(() => starters.cleanup());

describe('the grade command', () => {
  it('prints exactly the result model with --json, and exits 0 when everything passes', () => {
    const { code, stdout } = cli('grade', '--json', '--solutions');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ version: 1, target: 'solutions' });
    expect(report.labs.map((l: { id: string }) => l.id)).toEqual(course.labs.map((l) => l.id));
    for (const labResult of report.labs) {
      expect(Object.keys(labResult)).toEqual(
        expect.arrayContaining([
          'id',
          'slug',
          'title',
          'status',
          'score',
          'maxScore',
          'durationMs',
          'checks',
        ]),
      );
      expect(labResult.status).toBe('pass');
      expect(labResult.score).toBe(labResult.maxScore);
      for (const check of labResult.checks) {
        expect(Object.keys(check)).toEqual(
          expect.arrayContaining(['task', 'title', 'status', 'points', 'message', 'hint']),
        );
      }
    }
  });

  it('exits 1 with a hint under every failing check on an untouched starter', () => {
    const { code, stdout } = cli('grade', 'lab-01', '--target', starters.dir);
    expect(code).toBe(1);
    const failing = stdout.match(/✗ /g)?.length ?? 0;
    expect(failing).toBe(lab('lab-01').tasks.flatMap((t) => t.checks).length);
    expect(stdout.match(/hint: /g)?.length).toBe(failing);
    expect(stdout).toMatch(/NOT YET\s+0\/14 points/);
  });

  it('accepts the number, the short id and the slug', () => {
    for (const query of ['1', '01', 'lab-1', 'hello-lambda']) {
      const { code, stdout } = cli('grade', query, '--solutions', '--json');
      expect(code, query).toBe(0);
      expect(JSON.parse(stdout).labs[0].id).toBe('lab-01');
    }
  });

  it('exits 2 for an unknown lab, lists the labs and suggests the closest', () => {
    const { code, stdout, stderr } = cli('grade', 'hello-lamda');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('There is no lab "hello-lamda"');
    expect(stderr).toContain('Did you mean lab-01 (hello-lambda)?');
    for (const l of course.labs) expect(stderr).toContain(l.id);
  });

  it('exits 2 for bad options, with what to do instead', () => {
    expect(cli('grade', 'lab-01', '--frobnicate').code).toBe(2);
    expect(cli('grade', 'lab-01', '--format', 'xml').stderr).toMatch(/Unknown --format "xml"/);
    expect(cli('grade', '--format', 'exercism', '--solutions').stderr).toMatch(/describes one lab/);
    expect(cli('grade', 'lab-01', '--target', '/nonexistent/folder').stderr).toMatch(
      /no such folder/,
    );
    expect(cli('grade', 'lab-01', '--solutions', '--target', '.').code).toBe(2);
    expect(cli('frobnicate').code).toBe(2);
  });

  it('prints the Exercism, Classroom and JUnit formats from the same model', () => {
    const exercism = JSON.parse(
      cli('grade', 'lab-01', '--solutions', '--format', 'exercism').stdout,
    );
    expect(exercism).toMatchObject({ version: 3, status: 'pass' });
    const classroom = cli('grade', 'lab-01', '--solutions', '--format', 'classroom').stdout.trim();
    expect(JSON.parse(Buffer.from(classroom, 'base64').toString('utf8'))).toMatchObject({
      version: 1,
      status: 'pass',
      max_score: 14,
    });
    const junit = cli('grade', 'lab-01', '--target', starters.dir, '--format', 'junit');
    expect(junit.code).toBe(1);
    expect(junit.stdout).toMatch(/^<\?xml/);
    expect(junit.stdout).toContain('failures="14"');
  });
});

describe('the other commands', () => {
  it('lists the labs', () => {
    const { code, stdout } = cli('labs', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).labs.map((l: { id: string }) => l.id)).toEqual(
      course.labs.map((l) => l.id),
    );
  });

  it('asks which lab when a hint or a reset names none', () => {
    expect(cli('hint').stderr).toMatch(/Which lab\?/);
    expect(cli('reset').code).toBe(2);
  });
});
