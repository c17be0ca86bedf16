/**
 * Lab 14, task 1: retries with exponential backoff and full jitter. The sleep and the random
 * source are injected; fake timers also run any real setTimeout instantly, so no check ever
 * waits for real.
 */
import { type RetryOptions, retry } from '@lab/lab-14-resilience/src/retry.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

function awsError(name: string, status?: number): Error {
  const error = new Error(`${name}: from the fake service`);
  error.name = name;
  if (status !== undefined) Object.assign(error, { $metadata: { httpStatusCode: status } });
  return error;
}

/** True when `error` is `expected`, or wraps it as its cause. */
function isOrWraps(error: unknown, expected: unknown): boolean {
  return error === expected || (error as { cause?: unknown } | null)?.cause === expected;
}

interface Run<T> {
  ok: boolean;
  value?: T;
  error?: unknown;
  calls: number;
  sleeps: number[];
  /** Calls and sleeps in the order they happened. */
  log: string[];
}

/**
 * Runs retry() with a recording sleep. `outcome(n)` decides attempt n: return a value, or throw.
 * Calls and sleeps are bounded, so an unbounded loop fails with a message instead of hanging.
 */
async function run<T>(
  outcome: (attempt: number) => T,
  options: Omit<RetryOptions, 'sleep'> = {},
): Promise<Run<T>> {
  const record: Run<T> = { ok: false, calls: 0, sleeps: [], log: [] };
  const operation = async (): Promise<T> => {
    record.calls += 1;
    record.log.push('call');
    if (record.calls > 200)
      throw new Error('more than 200 calls: is the number of attempts bounded by maxAttempts?');
    return outcome(record.calls);
  };
  const sleep = async (ms: number) => {
    record.sleeps.push(ms);
    record.log.push('sleep');
    if (record.sleeps.length > 200) throw new Error('more than 200 sleeps: are retries bounded?');
  };
  const settled = retry(operation, { ...options, sleep }).then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
  // A real setTimeout instead of the injected sleep would wait here: fake timers run it now.
  await vi.runAllTimersAsync();
  Object.assign(record, await settled);
  return record;
}

