/**
 * Lab 14 — Resilience, part 3: a consumer for a dead-letter queue that records every message,
 * alerts a person, and never acknowledges a message it could not record.
 * Read labs/lab-14-resilience/README.md first. Grade with: npm run grade lab-14
 */
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

/** What the store keeps about one dead-lettered message. */
export interface DeadLetterRecord {
  messageId: string;
  /** The message body, exactly as it was sent. */
  body: string;
  /** How many times the message was received, from its ApproximateReceiveCount attribute. */
  receiveCount: number;
  /** When the message was first sent (ISO 8601), from its SentTimestamp attribute. */
  sentAt: string | null;
  /** The queue the consumer read it from (the dead-letter queue's ARN). */
  sourceQueueArn: string;
  /** String message attributes, by name. */
  messageAttributes: Record<string, string>;
  /** When this consumer recorded it (ISO 8601). */
  recordedAt: string;
}

export interface DeadLetterStore {
  /** Saves one record; rejects when it could not. Saving the same messageId twice is harmless. */
  save(record: DeadLetterRecord): Promise<void>;
}

/** Tells a person about newly recorded messages; rejects when it could not. */
export type Alert = (records: DeadLetterRecord[]) => Promise<void>;

export interface DlqConsumerDependencies {
  store: DeadLetterStore;
  alert: Alert;
  /** The clock (default: the real one). */
  now?: () => Date;
}

export function createDlqConsumer({
  store,
  alert,
  now = () => new Date(),
}: DlqConsumerDependencies) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    // TODO(lab-14): task 3 — turn each SQS record into a DeadLetterRecord and save it with
    //   store.save(). A message whose save fails goes into batchItemFailures as
    //   { itemIdentifier: messageId }; never throw because of one message.
    // TODO(lab-14): task 3 — then call alert() once with the records you saved. If the alert
    //   fails, log it: the records are already safe, so it must not fail the invocation.
    // TODO(lab-14): task 3 — return { batchItemFailures } (an empty list when all were saved).
    throw new Error('TODO(lab-14): the DLQ consumer is not implemented yet (src/dlq-consumer.ts)');
  };
}

/** The deployed store: one DynamoDB item per message, keyed by messageId. */
export function dynamoDbStore(
  client: DynamoDBClient,
  tableName: string | undefined,
): DeadLetterStore {
  return {
    async save(record) {
      // TODO(lab-14): task 3 — PutItemCommand into tableName, with Item: marshall(record).
      throw new Error('TODO(lab-14): dynamoDbStore.save() is not implemented yet');
    },
  };
}

/** The deployed alert: one SNS message per batch. */
export function snsAlert(client: SNSClient, topicArn: string | undefined): Alert {
  return async (records) => {
    // TODO(lab-14): task 3 — PublishCommand to topicArn, with a Subject and a Message that
    //   lists the message ids.
    throw new Error('TODO(lab-14): snsAlert() is not implemented yet');
  };
}

// Clients are created once per execution environment and reused by every invocation.
const dynamodb = new DynamoDBClient({});
const sns = new SNSClient({});

export const handler = createDlqConsumer({
  store: dynamoDbStore(dynamodb, process.env.DLQ_TABLE_NAME),
  alert: snsAlert(sns, process.env.ALERT_TOPIC_ARN),
});
