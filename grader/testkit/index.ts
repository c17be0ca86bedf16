/**
 * The testkit for hidden suites: realistic events, a Lambda context, log capture, a fresh
 * execution environment, and aws-sdk-client-mock with its vitest matchers registered.
 *
 * Suites import it relatively (`../../testkit`) and import the code under test through the
 * one alias `@lab/<lab-dir>/…`, which the runner points at labs/, solutions/ or a submission.
 *
 * Heavier helpers live in topic modules that suites import by path, so a suite loads only what
 * it uses: `./lambda-invoke.ts` (Lambda Invoke responses), `./emf.ts` (an EMF validator),
 * `./dynamodb.ts` + `./dynamodb-host.ts` (dynalite), `./postgres.ts` + `./postgres-host.ts`
 * (PGlite over TCP), `./workerd.ts` + `./workerd-host.ts` (Miniflare's workerd). A `*-host.ts`
 * module runs in a lab's `global-setup.ts` (the grader's own process; both serve their checks
 * through `./control-server.ts`); its partner in the checks.
 */
import { vi } from 'vitest';

export { mockClient } from 'aws-sdk-client-mock';
export { type ContextSpec, lambdaContext } from './context.ts';
export {
  apiGatewayV1Event,
  apiGatewayV2Event,
  type HttpRequestSpec,
} from './events/api-gateway.ts';
export { nextId, resetIds } from './events/ids.ts';
export {
  dynamoDbStreamEvent,
  encodeS3Key,
  eventBridgeEvent,
  type S3ObjectSpec,
  type SnsMessageSpec,
  type SqsMessageSpec,
  type StreamRecordSpec,
  s3Event,
  scheduledEvent,
  snsEvent,
  sqsEvent,
} from './events/messaging.ts';
export { captureLogs, type LogCapture, type LogLine } from './logs.ts';

import 'aws-sdk-client-mock-vitest/extend';

/**
 * Imports a module as a brand-new execution environment would: every module is evaluated
 * again, so module-scope state (clients, caches, cold-start flags) starts fresh.
 */
export async function coldStart<T>(load: () => Promise<T>): Promise<T> {
  vi.resetModules();
  return load();
}

/** Parses a JSON response body, failing with a message that shows what came back. */
export function jsonBody(response: { body?: string | null } | undefined | null): unknown {
  const body = response?.body;
  if (typeof body !== 'string') {
    throw new Error(
      `expected a response with a JSON string body, got ${JSON.stringify(response)?.slice(0, 200)}`,
    );
  }
  try {
    return JSON.parse(body);
  } catch {
    throw new Error(`expected the body to be JSON, got: ${body.slice(0, 200)}`);
  }
}

/** Case-insensitive header lookup on a proxy response. */
export function header(
  response: { headers?: Record<string, string | number | boolean> | undefined } | undefined | null,
  name: string,
): string | undefined {
  const entry = Object.entries(response?.headers ?? {}).find(
    ([k]) => k.toLowerCase() === name.toLowerCase(),
  );
  return entry === undefined ? undefined : String(entry[1]);
}
