/**
 * Lab 08 — SQS batches, part 1: a partial batch processor. Read labs/lab-08-sqs-batch/README.md
 * first. Grade with: npm run grade lab-08
 *
 * processBatch knows nothing about orders: it runs handleRecord for the records of one SQS
 * batch and turns the records that failed into a partial batch response.
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

/** Throw this when every record of the batch failed. */
export class BatchFailedError extends Error {
  override name = 'BatchFailedError';
  constructor(readonly errors: unknown[]) {
    super(
      `All ${errors.length} records of the batch failed; the whole batch returns to the queue.`,
    );
  }
}

export async function processBatch(
  event: SQSEvent,
  handleRecord: RecordHandler,
  options: BatchOptions,
): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchItemFailure[] = [];

  // TODO(lab-08): task 1 — run `await handleRecord(record)` for each record of event.Records,
  //   each in its own try/catch. A record that fails adds { itemIdentifier: record.messageId }
  //   to batchItemFailures, and the loop carries on with the next record.
  // TODO(lab-08): task 3 — when every record failed, throw a BatchFailedError instead of
  //   returning them all.
  // TODO(lab-08): task 4 — FIFO queues (records with attributes.MessageGroupId): one record at
  //   a time, in order; after the first failure, process nothing more and report that record
  //   and every record after it.
  // TODO(lab-08): task 5 — when a record fails and Number(record.attributes.ApproximateReceiveCount)
  //   has reached options.maxReceiveCount, log one JSON line with "poison": true and its
  //   messageId (console.error(JSON.stringify({ ... }))).

  // As written, every message counts as a success and is deleted from the queue, unprocessed.
  return { batchItemFailures };
}
