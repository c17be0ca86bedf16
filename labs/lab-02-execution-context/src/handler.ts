/**
 * Lab 02 — The execution context. Read labs/lab-02-execution-context/README.md first.
 * Grade with: npm run grade lab-02
 *
 * Module scope (this top level) runs once per execution environment, during the INIT phase.
 * The handler runs once per invocation. Decide, for each piece of state, which one it belongs to.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';

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

// TODO(lab-02): task 2 — measure the init phase: note performance.now() here, at the top, and
// again once initialisation is done.

// TODO(lab-02): task 2 — read APP_CONFIG (JSON like {"greeting": "Hello"}) once per
// environment. Default the greeting to "Hello".

// TODO(lab-02): task 1 — keep module-scope state that tells a cold invocation from a warm one
// and counts invocations.

// TODO(lab-02): task 3 — create the S3 client lazily: only when a read needs it, and only once
// per environment. (S3Client and GetObjectCommand are imported above for you.)
export function getS3(): S3Client {
  throw new Error('TODO(lab-02): create the S3 client lazily, once');
}

export const handler = async (event: Event, context: Context): Promise<Reply> => {
  // TODO(lab-02): task 1 — coldStart, invocation; task 2 — initDurationMs on the cold
  //   invocation only (null when warm); task 4 — requestId from context.awsRequestId.
  // TODO(lab-02): "greet" answers `${greeting}, ${name ?? 'stranger'}!` — and must not
  //   remember the name for the next invocation.
  // TODO(lab-02): "read" gets event.key from the bucket in process.env.BUCKET_NAME with
  //   GetObjectCommand and returns { key, body } as `object`.
  return {
    requestId: '',
    coldStart: false,
    invocation: 0,
    initDurationMs: null,
    error: 'not implemented yet',
  };
};
