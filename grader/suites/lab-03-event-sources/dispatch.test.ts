import * as lab from '@lab/lab-03-event-sources/src/handler.ts';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  apiGatewayV1Event,
  apiGatewayV2Event,
  dynamoDbStreamEvent,
  eventBridgeEvent,
  jsonBody,
  lambdaContext,
  s3Event,
  scheduledEvent,
  snsEvent,
  sqsEvent,
} from '../../testkit/index.ts';

// The learner's handler may take (event) or (event, context); the suite always passes both.
const handler = lab.handler as unknown as (event: unknown, context: Context) => Promise<unknown>;

type Result = Record<string, unknown>;

/** These fields with these values; extra fields in a result are allowed (see design.md). */
const withFields = (fields: Record<string, unknown>) => expect.objectContaining(fields);

async function dispatch(event: unknown): Promise<Result> {
  let result: unknown;
  try {
    result = await handler(event, lambdaContext());
  } catch (error) {
    const e = error as Error;
    throw new Error(
      `the handler threw ${e?.name}: ${e?.message} — for an event it should recognise, it must return a result`,
    );
  }
  expect(result, 'the handler must return an object').toBeTypeOf('object');
  expect(result, 'the handler must return an object').not.toBeNull();
  return result as Result;
}

/** What the handler threw for `event` (or a failed assertion if it returned normally). */
async function rejection(event: unknown, what: string): Promise<Error> {
  let returned: unknown;
  try {
    returned = await handler(event, lambdaContext());
  } catch (error) {
    return error as Error;
  }
  throw new Error(
    `for ${what} the handler returned ${JSON.stringify(returned)?.slice(0, 160)} — it must throw UnrecognisedEventError`,
  );
}

function expectUnrecognised(error: Error, what: string) {
  expect(error, `what the handler threw for ${what}`).toBeInstanceOf(Error);
  expect(
    error.name,
    `the error's name for ${what} (a TypeError means the handler crashed reading a field)`,
  ).toBe('UnrecognisedEventError');
  expect(error.message.length, `the error's message for ${what}`).toBeGreaterThan(0);
}

/** A Kinesis batch: a real AWS event source this function was never wired to. */
function kinesisEvent() {
  return {
    Records: [
      {
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: 'order-1',
          sequenceNumber: '49590338271490256608559692538361571095921575989136588898',
          data: Buffer.from('{"orderId":"o-1"}').toString('base64'),
          approximateArrivalTimestamp: 1793611800.1,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: 'shardId-000000000006:49590338271490256608559692538361571095921575989136588898',
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: 'arn:aws:iam::123456789012:role/lambda-role',
        awsRegion: 'eu-west-1',
        eventSourceARN: 'arn:aws:kinesis:eu-west-1:123456789012:stream/orders',
      },
    ],
  };
}

describe('1. Recognise the event source', () => {
  it('answers a REST API (payload 1.0) request with a proxy response that names its source', async () => {
    // Prepare
    const event = apiGatewayV1Event({ method: 'POST', path: '/orders', body: { sku: 'A-1' } });
    // Act
    const response = await dispatch(event);
    // Assess
    expect(response.statusCode, 'statusCode of the proxy response for a REST API event').toBe(200);
    expect(jsonBody(response as { body?: string }), 'JSON body for a REST API event').toEqual(
      withFields({ source: 'api-v1', method: 'POST', path: '/orders' }),
    );
  });

  it('tells an HTTP API (payload 2.0) event from a REST API event', async () => {
    const event = apiGatewayV2Event({
      method: 'DELETE',
      path: '/orders/42',
      route: '/orders/{id}',
      pathParameters: { id: '42' },
    });
    const response = await dispatch(event);
    expect(response.statusCode, 'statusCode of the proxy response for an HTTP API event').toBe(200);
    const body = jsonBody(response as { body?: string }) as Result;
    expect(body.source, 'source for an HTTP API event (version "2.0")').toBe('api-v2');
    expect(body.method, 'method of a 2.0 event (requestContext.http.method)').toBe('DELETE');
    expect(body.path, 'path of a 2.0 event (rawPath)').toBe('/orders/42');
  });

  it("recognises SQS, S3 and DynamoDB Streams batches by the records' eventSource", async () => {
    const sqs = await dispatch(sqsEvent([{ body: { orderId: 'o-1' } }]));
    const s3 = await dispatch(s3Event([{ key: 'uploads/a.txt' }]));
    const dynamodb = await dispatch(
      dynamoDbStreamEvent([{ eventName: 'INSERT', keys: { pk: 'o-1' }, newImage: { pk: 'o-1' } }]),
    );
    expect(sqs.source, 'source for Records[0].eventSource "aws:sqs"').toBe('sqs');
    expect(s3.source, 'source for Records[0].eventSource "aws:s3"').toBe('s3');
    expect(dynamodb.source, 'source for Records[0].eventSource "aws:dynamodb"').toBe('dynamodb');
  });

  it('recognises an SNS notification by its capitalised EventSource', async () => {
    const event = snsEvent([
      { message: 'Order o-7 shipped', subject: 'Shipping', topic: 'order-events' },
    ]);
    const result = await dispatch(event);
    expect(result.source, 'source for an SNS record (EventSource "aws:sns")').toBe('sns');
    const sns = event.Records[0]!.Sns;
    expect(result.notifications, 'notifications of an SNS event').toEqual([
      withFields({
        messageId: sns.MessageId,
        topicArn: sns.TopicArn,
        subject: 'Shipping',
        message: 'Order o-7 shipped',
      }),
    ]);
  });

  it('recognises a scheduled EventBridge event and reports its rule and time', async () => {
    const result = await dispatch(
      scheduledEvent({ rule: 'nightly-report', time: '2026-11-27T03:00:00Z' }),
    );
    expect(result.source, 'source for detail-type "Scheduled Event" from aws.events').toBe(
      'schedule',
    );
    expect(result.rule, 'rule name (the last part of the ARN in resources)').toBe('nightly-report');
    expect(result.time, "time: the event's scheduled time, not the clock's").toBe(
      '2026-11-27T03:00:00Z',
    );
  });
});

