/**
 * Lab 04 — the calling function. It is ready: you do not edit it; it uses your client in
 * invoke.ts. It asks the greeter (GREETER_FUNCTION_NAME) for a greeting and waits for it, and
 * can also queue one without waiting.
 *
 * Try it once deployed:
 *   aws lambda invoke --function-name <caller> --cli-binary-format raw-in-base64-out \
 *     --payload '{"name":"Ada"}' out.json     (then "fail": true, then "queue": true)
 */
import { invokeAsync, invokeSync, RemoteFunctionError } from './invoke.ts';

export interface CallerEvent {
  name?: string;
  /** Make the greeter fail, to see a function error handled. */
  fail?: boolean;
  /** Queue the greeting (Event) instead of waiting for it. */
  queue?: boolean;
}

export type CallerReply =
  | { greeting: string; logs?: string }
  | { queued: true; statusCode: number }
  | { error: { type: string; message: string } };

export const handler = async (event: CallerEvent | null): Promise<CallerReply> => {
  const greeter = process.env.GREETER_FUNCTION_NAME ?? 'greeter';
  const request = { name: event?.name ?? 'world', fail: event?.fail === true };
  if (event?.queue === true) {
    const { statusCode } = await invokeAsync(greeter, request);
    return { queued: true, statusCode };
  }
  try {
    const result = await invokeSync<{ greeting: string }>(greeter, request, { tailLogs: true });
    // The greeter's own log lines, decoded from the response: handy when debugging a chain.
    return { greeting: result.payload.greeting, ...(result.logs ? { logs: result.logs } : {}) };
  } catch (error) {
    // The greeter failing is an expected outcome here: report it. Anything else (throttled
    // beyond the retries, no permission) is this function's failure: let it propagate.
    if (error instanceof RemoteFunctionError)
      return { error: { type: error.errorType, message: error.errorMessage } };
    throw error;
  }
};
