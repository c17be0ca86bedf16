/**
 * Module 2 example: the same platform, different events. One handler per event source, each
 * typed with @types/aws-lambda. Shown on the module page through its #region blocks.
 */

import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type {
  DynamoDBStreamEvent,
  S3Event,
  ScheduledEvent,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';

export interface Job {
  kind: string;
}

/** Where the handlers send their work; swapped for fakes in tests. */
export const work = {
  async runJob(_job: Job): Promise<void> {},
  async indexImage(_bucket: string, _key: string, _bytes: number): Promise<void> {},
  async sendDailyDigest(_day: string): Promise<void> {},
  async reindex(_id: string, _item: Record<string, unknown> | undefined): Promise<void> {},
};

// #region sqs
// Polled from a queue by an event source mapping, in batches of up to 10 by default.
export const onQueueMessages = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      await work.runJob(JSON.parse(record.body) as Job);
    } catch {
      // Only this message returns to the queue (needs ReportBatchItemFailures, module 4).
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
// #endregion sqs

// #region s3
// Invoked asynchronously by an S3 event notification when an object is created.
export const onObjectCreated = async (event: S3Event): Promise<void> => {
  for (const record of event.Records) {
    // Keys arrive URL-encoded, with spaces as "+": "My Photo.jpg" is "My+Photo.jpg".
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    await work.indexImage(record.s3.bucket.name, key, record.s3.object.size);
  }
};
// #endregion s3

// #region schedule
// Invoked asynchronously by an EventBridge rule or Scheduler schedule, e.g. cron(0 6 * * ? *).
export const onSchedule = async (event: ScheduledEvent): Promise<void> => {
  const day = event.time.slice(0, 10); // the scheduled time, not "now": retries stay on the same day
  await work.sendDailyDigest(day);
};
// #endregion schedule

// #region dynamodb
// Polled from a DynamoDB stream: the item's images arrive in DynamoDB's typed JSON.
export const onTableChange = async (event: DynamoDBStreamEvent): Promise<void> => {
  for (const record of event.Records) {
    // (The stream's and the SDK's AttributeValue types describe the same JSON.)
    const keys = unmarshall(record.dynamodb?.Keys as Record<string, AttributeValue>) as {
      id: string;
    };
    const image = record.dynamodb?.NewImage;
    // REMOVE events have no NewImage: index the deletion.
    await work.reindex(
      keys.id,
      image ? unmarshall(image as Record<string, AttributeValue>) : undefined,
    );
  }
};
// #endregion dynamodb
