/**
 * Lab 04 reference solution: a small client for calling one Lambda function from another with
 * `@aws-sdk/client-lambda`. It makes the three invocation types explicit, turns the bytes of a
 * response into a value, turns a function error (which arrives with StatusCode 200!) into a
 * typed exception, refuses oversized payloads before paying for a call, and retries throttling
 * — and only throttling — a bounded number of times with exponential backoff.
 */
import { InvokeCommand, type InvokeCommandOutput, LambdaClient } from '@aws-sdk/client-lambda';

// #region limits
/**
 * Lambda's invocation payload limits, in bytes of the request's UTF-8 JSON (as of October
 * 2025, when the asynchronous limit was raised from 256 KB to 1 MB).
 * Sources: https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html and
 * https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb/
 */
export const PAYLOAD_LIMITS = {
  asOf: '2025-10',
  source: 'https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html',
  /** RequestResponse: 6 MB (and 6 MB for the response). */
  syncBytes: 6 * 1024 * 1024,
  /** Event: 1 MB. */
  asyncBytes: 1024 * 1024,
} as const;
// #endregion limits

/** The invoked function failed: it threw, or its runtime reported an error. */
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

/** The payload is over Lambda's limit for this invocation type; nothing was sent. */
export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';

  constructor(
    readonly bytes: number,
    readonly limit: number,
    readonly invocationType: 'RequestResponse' | 'Event',
  ) {
    super(
      `The ${invocationType} payload is ${bytes} bytes of UTF-8 JSON; Lambda accepts at most ${limit}. ` +
        'Send a reference instead (an S3 key, say) and let the function fetch the data.',
    );
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

const MAX_DELAY_MS = 5_000;

let sharedClient: LambdaClient | undefined;
function clientFor(options: InvokeOptions): LambdaClient {
  if (options.client) return options.client;
  // Created once per execution environment, on the first call that needs it (lab 02).
  sharedClient ??= new LambdaClient({});
  return sharedClient;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// #region encode
/** The payload as Lambda receives it: UTF-8 bytes of its JSON, checked against the limit. */
function encode(
  payload: unknown,
  limit: number,
  invocationType: 'RequestResponse' | 'Event',
): Uint8Array {
  const bytes = new TextEncoder().encode(JSON.stringify(payload ?? null));
  // The limit counts bytes, not characters: "é" is 2 bytes, "😀" is 4 (and 2 UTF-16 units).
  // Refusing here costs nothing; sending it would cost a request and return
  // RequestTooLargeException anyway.
  if (bytes.byteLength > limit)
    throw new PayloadTooLargeError(bytes.byteLength, limit, invocationType);
  return bytes;
}

function decode(payload: Uint8Array | undefined): string {
  return payload ? new TextDecoder().decode(payload) : '';
}
// #endregion encode

// #region retry
function isThrottling(error: unknown): boolean {
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } } | null;
  return e?.name === 'TooManyRequestsException' || e?.$metadata?.httpStatusCode === 429;
}

/**
 * Sends the command, retrying only throttling (429), at most `maxAttempts` calls in all, with
 * exponential backoff and full jitter: a random wait below a ceiling that doubles each time, so
 * callers throttled together do not all come back at the same moment. Any other error —
 * missing function, no permission, a bad request — would fail again the same way: rethrow it.
 * (The SDK client has its own retry strategy too; this one is explicit, bounded and testable.)
 */
async function send(command: InvokeCommand, options: InvokeOptions): Promise<InvokeCommandOutput> {
  const client = clientFor(options);
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 3));
  const baseDelayMs = options.baseDelayMs ?? 100;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.send(command);
    } catch (error) {
      if (!isThrottling(error) || attempt >= maxAttempts) throw error;
      const ceiling = Math.min(MAX_DELAY_MS, baseDelayMs * 2 ** (attempt - 1));
      await sleep(ceiling * random());
    }
  }
}
// #endregion retry

function tail(logResult: string | undefined): string | undefined {
  return logResult === undefined ? undefined : Buffer.from(logResult, 'base64').toString('utf8');
}

// #region invoke-sync
/** Invokes `functionName` and waits for its answer (RequestResponse). */
export async function invokeSync<T = unknown>(
  functionName: string,
  payload: unknown,
  options: InvokeOptions = {},
): Promise<InvokeResult<T>> {
  const bytes = encode(payload, PAYLOAD_LIMITS.syncBytes, 'RequestResponse');
  const response = await send(
    new InvokeCommand({
      FunctionName: functionName,
      InvocationType: 'RequestResponse',
      Payload: bytes,
      ...(options.tailLogs ? { LogType: 'Tail' as const } : {}),
    }),
    options,
  );
  const text = decode(response.Payload);
  const logs = tail(response.LogResult);
  // StatusCode 200 only says Lambda ran the function. Whether the *function* succeeded is in
  // FunctionError, and then the payload is the error the runtime reported.
  if (response.FunctionError) {
    let remote: { errorType?: unknown; errorMessage?: unknown; trace?: unknown } = {};
    try {
      remote = JSON.parse(text) ?? {};
    } catch {
      remote = { errorMessage: text };
    }
    throw new RemoteFunctionError({
      functionName,
      kind: response.FunctionError,
      errorType: typeof remote.errorType === 'string' ? remote.errorType : 'Error',
      errorMessage: typeof remote.errorMessage === 'string' ? remote.errorMessage : '',
      trace: Array.isArray(remote.trace) ? remote.trace.map(String) : [],
      ...(logs === undefined ? {} : { logs }),
    });
  }
  return {
    statusCode: response.StatusCode ?? 200,
    // A function that returns nothing answers "null".
    payload: (text === '' ? null : JSON.parse(text)) as T,
    ...(response.ExecutedVersion ? { executedVersion: response.ExecutedVersion } : {}),
    ...(logs === undefined ? {} : { logs }),
  };
}
// #endregion invoke-sync

/**
 * Queues an event for `functionName` and returns at once (Event): Lambda answers 202 with no
 * payload, and runs the function later, retrying it (twice by default) if it fails.
 */
export async function invokeAsync(
  functionName: string,
  payload: unknown,
  options: InvokeOptions = {},
): Promise<{ statusCode: number }> {
  const bytes = encode(payload, PAYLOAD_LIMITS.asyncBytes, 'Event');
  const response = await send(
    new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: bytes }),
    options,
  );
  return { statusCode: response.StatusCode ?? 202 };
}

/**
 * Checks that the caller may invoke `functionName` and that the request is valid, without
 * running the function (DryRun): 204 when all is well, an exception (AccessDeniedException,
 * ResourceNotFoundException…) when not.
 */
export async function dryRun(
  functionName: string,
  payload: unknown = {},
  options: InvokeOptions = {},
): Promise<{ statusCode: number }> {
  const bytes = encode(payload, PAYLOAD_LIMITS.syncBytes, 'RequestResponse');
  const response = await send(
    new InvokeCommand({ FunctionName: functionName, InvocationType: 'DryRun', Payload: bytes }),
    options,
  );
  return { statusCode: response.StatusCode ?? 204 };
}
