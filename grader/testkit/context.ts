/**
 * A Lambda `Context` for tests: the fields the runtime provides, a fresh request id per call,
 * and `getRemainingTimeInMillis()` driven by `Date.now()` (so fake timers move it).
 */
import type { Context } from 'aws-lambda';
import { nextId } from './events/ids.ts';

export interface ContextSpec {
  functionName?: string;
  memoryLimitInMB?: number;
  /** The function's timeout; the remaining time counts down from it. */
  timeoutMs?: number;
  awsRequestId?: string;
}

export function lambdaContext(spec: ContextSpec = {}): Context {
  const functionName = spec.functionName ?? 'course-function';
  const deadline = Date.now() + (spec.timeoutMs ?? 3000);
  const fail = (name: string) => () => {
    throw new Error(
      `context.${name}() is the legacy callback API; return a value or throw from an async handler instead.`,
    );
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    memoryLimitInMB: String(spec.memoryLimitInMB ?? 512),
    awsRequestId: spec.awsRequestId ?? nextId('lambda-request'),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `2026/11/02/[$LATEST]${nextId('stream').replace(/-/g, '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: fail('done'),
    fail: fail('fail'),
    succeed: fail('succeed'),
  };
}
