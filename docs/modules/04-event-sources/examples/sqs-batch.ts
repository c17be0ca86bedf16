/**
 * Module 4 example: an SQS handler that reports partial batch failures, so only the messages
 * that failed go back to the queue. Needs `ReportBatchItemFailures` on the event source
 * mapping (FunctionResponseTypes in SAM).
 */
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

export type HandleMessage = (body: unknown, record: SQSRecord) => Promise<void>;

// #region partial-batch
export async function processBatch(
  event: SQSEvent,
  handle: HandleMessage,
): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchItemFailure[] = [];
  for (const record of event.Records) {
    try {
      await handle(JSON.parse(record.body), record);
    } catch (error) {
      // Report it and carry on: the other messages in the batch still count as done.
      console.error(
        JSON.stringify({
          message: 'message failed',
          messageId: record.messageId,
          error: String(error),
        }),
      );
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  // An empty list means every message succeeded and is deleted from the queue.
  return { batchItemFailures };
}
// #endregion partial-batch
