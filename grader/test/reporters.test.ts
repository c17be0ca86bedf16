/**
 * Every output format is derived from the one result model: golden files for each, from one
 * model that has every status.
 */
import { describe, expect, it } from 'vitest';
import type { GradeReport, LabResult } from '../src/model/result.ts';
import { exitCode, labStatus } from '../src/model/result.ts';
import { toClassroomPayload, toClassroomResult } from '../src/reporters/classroom.ts';
import { toExercism } from '../src/reporters/exercism.ts';
import { toJUnit } from '../src/reporters/junit.ts';
import { renderLab } from '../src/reporters/terminal.ts';
import { expectGolden } from './helpers.ts';

const base = {
  points: 1,
  earned: 0,
  hint: 'Read the docs <carefully> & "slowly".',
  durationMs: 3,
  cards: [],
};
const lab: LabResult = {
  id: 'lab-07',
  slug: 'sample',
  title: 'A sample lab',
  module: 2,
  status: 'error',
  score: 1,
  maxScore: 5,
  durationMs: 1234,
  typecheck: {
    status: 'fail',
    diagnostics: [
      {
        file: 'src/a.ts',
        line: 3,
        column: 5,
        message: "Type 'string' is not assignable to type 'number'. (TS2322)",
      },
    ],
  },
  errors: [],
  checks: [
    {
      ...base,
      task: '1. First',
      taskId: 1,
      title: 'passes',
      status: 'pass',
      earned: 1,
      message: '',
      hint: '',
    },
    {
      ...base,
      task: '1. First',
      taskId: 1,
      title: 'fails',
      status: 'fail',
      message: 'expected 1 to be 2',
    },
    {
      ...base,
      task: '2. Second',
      taskId: 2,
      title: 'errors',
      status: 'error',
      message: 'Your code called process.exit(1)',
      file: 'src/a.ts',
      line: 7,
    },
    {
      ...base,
      task: '2. Second',
      taskId: 2,
      title: 'times out',
      status: 'timeout',
      message: 'Still running after 3000 ms',
      output: 'tick\ntick',
    },
    {
      ...base,
      task: '2. Second',
      taskId: 2,
      title: 'is not run',
      status: 'not-run',
      message: 'Not run: grading stopped before this check started.',
    },
  ],
};
const report: GradeReport = { version: 1, target: 'labs', labs: [lab] };

describe('reporters', () => {
  it('writes Exercism results.json version 3', () => {
    const out = toExercism(lab);
    expect(out.version).toBe(3);
    expect(out.tests.map((t) => t.status)).toEqual(['pass', 'fail', 'error', 'error', 'error']);
    expect(out.tests.map((t) => t.task_id)).toEqual([1, 1, 2, 2, 2]);
    expectGolden('reporter.exercism', out);
  });

  it('writes the GitHub Classroom result as base64 of the autograding payload', () => {
    const payload = toClassroomPayload(lab, 'grader/suites/lab-07-sample');
    expect(
      JSON.parse(
        Buffer.from(toClassroomResult(lab, 'grader/suites/lab-07-sample'), 'base64').toString(
          'utf8',
        ),
      ),
    ).toEqual(payload);
    expect(payload.max_score).toBe(5);
    expect(payload.tests.reduce((s, t) => s + t.score, 0)).toBe(1);
    expectGolden('reporter.classroom', payload);
  });

  it('writes JUnit XML with failures, errors and skipped checks, escaped', () => {
    const xml = toJUnit(report);
    expect(xml).toContain('tests="5" failures="1" errors="2" skipped="1"');
    expect(xml).toContain('&lt;carefully&gt; &amp; &quot;slowly&quot;');
    expectGolden('reporter.junit', { xml: xml.split('\n') });
  });

  it('renders the terminal view with a hint under each failing check', () => {
    const text = renderLab(lab, { command: 'grade' });
    expect(text).toContain('✗ fails');
    expect(text.match(/hint: Read the docs/g)?.length).toBe(3);
    expect(text).toContain('Type check failed (1 error)');
    expect(text).toContain('1/5');
  });

  it('derives the lab status and the exit code from the checks', () => {
    const pass = { ...lab.checks[0]! };
    expect(labStatus([pass], { status: 'pass', diagnostics: [] }, [])).toBe('pass');
    expect(labStatus([pass, lab.checks[1]!], { status: 'pass', diagnostics: [] }, [])).toBe('fail');
    expect(labStatus([pass], { status: 'fail', diagnostics: [] }, [])).toBe('error');
    expect(labStatus([pass, lab.checks[3]!], { status: 'pass', diagnostics: [] }, [])).toBe(
      'error',
    );
    expect(labStatus([], { status: 'pass', diagnostics: [] }, [])).toBe('fail');
    expect(exitCode(report)).toBe(1);
    expect(exitCode({ ...report, labs: [{ ...lab, status: 'pass' }] })).toBe(0);
    expect(exitCode({ ...report, labs: [] })).toBe(1);
  });
});
