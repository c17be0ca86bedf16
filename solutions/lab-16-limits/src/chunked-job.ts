/**
 * Lab 16 reference solution, part 2: a job longer than one invocation. It processes items while
 * time remains, then hands the rest to a fresh invocation by sending itself a message on its
 * own SQS queue, with the offset of the first unprocessed item.
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

// #region margin
/**
 * The margin must cover the longest single item AND the SendMessage call that hands off the
 * rest: an item started with less time left than that can be cut off by the timeout.
 */
export const DEFAULT_SAFETY_MARGIN_MS = 10_000;
// #endregion margin

function parseJob(body: string): JobMessage | undefined {
  try {
    const job = JSON.parse(body) as Partial<JobMessage>;
    if (typeof job?.jobId !== 'string' || job.jobId === '') return undefined;
    const offset = Number(job.offset ?? 0);
    const hop = Number(job.hop ?? 0);
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(hop) || hop < 0)
      return undefined;
    return { ...job, jobId: job.jobId, offset, hop };
  } catch {
    return undefined;
  }
}

export function createJobHandler(deps: JobDependencies) {
  const margin = deps.safetyMarginMs ?? DEFAULT_SAFETY_MARGIN_MS;
  const maxHops = deps.maxHops ?? 1000;

  // #region run
  async function run(job: JobMessage, context: Context): Promise<void> {
    const items = await deps.loadItems(job);
    let next = job.offset;
    // Check the clock BEFORE each item: never start one that may not finish.
    while (next < items.length && context.getRemainingTimeInMillis() >= margin) {
      await deps.processItem(items[next]!, next);
      next += 1; // only after the item is done: `next` is always the first unprocessed item
    }
    if (next >= items.length) {
      console.log(
        JSON.stringify({
          message: 'job finished',
          jobId: job.jobId,
          items: items.length,
          hop: job.hop,
        }),
      );
      return;
    }
    if (job.hop + 1 > maxHops)
      throw new Error(`job ${job.jobId} handed itself off ${job.hop} times: giving up`);
    // Hand the rest to a fresh invocation with a full timeout; the margin left time for this.
    const continuation: JobMessage = { ...job, offset: next, hop: job.hop + 1 };
    await deps.sqs.send(
      new SendMessageCommand({
        QueueUrl: deps.queueUrl,
        MessageBody: JSON.stringify(continuation),
      }),
    );
    console.log(
      JSON.stringify({
        message: 'job handed off',
        jobId: job.jobId,
        offset: next,
        hop: continuation.hop,
      }),
    );
  }
  // #endregion run

  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of Array.isArray(event?.Records) ? event.Records : []) {
      const job = parseJob(String(record?.body ?? ''));
      try {
        if (!job) throw new Error('not a job message: expected {"jobId": "…", "offset": 0}');
        await run(job, context);
      } catch (error) {
        // SQS retries this message (from its own offset), then moves it to the DLQ.
        console.error(
          JSON.stringify({
            message: 'job failed',
            messageId: record?.messageId,
            error: String(error),
          }),
        );
        batchItemFailures.push({ itemIdentifier: String(record?.messageId ?? '') });
      }
    }
    return { batchItemFailures };
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
