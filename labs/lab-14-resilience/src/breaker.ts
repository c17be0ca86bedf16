/**
 * Lab 14 — Resilience, part 2: a circuit breaker with CLOSED, OPEN and HALF_OPEN states.
 * Read labs/lab-14-resilience/README.md first. Grade with: npm run grade lab-14
 */

export type CircuitState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

/** Thrown instead of calling the dependency while the circuit is open. */
export class CircuitOpenError extends Error {
  // TODO(lab-14): task 2 — give the error its own name, as a string literal
  //   (override name = 'CircuitOpenError'), so callers can tell it from the dependency's errors.
}

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (default 5). */
  failureThreshold?: number;
  /** How long the circuit stays open before one trial call is allowed (default 30 s). */
  cooldownMs?: number;
  /** The clock, in epoch milliseconds; tests pass a fake one (default Date.now). */
  now?: () => number;
}

export class CircuitBreaker {
  protected readonly options: CircuitBreakerOptions;
  // TODO(lab-14): task 2 — also keep the state, the number of consecutive failures, when the
  //   circuit opened (read options.now, default Date.now), and whether a trial is running.

  constructor(options: CircuitBreakerOptions = {}) {
    this.options = options;
  }

  /** The current state. OPEN turns into HALF_OPEN once the cool-down has passed. */
  get state(): CircuitState {
    // TODO(lab-14): task 2 — report OPEN while open, HALF_OPEN during the trial, and so on.
    return 'CLOSED';
  }

  /** Runs `operation` through the breaker, or throws CircuitOpenError without calling it. */
  async call<T>(operation: () => Promise<T>): Promise<T> {
    // TODO(lab-14): task 2 — CLOSED: call operation(); count consecutive failures (a success
    //   resets the count) and open the circuit at failureThreshold. Rethrow the dependency's
    //   own errors.
    // TODO(lab-14): task 2 — OPEN: throw a CircuitOpenError without calling operation, until
    //   cooldownMs have passed on the injected clock; then HALF_OPEN.
    // TODO(lab-14): task 2 — HALF_OPEN: let exactly one trial call through (concurrent calls
    //   fail fast). Trial succeeds → CLOSED. Trial fails → OPEN again, with a fresh cool-down.
    throw new Error('TODO(lab-14): CircuitBreaker.call() is not implemented yet (src/breaker.ts)');
  }
}
