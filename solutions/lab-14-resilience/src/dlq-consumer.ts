/**
 * Lab 14 reference solution, part 3: a consumer for a dead-letter queue that records every
 * message, alerts a person, and never acknowledges a message it could not record.
 */
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

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

function log(level: 'INFO' | 'ERROR', message: string, extra: Record<string, unknown> = {}) {
  const line = JSON.stringify({ level, message, timestamp: new Date().toISOString(), ...extra });
  if (level === 'ERROR') console.error(line);
  else console.log(line);
}

function describeError(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'NonError', message: String(error) };
}

/** Reads the fields worth keeping from an SQS record. Throws on a record without a messageId. */
export function toDeadLetterRecord(message: SQSRecord, now: Date): DeadLetterRecord {
  if (typeof message?.messageId !== 'string' || message.messageId === '')
    throw new Error('the record has no messageId');
  const sent = Number(message.attributes?.SentTimestamp);
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.messageAttributes ?? {})) {
    if (typeof value?.stringValue === 'string') attributes[name] = value.stringValue;
  }
  return {
    messageId: message.messageId,
    body: typeof message.body === 'string' ? message.body : JSON.stringify(message.body ?? null),
    receiveCount: Number(message.attributes?.ApproximateReceiveCount) || 0,
    sentAt: Number.isFinite(sent) && sent > 0 ? new Date(sent).toISOString() : null,
    sourceQueueArn: String(message.eventSourceARN ?? ''),
    messageAttributes: attributes,
    recordedAt: now.toISOString(),
  };
}

// #region consumer
export function createDlqConsumer({
  store,
  alert,
  now = () => new Date(),
}: DlqConsumerDependencies) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const messages: SQSRecord[] = Array.isArray(event?.Records) ? event.Records : [];
    const outcomes = await Promise.all(
      messages.map(async (message) => {
        try {
          const record = toDeadLetterRecord(message, now());
          await store.save(record);
          return { ok: true as const, record };
        } catch (error) {
          // Never swallow this: a message acknowledged without a record is lost for good (the
          // DLQ was its last stop). Report it so SQS keeps it for another try.
          log('ERROR', 'could not record a dead-lettered message', {
            messageId: message?.messageId,
            error: describeError(error),
          });
          return { ok: false as const, message };
        }
      }),
    );

    const recorded = outcomes.flatMap((o) => (o.ok ? [o.record] : []));
    const batchItemFailures: SQSBatchItemFailure[] = outcomes.flatMap((o) =>
      o.ok ? [] : [{ itemIdentifier: String(o.message?.messageId ?? '') }],
    );

    if (recorded.length > 0) {
      try {
        await alert(recorded);
      } catch (error) {
        // The records are safe in the store, which is the durable copy: acknowledge the
        // messages anyway. Failing them would only re-record them and retry the alert, and a
        // broken alert channel would keep the whole DLQ cycling. The ERROR line (and the
        // function's error alarm) tells someone the alert channel is broken.
        log('ERROR', 'could not send the dead-letter alert; the messages are recorded', {
          messageIds: recorded.map((r) => r.messageId),
          error: describeError(error),
        });
      }
    }
    log('INFO', 'dead-letter batch handled', {
      recorded: recorded.length,
      failed: batchItemFailures.length,
    });
    // Only the unrecorded messages go back to the queue; throwing instead would redeliver the
    // whole batch, recorded messages included.
    return { batchItemFailures };
  };
}
// #endregion consumer

// #region aws
/** The deployed store: one DynamoDB item per message, keyed by messageId (so saving is idempotent). */
export function dynamoDbStore(
  client: DynamoDBClient,
  tableName: string | undefined,
): DeadLetterStore {
  return {
    async save(record) {
      if (!tableName) throw new Error('DLQ_TABLE_NAME is not set');
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: marshall(record, { removeUndefinedValues: true, convertEmptyValues: false }),
        }),
      );
    },
  };
}

/** The deployed alert: one SNS message per batch (not one per message: no alert storms). */
export function snsAlert(client: SNSClient, topicArn: string | undefined): Alert {
  return async (records) => {
    if (!topicArn) throw new Error('ALERT_TOPIC_ARN is not set');
    const queue = records[0]?.sourceQueueArn.split(':').pop() || 'the dead-letter queue';
    await client.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: `${records.length} new message(s) in ${queue}`.slice(0, 100),
        Message: JSON.stringify(
          {
            summary: `${records.length} message(s) reached ${queue} and were recorded.`,
            // SNS messages are limited in size: list the first ids, the table has them all.
            messageIds: records.slice(0, 100).map((r) => r.messageId),
            sourceQueueArn: records[0]?.sourceQueueArn,
          },
          null,
          2,
        ),
      }),
    );
  };
}
// #endregion aws

// Clients are created once per execution environment and reused by every invocation.
const dynamodb = new DynamoDBClient({});
const sns = new SNSClient({});

export const handler = createDlqConsumer({
  store: dynamoDbStore(dynamodb, process.env.DLQ_TABLE_NAME),
  alert: snsAlert(sns, process.env.ALERT_TOPIC_ARN),
});
