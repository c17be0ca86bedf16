/**
 * GitHub Classroom autograding: a runner step publishes `result`, the base64 of a JSON
 * payload, and `classroom-resources/autograding-grading-reporter` sums `tests[].score` against
 * `max_score` and reports the points on the workflow's check run.
 */
import type { LabResult } from '../model/result.ts';

export interface ClassroomTest {
  name: string;
  status: 'pass' | 'fail' | 'error';
  score: number;
  message: string;
  test_code: string;
  filename: string;
  line_no: number;
  duration: number;
}

export interface ClassroomPayload {
  version: 1;
  status: 'pass' | 'fail' | 'error';
  max_score: number;
  tests: ClassroomTest[];
}

export function toClassroomPayload(lab: LabResult, suiteFile = ''): ClassroomPayload {
  return {
    version: 1,
    status: lab.status,
    max_score: lab.maxScore,
    tests: lab.checks.map((check) => ({
      name: `${check.task} › ${check.title}`,
      status: check.status === 'pass' ? 'pass' : check.status === 'fail' ? 'fail' : 'error',
      score: check.earned,
      message:
        check.status === 'pass'
          ? ''
          : [check.message, check.hint && `Hint: ${check.hint}`].filter(Boolean).join(' '),
      test_code: `npm run grade -- ${lab.id}`,
      filename: check.file ?? suiteFile,
      line_no: check.line ?? 0,
      duration: check.durationMs,
    })),
  };
}

/** The value of the step's `result` output. */
export function toClassroomResult(lab: LabResult, suiteFile = ''): string {
  return Buffer.from(JSON.stringify(toClassroomPayload(lab, suiteFile)), 'utf8').toString('base64');
}