describe('2. Read the records of each source', () => {
  it('returns every SQS message of the batch, in order, with its parsed body', async () => {
    const bodies = [
      { orderId: 'o-1', total: 12.5 },
      { orderId: 'o-2', items: ['A-1', 'B-2'] },
      { orderId: 'o-3', note: 'déjà vu 🎉' },
    ];
    const event = sqsEvent(bodies.map((body) => ({ body })));
    const result = await dispatch(event);
    expect(result.source, 'source of an SQS batch').toBe('sqs');
    expect(result.messages, 'messages: one per record, in order, with the body parsed').toEqual(
      event.Records.map((r, i) => withFields({ messageId: r.messageId, body: bodies[i] })),
    );
    expect(result.batchItemFailures ?? [], 'batchItemFailures when every body is JSON').toEqual([]);
  });

  it('reports an SQS message whose body is not JSON as a batch item failure', async () => {
    const event = sqsEvent([
      { body: { orderId: 'o-1' } },
      { body: 'orderId=o-2' },
      { body: { orderId: 'o-3' } },
    ]);
    const [first, bad, third] = event.Records;
    const result = await dispatch(event);
    expect(
      result.batchItemFailures,
      'batchItemFailures: the messageId of the message whose body is not JSON, and only it',
    ).toEqual([{ itemIdentifier: bad!.messageId }]);
    expect(
      (result.messages as { messageId: string }[] | undefined)?.map((m) => m.messageId),
      'messages: the two good messages, processed although the batch had a bad one',
    ).toEqual([first!.messageId, third!.messageId]);
  });

  it('decodes S3 object keys: a plus is a space and %2B is a plus', async () => {
    const keys = [
      'uploads/my photo (1)+final.jpg',
      'uploads/2026 Q3 report.pdf',
      'uploads/a+b=c.txt',
      'uploads/café/naïve 😀.png',
      'uploads/100% done.txt',
    ];
    const event = s3Event(
      keys.map((key, i) => ({ key, size: 1000 + i, bucket: 'course-uploads' })),
    );
    const result = await dispatch(event);
    const objects = (result.objects ?? []) as { key?: unknown }[];
    expect(objects.length, 'one object per S3 record').toBe(keys.length);
    keys.forEach((key, i) => {
      expect(
        objects[i]?.key,
        `decoded key of record ${i + 1} (it arrived as "${event.Records[i]!.s3.object.key}")`,
      ).toBe(key);
    });
    expect(objects[0], 'the first S3 object').toEqual(
      withFields({
        bucket: 'course-uploads',
        key: keys[0],
        size: 1000,
        eventName: 'ObjectCreated:Put',
      }),
    );
  });

  it("keeps each invocation's records to itself", async () => {
    // Prepare: two batches, invoked one after the other in the same execution environment
    const firstBatch = s3Event([{ key: 'uploads/one.txt' }, { key: 'uploads/two.txt' }]);
    const secondBatch = s3Event([{ key: 'uploads/three.txt', eventName: 'ObjectRemoved:Delete' }]);
    // Act
    const first = await dispatch(firstBatch);
    const second = await dispatch(secondBatch);
    const sqsFirst = await dispatch(sqsEvent([{ body: { n: 1 } }, { body: { n: 2 } }]));
    const sqsSecond = await dispatch(sqsEvent([{ body: { n: 3 } }]));
    // Assess
    const keysOf = (r: Result) => ((r.objects ?? []) as { key?: unknown }[]).map((o) => o.key);
    expect(keysOf(first), 'keys of the first S3 batch').toEqual([
      'uploads/one.txt',
      'uploads/two.txt',
    ]);
    expect(keysOf(second), 'keys of the second S3 batch (nothing from the first)').toEqual([
      'uploads/three.txt',
    ]);
    expect(
      ((second.objects ?? []) as { eventName?: unknown }[])[0]?.eventName,
      "eventName of the second batch's record",
    ).toBe('ObjectRemoved:Delete');
    const bodiesOf = (r: Result) => ((r.messages ?? []) as { body?: unknown }[]).map((m) => m.body);
    expect(bodiesOf(sqsFirst), 'bodies of the first SQS batch').toEqual([{ n: 1 }, { n: 2 }]);
    expect(bodiesOf(sqsSecond), 'bodies of the second SQS batch (nothing from the first)').toEqual([
      { n: 3 },
    ]);
  });
});

