import { describe, expect, it } from 'vitest';
import { explainError, trimMessage } from '../src/runner/explain.ts';

const LAB = '/course/labs/lab-01-hello-lambda';

describe('explaining errors to a learner', () => {
  it('turns a transform error into a syntax error with file, line and column', () => {
    const e = explainError(
      {
        message:
          '\u001b[31mTransform failed with 1 error:\n[PARSE_ERROR] Unexpected token\n  ╭─[ src/handler.ts:12:7 ]',
        __vitest_rollup_error__: { id: `${LAB}/src/handler.ts` },
      },
      LAB,
    );
    expect(e).toEqual({
      status: 'error',
      file: 'src/handler.ts',
      line: 12,
      message: expect.stringMatching(
        /^Syntax error in src\/handler\.ts line 12, column 7: Unexpected token\./,
      ),
    });
  });

  it('explains process.exit with where it was called', () => {
    const e = explainError(
      {
        message: 'process.exit unexpectedly called with "2"',
        stacks: [{ file: `${LAB}/src/handler.ts`, line: 40, column: 3 }],
      },
      LAB,
    );
    expect(e.status).toBe('error');
    expect(e.message).toMatch(/process\.exit\(2\) \(src\/handler\.ts:40:3\)/);
  });

  it('explains a sandbox refusal', () => {
    const e = explainError(
      {
        message: 'Access to this API has been restricted',
        code: 'ERR_ACCESS_DENIED',
        permission: 'ChildProcess',
      },
      LAB,
    );
    expect(e.status).toBe('error');
    expect(e.message).toMatch(/sandbox refused ChildProcess/);
  });

  it('maps vitest timeouts to timeout', () => {
    expect(explainError({ message: 'Test timed out in 3000ms.' }, LAB).status).toBe('timeout');
  });

  it('keeps assertion messages and drops vitest noise', () => {
    const e = explainError(
      {
        name: 'AssertionError',
        message: 'status code: expected 500 to be 400 // Object.is equality',
      },
      LAB,
    );
    expect(e).toEqual({ status: 'fail', message: 'status code: expected 500 to be 400' });
  });

  it('points at the learner frame when their code throws', () => {
    const e = explainError(
      {
        name: 'TypeError',
        message: "Cannot read properties of null (reading 'name')",
        stacks: [
          { file: '/course/node_modules/x.js', line: 1, column: 1 },
          { file: `${LAB}/src/handler.ts`, line: 9, column: 20 },
        ],
      },
      LAB,
    );
    expect(e).toEqual({
      status: 'fail',
      file: 'src/handler.ts',
      line: 9,
      message:
        "Your code threw TypeError: Cannot read properties of null (reading 'name') (src/handler.ts:9:20)",
    });
  });

  it('explains a throw while loading a module', () => {
    const e = explainError(
      {
        name: 'Error',
        message: 'boom',
        stack: `Error: boom\n    at ${LAB}/src/handler.ts:3:9\n    at x`,
      },
      LAB,
      true,
    );
    expect(e.status).toBe('error');
    expect(e.message).toMatch(/^src\/handler\.ts threw while loading at line 3: Error: boom/);
  });

  it('trims long messages to a readable size', () => {
    const long = Array.from({ length: 30 }, (_, i) => `line ${i} ${'x'.repeat(50)}`).join('\n');
    const trimmed = trimMessage(long);
    expect(trimmed.split('\n').length).toBeLessThanOrEqual(6);
    expect(trimmed.length).toBeLessThanOrEqual(600);
  });
});
