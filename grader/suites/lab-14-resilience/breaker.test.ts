/**
 * Lab 14, task 2: a circuit breaker with a half-open state. Time is a fake clock: the injected
 * `now` reads Date.now(), which vitest's fake timers move, so an implementation that measures
 * the cool-down with the injected clock, Date.now() or a timer all see the same time.
 */
import { CircuitBreaker } from '@lab/lab-14-resilience/src/breaker.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const COOLDOWN = 10_000;
const THRESHOLD = 3;

class Unavailable extends Error {
  override name = 'ServiceUnavailable';
}

/** The dependency behind the breaker: counts its calls, and fails or succeeds on command. */
function dependency() {
  const state = { calls: 0, failing: false };
  const call = async (): Promise<string> => {
    state.calls += 1;
    if (state.failing) throw new Unavailable(`downstream failure #${state.calls}`);
    return `ok #${state.calls}`;
  };
  return {
    call,
    get calls() {
      return state.calls;
    },
    fail() {
      state.failing = true;
    },
    recover() {
      state.failing = false;
    },
  };
}

/** A call whose result the test decides later. */
function deferred() {
  let resolve!: (value: string) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<string>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
async function outcome(promise: Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

const isOpenError = (o: Outcome) => !o.ok && (o.error as Error | null)?.name === 'CircuitOpenError';
const describeOutcome = (o: Outcome) =>
  o.ok
    ? `it succeeded (${String(o.value)})`
    : `it threw ${(o.error as Error)?.name}: ${(o.error as Error)?.message}`;

function newBreaker() {
  return new CircuitBreaker({
    failureThreshold: THRESHOLD,
    cooldownMs: COOLDOWN,
    now: () => Date.now(),
  });
}

/** Lets pending promise callbacks run (the breaker may await before calling the dependency). */
async function flushMicrotasks() {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/** Moves the fake clock (and fires any timer that falls due). */
function advance(ms: number) {
  vi.advanceTimersByTime(ms);
}

/** Opens the breaker with THRESHOLD consecutive failures. */
async function trip(breaker: CircuitBreaker, dep: ReturnType<typeof dependency>) {
  dep.fail();
  for (let i = 0; i < THRESHOLD; i++) await outcome(breaker.call(dep.call));
  expect(breaker.state, `state after ${THRESHOLD} consecutive failures (failureThreshold)`).toBe(
    'OPEN',
  );
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 10, 26, 9, 0, 0) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('2. Open the circuit and probe with one trial call', () => {
  it('opens after failureThreshold consecutive failures and then fails fast', async () => {
    // Prepare
    const breaker = newBreaker();
    const dep = dependency();
    // Act: fail, fail, succeed, fail, fail: never three in a row
    const pattern = [true, true, false, true, true];
    for (const failing of pattern) {
      if (failing) dep.fail();
      else dep.recover();
      const result = await outcome(breaker.call(dep.call));
      if (failing)
        expect(
          !result.ok && (result.error as Error).name === 'ServiceUnavailable',
          `a failing call must reject with the dependency's own error, but ${describeOutcome(result)}`,
        ).toBe(true);
    }
    // Assess
    expect(dep.calls, 'calls that reached the dependency while closed').toBe(5);
    expect(
      breaker.state,
      'state after fail, fail, success, fail, fail: only consecutive failures count',
    ).toBe('CLOSED');

    await outcome(breaker.call(dep.call)); // the third failure in a row
    expect(breaker.state, 'state after three consecutive failures').toBe('OPEN');
    const before = dep.calls;
    for (let i = 0; i < 5; i++) {
      const result = await outcome(breaker.call(dep.call));
      expect(
        isOpenError(result),
        `a call while open must throw a CircuitOpenError (name "CircuitOpenError"), but ${describeOutcome(result)}`,
      ).toBe(true);
    }
    expect(dep.calls - before, 'calls that reached the dependency while open').toBe(0);
  });

  it('lets a call through only after the cool-down has passed on the clock', async () => {
    // Prepare
    const breaker = newBreaker();
    const dep = dependency();
    await trip(breaker, dep);
    dep.recover();
    const before = dep.calls;
    // Act: just before the end of the cool-down
    advance(COOLDOWN - 1);
    const early = await outcome(breaker.call(dep.call));
    // Assess
    expect(
      isOpenError(early),
      `a call ${COOLDOWN - 1} ms after opening (cooldownMs is ${COOLDOWN}) must fail fast, but ${describeOutcome(early)}`,
    ).toBe(true);
    expect(dep.calls - before, 'calls that reached the dependency during the cool-down').toBe(0);
    expect(breaker.state, 'state during the cool-down').toBe('OPEN');

    // Just after the cool-down: one trial call goes through; the breaker is HALF_OPEN meanwhile.
    advance(2);
    const pending = deferred();
    const trial = outcome(
      breaker.call(async () => {
        await dep.call();
        return pending.promise;
      }),
    );
    await flushMicrotasks();
    expect(dep.calls - before, 'calls that reached the dependency after the cool-down').toBe(1);
    expect(breaker.state, 'state while the trial call is running').toBe('HALF_OPEN');
    pending.resolve('recovered');
    expect(await trial, 'the trial call’s result').toEqual({ ok: true, value: 'recovered' });
  });

  it('allows exactly one trial call in half-open; concurrent calls fail fast', async () => {
    // Prepare
    const breaker = newBreaker();
    const dep = dependency();
    await trip(breaker, dep);
    dep.recover();
    advance(COOLDOWN + 1);
    let dependencyCalls = 0;
    const pending = deferred();
    // Act: the trial starts and stays in flight; four more calls arrive meanwhile
    const trial = outcome(
      breaker.call(() => {
        dependencyCalls += 1;
        return pending.promise;
      }),
    );
    const others = await Promise.all(
      [1, 2, 3, 4].map(() =>
        outcome(
          breaker.call(async () => {
            dependencyCalls += 1;
            return 'should not run';
          }),
        ),
      ),
    );
    // Assess
    for (const [i, result] of others.entries()) {
      expect(
        isOpenError(result),
        `concurrent call ${i + 1} during the half-open trial must throw a CircuitOpenError, but ${describeOutcome(result)}`,
      ).toBe(true);
    }
    expect(dependencyCalls, 'calls that reached the dependency in half-open').toBe(1);
    pending.resolve('trial ok');
    expect((await trial).ok, 'the trial call succeeds').toBe(true);
  });

  it('closes after a successful trial and counts failures from zero again', async () => {
    // Prepare
    const breaker = newBreaker();
    const dep = dependency();
    await trip(breaker, dep);
    dep.recover();
    advance(COOLDOWN + 1);
    // Act
    const trial = await outcome(breaker.call(dep.call));
    // Assess
    expect(trial.ok, 'the trial call succeeds').toBe(true);
    expect(breaker.state, 'state after a successful trial').toBe('CLOSED');
    const before = dep.calls;
    for (let i = 0; i < 3; i++) await outcome(breaker.call(dep.call));
    expect(dep.calls - before, 'calls that reach the dependency once closed again').toBe(3);

    dep.fail();
    for (let i = 0; i < THRESHOLD - 1; i++) await outcome(breaker.call(dep.call));
    expect(
      breaker.state,
      `state after ${THRESHOLD - 1} failures once closed again (failureThreshold is ${THRESHOLD}): the count restarts at zero`,
    ).toBe('CLOSED');
    await outcome(breaker.call(dep.call));
    expect(breaker.state, `state after ${THRESHOLD} consecutive failures`).toBe('OPEN');
  });

  it('re-opens after a failed trial and restarts the cool-down', async () => {
    // Prepare
    const breaker = newBreaker();
    const dep = dependency();
    await trip(breaker, dep);
    advance(COOLDOWN + 1);
    // Act: the trial fails (the dependency is still down)
    const trial = await outcome(breaker.call(dep.call));
    // Assess
    expect(
      !trial.ok && (trial.error as Error).name === 'ServiceUnavailable',
      `the failed trial rejects with the dependency's own error, but ${describeOutcome(trial)}`,
    ).toBe(true);
    expect(
      breaker.state,
      'state right after one failed trial (one failure is enough in half-open)',
    ).toBe('OPEN');

    dep.recover();
    const before = dep.calls;
    advance(COOLDOWN - 1);
    const early = await outcome(breaker.call(dep.call));
    expect(
      isOpenError(early),
      `a call ${COOLDOWN - 1} ms after the failed trial must fail fast (the cool-down restarts when the trial fails), but ${describeOutcome(early)}`,
    ).toBe(true);
    expect(dep.calls - before, 'calls that reached the dependency in the new cool-down').toBe(0);

    advance(2);
    const next = await outcome(breaker.call(dep.call));
    expect(
      next.ok,
      `a call after the new cool-down is the next trial and succeeds, but ${describeOutcome(next)}`,
    ).toBe(true);
    expect(breaker.state, 'state after the second trial succeeded').toBe('CLOSED');
  });
});
