/**
 * Lambda `Invoke` responses and errors as the AWS SDK v3 returns them, for suites that mock
 * `@aws-sdk/client-lambda` with aws-sdk-client-mock: `Payload` is a `Uint8ArrayBlobAdapter` (a
 * Uint8Array with `transformToString()`), `LogResult` is base64, a function error is
 * `FunctionError` beside a 200 `StatusCode`, and throttling is a real
 * `TooManyRequestsException` (name, `$metadata.httpStatusCode` 429, `Reason`).
 */
import {
  type InvokeCommandInput,
  type InvokeCommandOutput,
  ResourceNotFoundException,
  type ThrottleReason,
  TooManyRequestsException,
} from '@aws-sdk/client-lambda';
import { Uint8ArrayBlobAdapter } from '@smithy/util-stream';
import { nextId } from './events/ids.ts';

export interface InvokeResponseSpec {
  /** What the function returned (serialised to JSON), or a raw string as the body. */
  payload?: unknown;
  /** Send `payload` as this exact text instead of JSON-serialising it. */
  rawPayload?: string;
  statusCode?: number;
  /** `Unhandled` (a thrown error) or `Handled`: set together with an error payload. */
  functionError?: 'Handled' | 'Unhandled';
  /** Log text; sent base64-encoded in `LogResult`, as Lambda does for `LogType: 'Tail'`. */
  logs?: string;
  executedVersion?: string;
}

/** A synchronous (RequestResponse) invocation's response. */
export function invokeResponse(spec: InvokeResponseSpec = {}): InvokeCommandOutput {
  const text = spec.rawPayload ?? JSON.stringify(spec.payload ?? null);
  const output: InvokeCommandOutput = {
    StatusCode: spec.statusCode ?? 200,
    ExecutedVersion: spec.executedVersion ?? '$LATEST',
    Payload: Uint8ArrayBlobAdapter.fromString(text),
    $metadata: { httpStatusCode: spec.statusCode ?? 200, requestId: nextId('lambda-invoke') },
  };
  if (spec.functionError) output.FunctionError = spec.functionError;
  if (spec.logs !== undefined) output.LogResult = Buffer.from(spec.logs, 'utf8').toString('base64');
  return output;
}

/** The error payload the Node.js runtime sends when a handler throws. */
export function errorPayload(errorType: string, errorMessage: string): Record<string, unknown> {
  return {
    errorType,
    errorMessage,
    trace: [
      `${errorType}: ${errorMessage}`,
      '    at Runtime.handler (file:///var/task/index.mjs:3:9)',
    ],
  };
}

/** What Lambda answers to `InvocationType: 'Event'`: 202 and an empty body. */
export function eventAccepted(): InvokeCommandOutput {
  return {
    StatusCode: 202,
    Payload: Uint8ArrayBlobAdapter.fromString(''),
    $metadata: { httpStatusCode: 202, requestId: nextId('lambda-invoke') },
  };
}

/** What Lambda answers to `InvocationType: 'DryRun'`: 204 and no body. */
export function dryRunAccepted(): InvokeCommandOutput {
  return {
    StatusCode: 204,
    Payload: Uint8ArrayBlobAdapter.fromString(''),
    $metadata: { httpStatusCode: 204, requestId: nextId('lambda-invoke') },
  };
}

/** A throttled call: HTTP 429 `TooManyRequestsException`, as the SDK throws it. */
export function throttled(
  reason: ThrottleReason = 'ReservedFunctionConcurrentInvocationLimitExceeded',
): TooManyRequestsException {
  return new TooManyRequestsException({
    message: 'Rate Exceeded.',
    Reason: reason,
    Type: 'User',
    retryAfterSeconds: '1',
    $metadata: { httpStatusCode: 429, requestId: nextId('lambda-invoke') },
  });
}

/** An invocation of a function that does not exist: HTTP 404, never worth retrying. */
export function functionNotFound(functionName: string): ResourceNotFoundException {
  return new ResourceNotFoundException({
    message: `Function not found: arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    Type: 'User',
    $metadata: { httpStatusCode: 404, requestId: nextId('lambda-invoke') },
  });
}

/** The text of the `Payload` a command was sent with (a string, or bytes decoded as UTF-8). */
export function sentPayloadText(input: InvokeCommandInput | undefined): string | undefined {
  const payload = input?.Payload as unknown;
  if (payload === undefined || payload === null) return undefined;
  if (typeof payload === 'string') return payload;
  if (payload instanceof Uint8Array)
    return new TextDecoder('utf-8', { fatal: true }).decode(payload);
  if (payload instanceof ArrayBuffer)
    return new TextDecoder('utf-8', { fatal: true }).decode(payload);
  return undefined;
}
