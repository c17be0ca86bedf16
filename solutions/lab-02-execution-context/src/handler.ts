/**
 * Lab 02 reference solution: what runs once per execution environment (module scope, the INIT
 * phase) and what runs once per invocation (the handler).
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';

// #region init
// Module scope runs once per execution environment, during INIT. Measure it from here.
const initStartedAt = performance.now();

export type Event =
  | { action: 'status' }
  | { action: 'greet'; name?: string }
  | { action: 'read'; key: string };

export interface Reply {
  requestId: string;
  coldStart: boolean;
  invocation: number;
  initDurationMs: number | null;
  greeting?: string;
  object?: { key: string; body: string };
  error?: string;
}

interface Config {
  greeting: string;
}

function loadConfig(): Config {
  try {
    const parsed = JSON.parse(process.env.APP_CONFIG ?? '{}') as Partial<Config>;
    return { greeting: typeof parsed.greeting === 'string' ? parsed.greeting : 'Hello' };
  } catch {
    // A broken configuration must not crash every cold start: fall back and say so.
    console.warn('APP_CONFIG is not valid JSON; using the defaults');
    return { greeting: 'Hello' };
  }
}

// Read once: configuration changes always arrive in new execution environments.
const config = loadConfig();
let invocations = 0;
const initDurationMs = performance.now() - initStartedAt;
// #endregion init

// #region lazy-client
// Created on the first read, then reused by every later invocation in this environment.
// Requests that never touch S3 never pay for constructing it.
let s3: S3Client | undefined;
function getS3(): S3Client {
  s3 ??= new S3Client({});
  return s3;
}
// #endregion lazy-client

export const handler = async (event: Event, context: Context): Promise<Reply> => {
  invocations += 1;
  // Everything below is per invocation: local variables only.
  const reply: Reply = {
    requestId: context.awsRequestId,
    coldStart: invocations === 1,
    invocation: invocations,
    initDurationMs: invocations === 1 ? initDurationMs : null,
  };
  switch (event?.action) {
    case 'status':
      return reply;
    case 'greet':
      return { ...reply, greeting: `${config.greeting}, ${event.name ?? 'stranger'}!` };
    case 'read': {
      const response = await getS3().send(
        new GetObjectCommand({ Bucket: process.env.BUCKET_NAME, Key: event.key }),
      );
      const body = (await response.Body?.transformToString()) ?? '';
      return { ...reply, object: { key: event.key, body } };
    }
    default:
      return { ...reply, error: 'Unknown action: send {"action": "status" | "greet" | "read"}.' };
  }
};