describe('3. Unmarshall DynamoDB stream records', () => {
  it('unmarshalls stream images into plain values', async () => {
    const item = {
      pk: 'order#o-1',
      total: 42.5,
      quantity: 3,
      paid: true,
      coupon: null,
      customer: { name: 'Zoë', tier: 'gold' },
      lines: [{ sku: 'A-1', qty: 2 }, 'gift-wrap'],
    };
    const result = await dispatch(
      dynamoDbStreamEvent([{ eventName: 'INSERT', keys: { pk: 'order#o-1' }, newImage: item }]),
    );
    const [change] = (result.changes ?? []) as Result[];
    expect(change?.keys, 'keys of the record, unmarshalled').toEqual({ pk: 'order#o-1' });
    expect(
      change?.newImage,
      'newImage as plain values (42.5, not {"N": "42.5"}), nested maps and lists included',
    ).toEqual(item);
  });

  it('tells INSERT, MODIFY and REMOVE apart, with the images each one has', async () => {
    const keys = { pk: 'order#o-9' };
    const placed = { ...keys, status: 'PLACED', total: 10 };
    const paid = { ...keys, status: 'PAID', total: 10 };
    const result = await dispatch(
      dynamoDbStreamEvent([
        { eventName: 'INSERT', keys, newImage: placed },
        { eventName: 'MODIFY', keys, oldImage: placed, newImage: paid },
        { eventName: 'REMOVE', keys, oldImage: paid },
      ]),
    );
    expect(result.changes, 'changes: one per record, in order').toEqual([
      withFields({ eventName: 'INSERT', keys, newImage: placed }),
      withFields({ eventName: 'MODIFY', keys, oldImage: placed, newImage: paid }),
      withFields({ eventName: 'REMOVE', keys, oldImage: paid }),
    ]);
    const changes = result.changes as Result[];
    expect(changes[0]?.oldImage, 'oldImage of an INSERT (there is none)').toBeUndefined();
    expect(changes[2]?.newImage, 'newImage of a REMOVE (there is none)').toBeUndefined();
  });

  it('handles a REMOVE, which has only an OldImage', async () => {
    const keys = { pk: 'cart#c-1', sk: 'item#2' };
    const old = { ...keys, sku: 'B-2', qty: 1 };
    const result = await dispatch(
      dynamoDbStreamEvent([{ eventName: 'REMOVE', keys, oldImage: old }]),
    );
    const [change] = (result.changes ?? []) as Result[];
    expect(change?.eventName, 'eventName of a REMOVE record').toBe('REMOVE');
    expect(change?.keys, 'keys of the removed item').toEqual(keys);
    expect(change?.oldImage, 'oldImage: the item as it was before the delete').toEqual(old);
    expect(change?.newImage, 'newImage of a REMOVE (there is none)').toBeUndefined();
  });
});

describe('4. Refuse events you do not recognise', () => {
  it('throws UnrecognisedEventError for an event from another source', async () => {
    const events: [string, unknown][] = [
      ['a Kinesis batch', kinesisEvent()],
      [
        'a custom EventBridge event (detail-type "OrderPlaced")',
        eventBridgeEvent('OrderPlaced', { orderId: 'o-1' }),
      ],
      [
        'a CloudWatch Logs subscription event',
        { awslogs: { data: 'H4sIAAAAAAAAA6tWKkktLlGyUlAqS8wpTVWqBQAtV8+7EwAAAA==' } },
      ],
      ['a direct invocation {"action": "ping"}', { action: 'ping' }],
    ];
    for (const [what, event] of events) expectUnrecognised(await rejection(event, what), what);
  });

  it('throws UnrecognisedEventError, not a TypeError, for null, a string or an empty batch', async () => {
    const events: [string, unknown][] = [
      ['null', null],
      ['undefined', undefined],
      ['the string "ping"', 'ping'],
      ['the number 42', 42],
      ['an empty batch {"Records": []}', { Records: [] }],
      ['a batch whose record is null', { Records: [null] }],
    ];
    for (const [what, event] of events) expectUnrecognised(await rejection(event, what), what);
  });
});
