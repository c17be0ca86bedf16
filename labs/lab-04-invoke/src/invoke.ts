/**
 * Lab 04 — Calling one function from another. Read labs/lab-04-invoke/README.md first.
 * Grade your work with: npm run grade lab-04
 *
 * A small client over `@aws-sdk/client-lambda`'s InvokeCommand. caller.ts (a function that is
 * ready) uses it to call greeter.ts; the grader calls it directly, with the SDK mocked.
 */
import { InvokeCommand, type InvokeCommandOutput, type LambdaClient } from '@aws-sdk/client-lambda';

/**
 * Lambda's invocation payload limits, in bytes of the request's UTF-8 JSON.
 * TODO(lab-04): task 4 — fill in the limits, the date they are true as of, and where you read
 * them (the README gives both). Keep them here, in one place.
 */
export const PAYLOAD_LIMITS = {
  asOf: 'TODO',
  source: 'TODO',
  syncBytes: 0,
  asyncBytes: 0,
} as const;

/** The invoked function failed: it threw, or its runtime reported an error. (Ready to use.) */
export class RemoteFunctionError extends Error {
  override readonly name = 'RemoteFunctionError';
  readonly functionName: string;
  /** The response's FunctionError: 'Unhandled' (the handler threw) or 'Handled'. */
  readonly kind: string;
  /** The remote error's type, e.g. 'TypeError' or a custom error class name. */
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace: string[];
  /** The tail of the function's log, when it was asked for. */
  readonly logs: string | undefined;

  constructor(details: {
    functionName: string;
    kind: string;
    errorType: string;
    errorMessage: string;
    trace?: string[];
    logs?: string;
  }) {
    super(
      `${details.functionName} failed (${details.kind}): ${details.errorType}: ${details.errorMessage}`,
    );
    this.functionName = details.functionName;
    this.kind = details.kind;
    this.errorType = details.errorType;
    this.errorMessage = details.errorMessage;
    this.trace = details.trace ?? [];
    this.logs = details.logs;
  }
}

/** The payload is over Lambda's limit for this invocation type; nothing was sent. (Ready.) */
export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';

  constructor(
    readonly bytes: number,
    readonly limit: number,
    readonly invocationType: 'RequestResponse' | 'Event',
  ) {
    super(`The ${invocationType} payload is ${bytes} bytes of UTF-8 JSON; the limit is ${limit}.`);
  }
}

export interface InvokeOptions {
  /** The client to call with (default: one shared client, created on first use). */
  client?: LambdaClient;
  /** Ask for the last 4 KB of the function's log (`LogType: 'Tail'`; synchronous only). */
  tailLogs?: boolean;
  /** Calls in all, the first one included, when Lambda throttles (default 3). */
  maxAttempts?: number;
  /** The first backoff ceiling in milliseconds (default 100); it doubles on every retry. */
  baseDelayMs?: number;
  /** Waits between attempts; tests pass a fake so nothing really waits. */
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for the jitter (default Math.random). */
  random?: () => number;
}

export interface InvokeResult<T> {
  statusCode: number;
  /** What the function returned, decoded from JSON. */
  payload: T;
  executedVersion?: string;
  /** The decoded tail of the function's log, when `tailLogs` was set. */
  logs?: string;
}

// TODO(lab-04): task 1 — create the LambdaClient lazily, once (lab 02), unless options.client
// is given.

// TODO(lab-04): task 5 — write one function that sends an InvokeCommand and retries it when
// Lambda throttles (an error named 'TooManyRequestsException', HTTP 429) — and for nothing else
// — at most options.maxAttempts calls in all (default 3), waiting `await sleep(ms)` in between
// with exponential backoff: a ceiling of baseDelayMs × 2^(retry number), times random().

/** Invokes `functionName` and waits for its answer (RequestResponse). */
export async function invokeSync<T = unknown>(
  functionName: string,
  payload: unknown,
  options: InvokeOptions = {},
): Promise<InvokeResult<T>> {
  // TODO(lab-04): task 4 — refuse a payload over PAYLOAD_LIMITS.syncBytes with
  //   PayloadTooLargeError *before* calling: measure the bytes of the UTF-8 JSON, not its length.
  // TODO(lab-04): task 1 — send InvokeCommand with FunctionName, InvocationType
  //   'RequestResponse' and Payload: the JSON encoded to bytes (TextEncoder). Add LogType 'Tail'
  //   when options.tailLogs is set; LogResult then comes back base64-encoded.
  // TODO(lab-04): task 1 — response.Payload is bytes (a Uint8Array): decode, then JSON.parse.
  // TODO(lab-04): task 2 — StatusCode 200 does not mean the function succeeded: when
  //   response.FunctionError is set, throw a RemoteFunctionError built from the error payload
  //   ({"errorType", "errorMessage", "trace"}).
  throw new Error('TODO(lab-04): invokeSync is not written yet (see src/invoke.ts)');
}

/** Queues an event for `functionName` and returns at once (Event). */
export async function invokeAsync(
  functionName: string,
  payload: unknown,
  options: InvokeOptions = {},
): Promise<{ statusCode: number }> {
  // TODO(lab-04): task 3 — InvocationType 'Event': Lambda answers 202 and no payload. Check the
  //   payload against PAYLOAD_LIMITS.asyncBytes first (task 4).
  throw new Error('TODO(lab-04): invokeAsync is not written yet (see src/invoke.ts)');
}

/** Checks the caller may invoke `functionName`, without running it (DryRun). */
export async function dryRun(
  functionName: string,
  payload: unknown = {},
  options: InvokeOptions = {},
): Promise<{ statusCode: number }> {
  // TODO(lab-04): task 3 — InvocationType 'DryRun': 204 when the call would be allowed.
  throw new Error('TODO(lab-04): dryRun is not written yet (see src/invoke.ts)');
}
