/**
 * Lab 08 reference solution, part 1: a partial batch processor for SQS. It works for any
 * record handler (the order logic lives in handler.ts) and follows the semantics of Powertools'
 * BatchProcessor and SqsFifoPartialProcessor.
 */
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

/** Does the work for one message; rejects (or throws) when that message failed. */
export type RecordHandler = (record: SQSRecord) => Promise<void>;

export interface BatchOptions {
  /**
   * The queue's redrive `maxReceiveCount`. A message that fails on this receive (or a later
   * one) is a poison message: the queue moves it to the dead-letter queue instead of
   * delivering it again.
   */
  maxReceiveCount: number;
}

/** Every record of the batch failed: thrown so that Lambda counts an error for the batch. */
export class BatchFailedError extends Error {
  override name = 'BatchFailedError';
  constructor(readonly errors: unknown[]) {
    super(
      `All ${errors.length} records of the batch failed; the whole batch returns to the queue.`,
    );
  }
}

/** The event is not an SQS batch: the function is wired to the wrong trigger. */
export class NotAnSqsBatchError extends Error {
  override name = 'NotAnSqsBatchError';
}

/** A FIFO record that was never processed because an earlier record of the batch failed. */
export class SkippedAfterFailureError extends Error {
  override name = 'SkippedAfterFailureError';
}

/** SQS puts a MessageGroupId on every message of a FIFO queue, and on no other. */
function isFifo(record: SQSRecord): boolean {
  return typeof record?.attributes?.MessageGroupId === 'string';
}

function receiveCountOf(record: SQSRecord): number {
  // Every attribute arrives as a string: "1" on the first delivery, "2" on the first retry…
  const count = Number(record?.attributes?.ApproximateReceiveCount);
  return Number.isFinite(count) ? count : 1;
}

// #region poison
/**
 * One structured line per failed message. On the last receive it is a poison message: the
 * redrive policy moves it to the dead-letter queue next, so say so loudly, with the id to look
 * for there (a metric filter on `poison` turns these lines into an alarm).
 */
function logFailure(record: SQSRecord, error: unknown, options: BatchOptions): void {
  const receiveCount = receiveCountOf(record);
  const poison = receiveCount >= options.maxReceiveCount;
  const line = {
    level: poison ? 'ERROR' : 'WARN',
    message: poison
      ? 'poison message: failed on its last receive; the queue moves it to the dead-letter queue'
      : 'message failed; it returns to the queue and is retried',
    messageId: record?.messageId,
    receiveCount,
    maxReceiveCount: options.maxReceiveCount,
    poison,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  };
  (poison ? console.error : console.warn)(JSON.stringify(line));
}
// #endregion poison

// #region process-batch
export async function processBatch(
  event: SQSEvent,
  handleRecord: RecordHandler,
  options: BatchOptions,
): Promise<SQSBatchResponse> {
  const records = event?.Records;
  if (!Array.isArray(records)) {
    throw new NotAnSqsBatchError('Expected an SQS event with a Records array.');
  }
  // One event source mapping reads one queue, so one record tells us what the batch is.
  const fifo = records.some(isFifo);
  const failed: { record: SQSRecord; error: unknown }[] = [];

  // One record at a time, in order. A standard queue could run them concurrently (Powertools
  // does); a FIFO queue must not, or a later message could finish before an earlier one.
  for (const record of records) {
    if (fifo && failed.length > 0) {
      // FIFO: the first failure stops the batch. Later records (of any group) are reported
      // unprocessed, so they come back after the failed one and keep their order.
      failed.push({ record, error: new SkippedAfterFailureError('an earlier record failed') });
      continue;
    }
    try {
      await handleRecord(record);
    } catch (error) {
      // Report it and carry on (standard queue): the other messages still count as done.
      logFailure(record, error, options);
      failed.push({ record, error });
    }
  }

  // Nothing succeeded: throw, as Powertools' FullBatchFailureError does. Lambda counts an
  // invocation error (your Errors alarm sees it) and backs off polling while it lasts, which
  // is what you want when a dependency is down and every message fails.
  if (records.length > 0 && failed.length === records.length) {
    throw new BatchFailedError(failed.map((f) => f.error));
  }
  // Message ids only: an identifier that is not a messageId of this batch (an index, a
  // receipt handle) makes Lambda fail the whole batch.
  const batchItemFailures: SQSBatchItemFailure[] = failed.map(({ record }) => ({
    itemIdentifier: record.messageId,
  }));
  // An empty list means every message succeeded: Lambda deletes them all.
  return { batchItemFailures };
}
// #endregion process-batch