const throwing =
  (make: (attempt: number) => unknown) =>
  (attempt: number): never => {
    throw make(attempt);
  };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('1. Retry with exponential backoff and full jitter', () => {
  it('draws each delay at random between 0 and min(cap, base × 2^n)', async () => {
    // Prepare: base 100 ms and a cap far away: the ceilings are 100, 200, 400, 800, 1600 ms.
    const ceilings = [100, 200, 400, 800, 1600];
    for (const r of [0.999999, 0.5, 0]) {
      // Act
      const result = await run(
        throwing(() => awsError('ServiceUnavailable', 503)),
        { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 60_000, random: () => r },
      );
      // Assess
      expect(result.sleeps.length, 'sleeps between 6 attempts').toBe(5);
      result.sleeps.forEach((ms, i) => {
        const expected = r * ceilings[i]!;
        expect(
          ms >= Math.floor(expected) && ms <= Math.ceil(expected),
          `the delay before retry ${i + 1} with random() = ${r}: full jitter draws random() × ${ceilings[i]} = ${expected} ms (the ceiling doubles from baseDelayMs on each retry), but it was ${ms} ms`,
        ).toBe(true);
      });
    }
  });

  it('never waits longer than maxDelayMs, however many attempts', async () => {
    // Prepare: the ceiling passes the 1000 ms cap at the fifth retry (1600 > 1000).
    const result = await run(
      throwing(() => awsError('ServiceUnavailable', 503)),
      { maxAttempts: 15, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999999 },
    );
    expect(result.sleeps.length, 'sleeps between 15 attempts').toBe(14);
    for (const [i, ms] of result.sleeps.entries()) {
      expect(ms, `the delay before retry ${i + 1} (maxDelayMs is 1000)`).toBeLessThanOrEqual(1000);
    }
    expect(
      result.sleeps.slice(4).every((ms) => ms >= 990),
      `delays once the ceiling is capped, with random() = 0.999999: min(cap, base × 2^n) caps the window at 1000 ms, so they are just under 1000 ms (got ${result.sleeps.slice(4).join(', ')})`,
    ).toBe(true);

    // Many attempts: 2^n grows past any number; the cap must still hold.
    const long = await run(
      throwing(() => awsError('InternalServerError', 500)),
      { maxAttempts: 80, baseDelayMs: 100, maxDelayMs: 2000, random: () => 0.5 },
    );
    expect(
      long.sleeps.every((ms) => Number.isFinite(ms) && ms >= 0 && ms <= 2000),
      'every delay of 80 attempts is a finite number between 0 and the 2000 ms cap',
    ).toBe(true);
  });

  it('makes exactly maxAttempts calls, then throws the last error', async () => {
    // Prepare: every attempt fails with its own error.
    const errors: Error[] = [];
    const fail = (attempt: number) => {
      const error = awsError('ServiceUnavailable', 503);
      error.message = `unavailable on attempt ${attempt}`;
      errors.push(error);
      return error;
    };
    // Act: the default number of attempts
    const byDefault = await run(throwing(fail), { random: () => 0.5 });
    // Assess
    expect(byDefault.calls, 'calls with the default maxAttempts (3)').toBe(3);
    expect(byDefault.ok, 'retry() must reject when every attempt failed').toBe(false);
    expect(
      isOrWraps(byDefault.error, errors[2]),
      `the error thrown after the last attempt: the third attempt's own error, got ${String(byDefault.error)}`,
    ).toBe(true);

    errors.length = 0;
    const five = await run(throwing(fail), { maxAttempts: 5, random: () => 0.5 });
    expect(five.calls, 'calls with maxAttempts: 5').toBe(5);
    expect(
      five.log,
      'calls and sleeps in order: a sleep between attempts, none before the first call or after the last',
    ).toEqual(['call', 'sleep', 'call', 'sleep', 'call', 'sleep', 'call', 'sleep', 'call']);
    expect(isOrWraps(five.error, errors[4]), 'the error thrown: the fifth attempt’s error').toBe(
      true,
    );

    const once = await run(throwing(fail), { maxAttempts: 1 });
    expect(once.calls, 'calls with maxAttempts: 1').toBe(1);
    expect(once.sleeps, 'sleeps with maxAttempts: 1').toEqual([]);

    // Success on the third attempt: its value, and no more calls.
    const third = await run(
      (attempt) => {
        if (attempt < 3) throw awsError('ServiceUnavailable', 503);
        return 'done';
      },
      { maxAttempts: 5, random: () => 0.5 },
    );
    expect(third.value, 'the value of the attempt that succeeded').toBe('done');
    expect(third.calls, 'calls when the third attempt succeeds').toBe(3);
    expect(third.sleeps.length, 'sleeps when the third attempt succeeds').toBe(2);
  });

  it('retries throttling, 5xx and timeouts, but not validation or other 4xx errors', async () => {
    const networkError = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const retryable: [string, Error][] = [
      ['ThrottlingException (sent with HTTP 400)', awsError('ThrottlingException', 400)],
      [
        'ProvisionedThroughputExceededException (HTTP 400)',
        awsError('ProvisionedThroughputExceededException', 400),
      ],
      ['TooManyRequestsException (HTTP 429)', awsError('TooManyRequestsException', 429)],
      ['a 503 ServiceUnavailable', awsError('ServiceUnavailable', 503)],
      ['a 500 InternalServerError', awsError('InternalServerError', 500)],
      ['an error with HTTP status 502', awsError('BadGateway', 502)],
      ['a TimeoutError', awsError('TimeoutError')],
      ['a connection reset (code ECONNRESET)', networkError],
    ];
    for (const [what, error] of retryable) {
      const result = await run(
        (attempt) => {
          if (attempt === 1) throw error;
          return 'ok';
        },
        { random: () => 0 },
      );
      expect(result.calls, `calls when the first attempt fails with ${what} (retryable)`).toBe(2);
      expect(result.value, `the value after retrying ${what}`).toBe('ok');
    }

    const permanent: [string, Error][] = [
      ['ValidationException (HTTP 400)', awsError('ValidationException', 400)],
      ['AccessDeniedException (HTTP 403)', awsError('AccessDeniedException', 403)],
      ['ResourceNotFoundException (HTTP 404)', awsError('ResourceNotFoundException', 404)],
      [
        'ConditionalCheckFailedException (HTTP 400)',
        awsError('ConditionalCheckFailedException', 400),
      ],
      [
        'a TypeError (a bug in the calling code)',
        new TypeError('Cannot read properties of undefined'),
      ],
    ];
    for (const [what, error] of permanent) {
      const result = await run(
        throwing(() => error),
        { maxAttempts: 4, random: () => 0 },
      );
      expect(result.calls, `calls for ${what}: it fails the same way every time`).toBe(1);
      expect(result.sleeps.length, `sleeps for ${what}`).toBe(0);
      expect(isOrWraps(result.error, error), `the error thrown for ${what}: the same error`).toBe(
        true,
      );
    }

    // A caller's own predicate replaces the default.
    const custom = await run(
      (attempt) => {
        if (attempt === 1) throw new Error('flaky');
        return 'ok';
      },
      { isRetryable: (e) => (e as Error).message === 'flaky', random: () => 0 },
    );
    expect(custom.calls, 'calls when options.isRetryable accepts the error').toBe(2);
    const refused = await run(
      throwing(() => awsError('ThrottlingException', 400)),
      {
        isRetryable: () => false,
      },
    );
    expect(refused.calls, 'calls when options.isRetryable refuses the error').toBe(1);
  });
});
