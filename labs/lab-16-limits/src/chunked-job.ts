/**
 * Lab 16 — Limits, part 2: a job longer than one invocation, handed off through SQS.
 * Read labs/lab-16-limits/README.md first. Grade with: npm run grade lab-16
 */
import { createHash } from 'node:crypto';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';

/** The message that starts or continues a job. */
export interface JobMessage {
  jobId: string;
  /** Index of the first item not processed yet: the continuation token. */
  offset: number;
  /** How many times the job has handed itself off (a guard against endless chains). */
  hop: number;
  /** Demo jobs only: how many items the job has. */
  total?: number;
}

export interface JobItem {
  id: string;
}

export interface JobDependencies {
  sqs: SQSClient;
  /** The queue that triggers this function. */
  queueUrl: string;
  /** The job's items, always in the same order (offsets index into this list). */
  loadItems(job: JobMessage): Promise<readonly JobItem[]>;
  /** Does the work for one item. Must be idempotent: a retried message repeats its chunk. */
  processItem(item: JobItem, index: number): Promise<void>;
  /** Stop taking items when less time than this remains (default 10 s). */
  safetyMarginMs?: number;
  /** Refuse to hand off more often than this (default 1000). */
  maxHops?: number;
}

/** Must cover the longest single item AND the SendMessage call that hands off the rest. */
export const DEFAULT_SAFETY_MARGIN_MS = 10_000;

export function createJobHandler(deps: JobDependencies) {
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    // TODO(lab-16): task 2 — for each SQS record, parse the JobMessage in its body (offset and
    //   hop default to 0) and load the job's items with deps.loadItems(job).
    // TODO(lab-16): task 2 — process items from job.offset on, in order. BEFORE each item, check
    //   context.getRemainingTimeInMillis(): with less than the safety margin left, stop.
    // TODO(lab-16): task 2 — if items remain, send { ...job, offset: <first unprocessed index>,
    //   hop: job.hop + 1 } as the MessageBody of a SendMessageCommand to deps.queueUrl. If none
    //   remain, the job is finished: send nothing.
    // TODO(lab-16): task 2 — a record that fails goes into batchItemFailures (its messageId).
    throw new Error('TODO(lab-16): the chunked job is not implemented yet (src/chunked-job.ts)');
  };
}

// The deployed demo: a job of `total` items, each a bit of CPU work.
export const handler = createJobHandler({
  sqs: new SQSClient({}),
  queueUrl: process.env.JOB_QUEUE_URL ?? '',
  async loadItems(job) {
    const total = Math.max(0, Math.min(Number(job.total ?? 0) || 0, 1_000_000));
    return Array.from({ length: total }, (_, i) => ({ id: `${job.jobId}-${i}` }));
  },
  async processItem(item) {
    let digest = item.id;
    for (let i = 0; i < 2000; i++) digest = createHash('sha256').update(digest).digest('hex');
  },
});
