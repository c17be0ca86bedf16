/**
 * Lab 14, task 3: a dead-letter-queue consumer with partial batch responses. The store and the
 * alert are injected fakes; the last check loads the deployed handler as a fresh execution
 * environment with DynamoDB and SNS mocked (aws-sdk-client-mock).
 */
import * as dynamodb from '@aws-sdk/client-dynamodb';
import * as sns from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  createDlqConsumer,
  type DeadLetterRecord,
} from '@lab/lab-14-resilience/src/dlq-consumer.ts';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  captureLogs,
  coldStart,
  type LogCapture,
  mockClient,
  type SqsMessageSpec,
  sqsEvent,
} from '../../testkit/index.ts';

const DLQ = 'orders-dlq';
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

function messages(count: number): SqsMessageSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    messageId: `msg-${i + 1}`,
    body:
      i % 2 === 0
        ? JSON.stringify({ orderId: `ord-${i + 1}`, totalCents: 1000 + i })
        : `plain text body ${i + 1}`,
    receiveCount: 5,
  }));
}

/** A store that remembers what it saved and fails for the given message ids. */
function fakeStore(failFor: string[] = []) {
  const saved: DeadLetterRecord[] = [];
  const store = {
    async save(record: DeadLetterRecord) {
      await tick();
      if (failFor.includes(record?.messageId))
        throw Object.assign(new Error(`throttled while saving ${record.messageId}`), {
          name: 'ProvisionedThroughputExceededException',
        });
      saved.push(record);
    },
  };
  return { store, saved, savedIds: () => saved.map((r) => r?.messageId).sort() };
}

function fakeAlert(fails = false) {
  const calls: DeadLetterRecord[][] = [];
  const alert = async (records: DeadLetterRecord[]) => {
    await tick();
    calls.push(records);
    if (fails) throw new Error('SNS: AuthorizationError (the alert channel is broken)');
  };
  return {
    alert,
    calls,
    alertedIds: () => [...new Set(calls.flat().map((r) => r?.messageId))].sort(),
  };
}

type Outcome = { ok: true; value: SQSBatchResponse | undefined } | { ok: false; error: unknown };
async function consume(
  handler: (e: SQSEvent) => Promise<unknown>,
  event: SQSEvent,
): Promise<Outcome> {
  try {
    return { ok: true, value: (await handler(event)) as SQSBatchResponse | undefined };
  } catch (error) {
    return { ok: false, error };
  }
}

function failedIds(result: SQSBatchResponse | undefined | null): string[] {
  return (result?.batchItemFailures ?? []).map((f) => f.itemIdentifier).sort();
}

let logs: LogCapture;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => {
  logs.restore();
});

