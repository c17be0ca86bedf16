/**
 * Lab 14 reference solution, part 1: retries with exponential backoff and full jitter.
 *
 * The formula is the one from the AWS Architecture Blog ("Exponential Backoff And Jitter",
 * Marc Brooker): sleep = random_between(0, min(cap, base * 2 ** n)) before the n-th retry
 * (n = 0 for the first retry).
 */

export interface RetryOptions {
  /** Calls in total, the first one included (default 3). */
  maxAttempts?: number;
  /** Ceiling of the first backoff window, in milliseconds (default 100). */
  baseDelayMs?: number;
  /** No backoff window grows beyond this, in milliseconds (default 5000). */
  maxDelayMs?: number;
  /** Decides whether an error is worth another attempt (default: {@link isRetryableError}). */
  isRetryable?: (error: unknown) => boolean;
  /** A number in [0, 1); tests pass a stub (default Math.random). */
  random?: () => number;
  /** Waits `ms` milliseconds; tests pass a fake (default: a setTimeout promise). */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// #region retryable
// Throttling and "try again later" errors by name. AWS sends several of them with HTTP 400
// (DynamoDB's ProvisionedThroughputExceededException, ThrottlingException), so the name must be
// checked before the status code.
const RETRYABLE_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
  'RequestThrottledException',
  'SlowDown',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'InternalServerErrorException',
  'InternalFailure',
  'InternalError',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

// Network failures Node reports in `error.code`: the request may never have arrived.
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN']);

function statusOf(error: Record<string, unknown>): number | undefined {
  const metadata = error.$metadata as { httpStatusCode?: unknown } | undefined;
  const status = metadata?.httpStatusCode ?? error.statusCode ?? error.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * True for errors that can succeed on a later attempt: throttling, 5xx, timeouts and dropped
 * connections. A validation error or any other 4xx fails the same way every time.
 */
export function isRetryableError(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const e = error as Record<string, unknown>;
  if (typeof e.name === 'string' && RETRYABLE_NAMES.has(e.name)) return true;
  if (typeof e.code === 'string' && RETRYABLE_CODES.has(e.code)) return true;
  const status = statusOf(e);
  return status !== undefined && (status === 429 || status >= 500);
}
// #endregion retryable

// #region full-jitter
/**
 * The wait before retry number `retry` (0 for the first retry): a uniformly random time in
 * [0, min(cap, base * 2^retry)). Full jitter spreads clients that failed together over the
 * whole window, so they do not come back together.
 */
export function backoffDelay(
  retry: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number = Math.random,
): number {
  // min() before multiplying by random(): the cap bounds the window, not only the average.
  // 2 ** retry overflows to Infinity for huge retry numbers; min() still returns the cap.
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}
// #endregion full-jitter

// #region retry-loop
/**
 * Calls `operation` until it succeeds, the error is not retryable, or `maxAttempts` calls were
 * made; then throws the last error as it is. Sleeps between attempts only, never before the
 * first call or after the last one.
 */
export async function retry<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 3));
  const baseDelayMs = options.baseDelayMs ?? 100;
  const maxDelayMs = options.maxDelayMs ?? 5000;
  const isRetryable = options.isRetryable ?? isRetryableError;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;

  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation(attempt);
    } catch (error) {
      // The last attempt, or an error that will fail the same way again: give up now, with
      // the caller's own error (its name and metadata are what the caller branches on).
      if (attempt >= maxAttempts || !isRetryable(error)) throw error;
      await sleep(backoffDelay(attempt - 1, baseDelayMs, maxDelayMs, random));
    }
  }
}
// #endregion retry-loop
