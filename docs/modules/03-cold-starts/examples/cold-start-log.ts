/**
 * Module 3 example: record whether each invocation was a cold start, as a structured log
 * line that CloudWatch Logs Insights can aggregate.
 */
import type { Context } from 'aws-lambda';

// #region flag
const initStartedAt = performance.now();
// ...imports, clients and configuration are set up here, during INIT...
const initMs = performance.now() - initStartedAt;
let coldStart = true;

export function logInvocation(context: Context, log: (line: string) => void = console.log): void {
  log(
    JSON.stringify({
      message: 'invocation',
      requestId: context.awsRequestId,
      coldStart,
      initMs: coldStart ? initMs : undefined,
    }),
  );
  coldStart = false; // every later invocation in this environment is warm
}
// #endregion flag
