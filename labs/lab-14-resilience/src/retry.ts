/**
 * Lab 14 — Resilience, part 1: retries with exponential backoff and full jitter.
 * Read labs/lab-14-resilience/README.md first. Grade with: npm run grade lab-14
 */

export interface RetryOptions {
  /** Calls in total, the first one included (default 3). */
  maxAttempts?: number;
  /** Ceiling of the first backoff window, in milliseconds (default 100). */
  baseDelayMs?: number;
  /** No backoff window grows beyond this, in milliseconds (default 5000). */
  maxDelayMs?: number;
  /** Decides whether an error is worth another attempt (default: isRetryableError). */
  isRetryable?: (error: unknown) => boolean;
  /** A number in [0, 1); tests pass a stub (default Math.random). */
  random?: () => number;
  /** Waits `ms` milliseconds; tests pass a fake (default: a setTimeout promise). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * True for errors that can succeed on a later attempt: throttling, 5xx, timeouts and dropped
 * connections. A validation error or any other 4xx fails the same way every time.
 */
export function isRetryableError(error: unknown): boolean {
  // TODO(lab-14): task 1 — look at error.name first (the README lists the throttling, 5xx and
  //   timeout names: AWS sends some throttling errors with HTTP 400!), then error.code (network
  //   errors such as ECONNRESET), then the HTTP status in error.$metadata.httpStatusCode (or
  //   error.statusCode): 429 and 5xx are retryable, any other status is not.
  return false;
}

/**
 * Calls `operation` until it succeeds, the error is not retryable, or `maxAttempts` calls were
 * made; then throws the last error as it is.
 */
export async function retry<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  // TODO(lab-14): task 1 — call operation(attempt) with attempt = 1, 2, …, at most maxAttempts
  //   times (default 3). Return its value as soon as a call succeeds.
  // TODO(lab-14): task 1 — when a call fails with an error that is not retryable, or it was the
  //   last attempt, throw that error. Otherwise `await sleep(delay)` and try again.
  // TODO(lab-14): task 1 — full jitter: before retry n (n = 0 for the first retry) the delay is
  //   random() * min(maxDelayMs, baseDelayMs * 2 ** n): anywhere from 0 up to the capped
  //   exponential ceiling. Never sleep before the first call or after the last one.
  throw new Error('TODO(lab-14): retry() is not implemented yet (see src/retry.ts)');
}
