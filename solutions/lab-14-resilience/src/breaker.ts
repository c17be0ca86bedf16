/**
 * Lab 14 reference solution, part 2: a circuit breaker with CLOSED, OPEN and HALF_OPEN states.
 *
 * In Lambda, an instance of this class lives in module scope, so its state belongs to one
 * execution environment: every concurrent environment has its own breaker (see the README).
 */

export type CircuitState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

/** Thrown instead of calling the dependency while the circuit is open. */
export class CircuitOpenError extends Error {
  // A string literal, not this.constructor.name: a minifier renames classes.
  override name = 'CircuitOpenError';
  /** How long until the breaker lets a trial call through (0 while a trial is running). */
  readonly retryAfterMs: number;

  constructor(retryAfterMs: number) {
    super(`the circuit is open: not calling the dependency (retry in ${retryAfterMs} ms)`);
    this.retryAfterMs = retryAfterMs;
  }
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
  readonly #failureThreshold: number;
  readonly #cooldownMs: number;
  readonly #now: () => number;
  #state: CircuitState = 'CLOSED';
  #consecutiveFailures = 0;
  #openedAt = 0;
  #trialInFlight = false;

  constructor(options: CircuitBreakerOptions = {}) {
    this.#failureThreshold = Math.max(1, options.failureThreshold ?? 5);
    this.#cooldownMs = options.cooldownMs ?? 30_000;
    this.#now = options.now ?? Date.now;
  }

  // #region state
  /** The current state. OPEN turns into HALF_OPEN by itself once the cool-down has passed. */
  get state(): CircuitState {
    if (this.#state === 'OPEN' && this.#now() - this.#openedAt >= this.#cooldownMs) {
      this.#state = 'HALF_OPEN';
    }
    return this.#state;
  }
  // #endregion state

  // #region call
  /** Runs `operation` through the breaker, or throws {@link CircuitOpenError} without calling it. */
  async call<T>(operation: () => Promise<T>): Promise<T> {
    const startedIn = this.state;
    if (startedIn === 'OPEN') {
      throw new CircuitOpenError(this.#cooldownMs - (this.#now() - this.#openedAt));
    }
    if (startedIn === 'HALF_OPEN') {
      // Exactly one trial: everyone else keeps failing fast until its result is known. A
      // recovering dependency is fragile; a burst of queued-up calls would knock it over again.
      if (this.#trialInFlight) throw new CircuitOpenError(0);
      this.#trialInFlight = true;
    }

    let result: T;
    try {
      result = await operation();
    } catch (error) {
      this.#failed(startedIn);
      throw error; // the caller sees the dependency's own error, not a wrapper
    } finally {
      if (startedIn === 'HALF_OPEN') this.#trialInFlight = false;
    }
    this.#succeeded(startedIn);
    return result;
  }
  // #endregion call

  #open(): void {
    this.#state = 'OPEN';
    // The cool-down always counts from the latest failure that opened the circuit, so a failed
    // trial buys the dependency a whole new cool-down.
    this.#openedAt = this.#now();
    this.#consecutiveFailures = 0;
  }

  #failed(startedIn: CircuitState): void {
    if (startedIn === 'HALF_OPEN') {
      this.#open(); // one failed trial is enough: the dependency is still unhealthy
      return;
    }
    // A late failure of a call that started before the circuit opened changes nothing.
    if (this.#state !== 'CLOSED') return;
    this.#consecutiveFailures += 1;
    if (this.#consecutiveFailures >= this.#failureThreshold) this.#open();
  }

  #succeeded(startedIn: CircuitState): void {
    if (startedIn === 'HALF_OPEN') {
      this.#state = 'CLOSED';
      this.#consecutiveFailures = 0;
      return;
    }
    // Only consecutive failures count: a success in between starts the count again.
    if (this.#state === 'CLOSED') this.#consecutiveFailures = 0;
  }
}