describe('3. Consume the dead-letter queue without losing a message', () => {
  it('records every message and reports no failure when all were recorded', async () => {
    // Prepare
    const store = fakeStore();
    const alert = fakeAlert();
    const specs = messages(3);
    const event = sqsEvent(specs, { queueName: DLQ });
    // Act
    const result = await consume(
      createDlqConsumer({ store: store.store, alert: alert.alert }),
      event,
    );
    // Assess
    expect(result.ok, `the handler must not throw: ${result.ok ? '' : String(result.error)}`).toBe(
      true,
    );
    expect(store.savedIds(), 'message ids saved to the store').toEqual(['msg-1', 'msg-2', 'msg-3']);
    for (const [i, spec] of specs.entries()) {
      const record = store.saved.find((r) => r.messageId === spec.messageId);
      expect(record?.body, `the body recorded for ${spec.messageId}, exactly as sent`).toBe(
        event.Records[i]!.body,
      );
      expect(record?.receiveCount, `receiveCount of ${spec.messageId} (a number)`).toBe(5);
      expect(record?.sourceQueueArn, `sourceQueueArn of ${spec.messageId}`).toBe(
        event.Records[i]!.eventSourceARN,
      );
    }
    expect(
      failedIds(result.ok ? result.value : undefined),
      'batchItemFailures when every message was recorded',
    ).toEqual([]);
    expect(alert.alertedIds(), 'message ids passed to alert()').toEqual([
      'msg-1',
      'msg-2',
      'msg-3',
    ]);
  });

  it('reports exactly the messages it could not record, without throwing', async () => {
    // Prepare: saving msg-2 and msg-4 fails
    const store = fakeStore(['msg-2', 'msg-4']);
    const alert = fakeAlert();
    const handler = createDlqConsumer({ store: store.store, alert: alert.alert });
    // Act
    const result = await consume(handler, sqsEvent(messages(5), { queueName: DLQ }));
    // Assess
    expect(
      result.ok,
      `the handler must not throw when some messages fail (throwing sends the whole batch back): ${result.ok ? '' : String(result.error)}`,
    ).toBe(true);
    expect(
      failedIds(result.ok ? result.value : undefined),
      'batchItemFailures: exactly the messages whose save failed, by messageId',
    ).toEqual(['msg-2', 'msg-4']);
    expect(store.savedIds(), 'the other messages are still recorded').toEqual([
      'msg-1',
      'msg-3',
      'msg-5',
    ]);

    // When nothing could be recorded, nothing may be acknowledged: report them all, or throw.
    const none = fakeStore(['msg-1', 'msg-2', 'msg-3']);
    const all = await consume(
      createDlqConsumer({ store: none.store, alert: fakeAlert().alert }),
      sqsEvent(messages(3), { queueName: DLQ }),
    );
    if (all.ok)
      expect(
        failedIds(all.value),
        'batchItemFailures when no message could be recorded (an empty list acknowledges them all: they would be lost)',
      ).toEqual(['msg-1', 'msg-2', 'msg-3']);
  });

  it('keeps the records and does not throw when the alert fails', async () => {
    // Prepare
    const store = fakeStore();
    const alert = fakeAlert(true);
    const handler = createDlqConsumer({ store: store.store, alert: alert.alert });
    // Act
    const result = await consume(handler, sqsEvent(messages(2), { queueName: DLQ }));
    // Assess
    expect(alert.calls.length, 'alert() calls').toBeGreaterThan(0);
    expect(store.savedIds(), 'messages recorded although the alert failed').toEqual([
      'msg-1',
      'msg-2',
    ]);
    expect(
      result.ok,
      `the handler must not throw because the alert failed: ${result.ok ? '' : String(result.error)}`,
    ).toBe(true);
    for (const id of failedIds(result.ok ? result.value : undefined))
      expect(
        ['msg-1', 'msg-2'],
        `a reported failure (${id}) must be one of the batch’s ids`,
      ).toContain(id);
    expect(
      logs.texts().some((t) => /alert/i.test(t)),
      'a log line about the failed alert, so someone knows the alert channel is broken',
    ).toBe(true);
  });

  it('writes each message to DynamoDB and alerts through SNS in the deployed handler', async () => {
    // Prepare: the deployed handler, a fresh execution environment with AWS mocked
    process.env.DLQ_TABLE_NAME = 'course-dead-letters';
    process.env.ALERT_TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:dlq-alerts';
    const ddb = mockClient(dynamodb.DynamoDBClient);
    const doc = mockClient(DynamoDBDocumentClient);
    const topic = mockClient(sns.SNSClient);
    const items: { table?: string; item: Record<string, unknown> }[] = [];
    const rejectId = { value: '' };
    ddb.on(dynamodb.PutItemCommand).callsFake((input: dynamodb.PutItemCommandInput) => {
      const item = unmarshall(input.Item ?? {});
      if (item.messageId === rejectId.value)
        throw Object.assign(new Error('Throughput exceeds the current capacity'), {
          name: 'ProvisionedThroughputExceededException',
        });
      items.push({ table: input.TableName, item });
      return {};
    });
    doc
      .on(PutCommand)
      .callsFake((input: { TableName?: string; Item?: Record<string, unknown> }) => {
        if (input.Item?.messageId === rejectId.value)
          throw Object.assign(new Error('Throughput exceeds the current capacity'), {
            name: 'ProvisionedThroughputExceededException',
          });
        items.push({ table: input.TableName, item: input.Item ?? {} });
        return {};
      });
    topic.on(sns.PublishCommand).resolves({ MessageId: 'sns-1' });
    topic.on(sns.PublishBatchCommand).resolves({ Successful: [], Failed: [] });
    try {
      const module = await coldStart(() => import('@lab/lab-14-resilience/src/dlq-consumer.ts'));
      const event = sqsEvent(messages(2), { queueName: DLQ });
      // Act
      const result = await consume(module.handler, event);
      // Assess
      expect(
        result.ok,
        `the handler must not throw: ${result.ok ? '' : String(result.error)}`,
      ).toBe(true);
      for (const record of event.Records) {
        const put = items.find((p) => p.item.messageId === record.messageId);
        expect(put, `a PutItem for ${record.messageId}`).toBeDefined();
        expect(put?.table, 'the table written to (DLQ_TABLE_NAME)').toBe('course-dead-letters');
        expect(put?.item.body, `the body stored for ${record.messageId}`).toBe(record.body);
      }
      const published = [
        ...topic.commandCalls(sns.PublishCommand).map((c) => c.args[0].input),
        ...topic.commandCalls(sns.PublishBatchCommand).flatMap((c) =>
          (c.args[0].input.PublishBatchRequestEntries ?? []).map((e) => ({
            ...e,
            TopicArn: c.args[0].input.TopicArn,
          })),
        ),
      ];
      expect(
        published.length,
        'SNS messages published for a batch of dead letters',
      ).toBeGreaterThan(0);
      expect(published[0]?.TopicArn, 'the topic published to (ALERT_TOPIC_ARN)').toBe(
        'arn:aws:sns:eu-west-1:123456789012:dlq-alerts',
      );
      const text = published.map((p) => `${p.Subject ?? ''} ${p.Message ?? ''}`).join('\n');
      for (const record of event.Records)
        expect(text, `the alert names the message ${record.messageId}`).toContain(record.messageId);
      expect(failedIds(result.ok ? result.value : undefined), 'batchItemFailures').toEqual([]);

      // A PutItem that fails must surface as that message's failure.
      rejectId.value = 'msg-2';
      const second = await consume(module.handler, sqsEvent(messages(3), { queueName: DLQ }));
      expect(
        second.ok ? failedIds(second.value) : 'the handler threw',
        'batchItemFailures when DynamoDB refuses the item of msg-2',
      ).toEqual(['msg-2']);
    } finally {
      ddb.restore();
      doc.restore();
      topic.restore();
      delete process.env.DLQ_TABLE_NAME;
      delete process.env.ALERT_TOPIC_ARN;
    }
  });
});
