/**
 * What each built function is invoked with to prove its bundle: realistic events of its kind
 * (built by the testkit's event builders, shaped like AWS's own samples), the canned AWS
 * responses it needs, and what the answers must look like. A function with no case of its own
 * gets the default for its kind.
 *
 * One source of events: the bundle proofs (bundles.test.ts) run every case, and `npm run bench`
 * times the first event of each case for cold init. So this module imports no test runner
 * state (only `expect`) and no testkit index: the benchmark loads it outside vitest.
 */
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { apiGatewayV1Event, apiGatewayV2Event } from '../../testkit/events/api-gateway.ts';
import {
  dynamoDbStreamEvent,
  eventBridgeEvent,
  s3Event,
  scheduledEvent,
  snsEvent,
  sqsEvent,
} from '../../testkit/events/messaging.ts';

export interface Invocation {
  results: { ok: boolean; value?: unknown; error?: { name?: string; message?: string } }[];
  calls: { client: string; command: string; input: unknown }[];
  /** What the function printed, one entry per line. */
  logs: string[];
}

export interface BundleCase {
  events: unknown[];
  /** Canned AWS SDK responses by package and command (see grader/bin/invoke-bundle.mjs). */
  mocks?: Record<string, Record<string, unknown>>;
  /** Responses of a local HTTP server; `$HTTP_URL` in an env value is its base URL. */
  http?: { status: number; body?: unknown; headers?: Record<string, string> }[];
  env?: Record<string, string>;
  /** The function's timeout, which the context's getRemainingTimeInMillis counts down from. */
  timeoutMs?: number;
  check: (invocation: Invocation) => void;
}

/** A case, or a promise of one (a case may need to prepare data, such as an image). */
export type CaseFactory = () => BundleCase | Promise<BundleCase>;

const answered = (inv: Invocation) => {
  for (const r of inv.results)
    expect(r.ok, `the handler threw ${r.error?.name}: ${r.error?.message}`).toBe(true);
};

const b64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64');
const unb64 = (value: unknown) => Buffer.from((value as { $bytes: string }).$bytes, 'base64');

/** A JSON value read back from the child process; the checks below read it field by field. */
// biome-ignore lint/suspicious/noExplicitAny: the assertions themselves check each field read.
type Loose = Record<string, any>;

interface HttpReply {
  statusCode: number;
  headers?: Record<string, string>;
  body: string;
}
const reply = (inv: Invocation, i: number) => inv.results[i]!.value as HttpReply;
const body = (inv: Invocation, i: number) => JSON.parse(reply(inv, i).body) as Loose;
const callsTo = (inv: Invocation, command: string) =>
  inv.calls.filter((c) => c.command === command).map((c) => c.input as Loose);
const jsonLogs = (inv: Invocation) =>
  inv.logs.flatMap((line) => {
    try {
      const value: unknown = JSON.parse(line);
      return value && typeof value === 'object' ? [value as Loose] : [];
    } catch {
      return [];
    }
  });

/** The default case for each event-source kind. */
export const BY_KIND: Record<string, CaseFactory> = {
  'api-v1': () => ({
    events: [apiGatewayV1Event({ method: 'GET', path: '/' })],
    check: (inv) => {
      answered(inv);
      expect(typeof reply(inv, 0).statusCode).toBe('number');
    },
  }),
  'api-v2': () => ({
    events: [apiGatewayV2Event({ method: 'GET', path: '/' })],
    check: (inv) => {
      answered(inv);
      expect(typeof reply(inv, 0).statusCode).toBe('number');
    },
  }),
  sqs: () => ({ events: [sqsEvent([{ body: { orderId: 'o-1' } }])], check: answered }),
  s3: () => ({ events: [s3Event([{ key: 'uploads/a.txt', size: 10 }])], check: answered }),
  sns: () => ({ events: [snsEvent([{ message: { hello: 'world' } }])], check: answered }),
  scheduled: () => ({ events: [scheduledEvent()], check: answered }),
  eventbridge: () => ({ events: [eventBridgeEvent('Example', { id: '1' })], check: answered }),
  'dynamodb-stream': () => ({
    events: [
      dynamoDbStreamEvent([{ eventName: 'INSERT', keys: { pk: 'a' }, newImage: { pk: 'a' } }]),
    ],
    check: answered,
  }),
};

const sfnOrder = { orderId: 'ord-1', amountCents: 4999, currency: 'EUR', cardToken: 'tok_visa' };
const validOrder = { orderId: 'o-1', sku: 'BOOK-1', quantity: 2 };
const payment = { orderId: 'o-1', amount: 1250, currency: 'EUR' };
/** lab 13's payload hash: SHA-256 of the payment as JSON with sorted keys. */
const paymentHash = (p: { orderId: string; amount: number; currency: string }) =>
  createHash('sha256')
    .update(JSON.stringify({ amount: p.amount, currency: p.currency, orderId: p.orderId }))
    .digest('hex');
const paymentEvent = (key: string | undefined, p: object) =>
  apiGatewayV2Event({
    method: 'POST',
    path: '/payments',
    route: '/payments',
    headers: key ? { 'idempotency-key': key } : {},
    body: p,
  });

/** Cases for specific functions, by `<lab slug>/<function logical id>`. */
export const CASES: Record<string, CaseFactory> = {
  'hello-lambda/HelloFunction': () => ({
    events: [
      apiGatewayV1Event({ method: 'GET', path: '/hello', query: { name: 'Ada' } }),
      apiGatewayV2Event({ method: 'POST', path: '/hello', body: { name: 'Grace' }, base64: true }),
      apiGatewayV1Event({ method: 'POST', path: '/hello', body: 'not json' }),
    ],
    check: (inv) => {
      answered(inv);
      expect(body(inv, 0).message).toBe('Hello, Ada!');
      expect(body(inv, 1).message).toBe('Hello, Grace!');
      expect(reply(inv, 2).statusCode).toBe(400);
    },
  }),

  'execution-context/ContextFunction': () => ({
    events: [{ action: 'status' }, { action: 'read', key: 'menu.json' }],
    env: { BUCKET_NAME: 'catalogue', APP_CONFIG: '{"greeting":"Hi"}' },
    mocks: {
      '@aws-sdk/client-s3': {
        GetObjectCommand: { Body: { $stream: b64('{"menu":[]}') } },
      },
    },
    check: (inv) => {
      answered(inv);
      expect(inv.results[0]!.value).toMatchObject({ coldStart: true, invocation: 1 });
      expect(inv.results[1]!.value).toMatchObject({
        coldStart: false,
        object: { key: 'menu.json', body: '{"menu":[]}' },
      });
      expect(inv.calls).toEqual([
        {
          client: 'S3Client',
          command: 'GetObjectCommand',
          input: { Bucket: 'catalogue', Key: 'menu.json' },
        },
      ]);
    },
  }),

  // One entry, every source the template wires: each event is recognised and reduced.
  'event-sources/DispatcherFunction': () => ({
    events: [
      apiGatewayV2Event({ method: 'POST', path: '/orders', body: { id: 1 } }),
      apiGatewayV1Event({ method: 'GET', path: '/orders/7' }),
      sqsEvent([
        { messageId: 'm-1', body: { orderId: 'o-1' } },
        { messageId: 'm-2', body: 'not json' },
      ]),
      s3Event([{ key: 'uploads/my photo+1.jpg', size: 2048 }]),
      snsEvent([{ message: { hello: 'world' }, subject: 'greeting' }]),
      scheduledEvent({ rule: 'nightly-report' }),
      dynamoDbStreamEvent([
        {
          eventName: 'MODIFY',
          keys: { pk: 'order#1' },
          oldImage: { pk: 'order#1', total: 10 },
          newImage: { pk: 'order#1', total: 12, tags: ['gift'] },
        },
      ]),
      { hello: 'world' },
    ],
    check: (inv) => {
      const [v2, v1, sqs, s3, sns, schedule, ddb, unknown] = inv.results;
      expect(JSON.parse((v2!.value as HttpReply).body)).toEqual({
        source: 'api-v2',
        method: 'POST',
        path: '/orders',
      });
      expect(JSON.parse((v1!.value as HttpReply).body)).toMatchObject({
        source: 'api-v1',
        path: '/orders/7',
      });
      expect(sqs!.value).toMatchObject({
        source: 'sqs',
        messages: [{ messageId: 'm-1', body: { orderId: 'o-1' } }],
        batchItemFailures: [{ itemIdentifier: 'm-2' }],
      });
      expect(s3!.value).toMatchObject({
        source: 's3',
        objects: [{ key: 'uploads/my photo+1.jpg', size: 2048 }],
      });
      expect(sns!.value).toMatchObject({
        source: 'sns',
        notifications: [{ subject: 'greeting', message: '{"hello":"world"}' }],
      });
      expect(schedule!.value).toMatchObject({ source: 'schedule', rule: 'nightly-report' });
      expect(ddb!.value).toMatchObject({
        source: 'dynamodb',
        changes: [
          {
            eventName: 'MODIFY',
            keys: { pk: 'order#1' },
            newImage: { total: 12, tags: ['gift'] },
            oldImage: { total: 10 },
          },
        ],
      });
      expect(unknown).toMatchObject({ ok: false, error: { name: 'UnrecognisedEventError' } });
    },
  }),

  'invoke/GreeterFunction': () => ({
    events: [{ name: ' Ada ' }, { name: 'Ada', fail: true }, null],
    check: (inv) => {
      expect(inv.results[0]).toEqual({ ok: true, value: { greeting: 'Hello, Ada!' } });
      expect(inv.results[1]).toMatchObject({
        ok: false,
        error: { name: 'GreetingRefusedError', message: 'Refusing to greet Ada, as asked' },
      });
      expect(inv.results[2]).toEqual({ ok: true, value: { greeting: 'Hello, world!' } });
      expect(inv.logs).toContain('greeting Ada');
    },
  }),

  // The caller's client against a stubbed Lambda: the payload goes out as UTF-8 JSON bytes, a
  // throttled call is retried, a function error (200 + FunctionError) becomes a reply, and a
  // queued call is an Event invocation.
  'invoke/CallerFunction': () => ({
    events: [{ name: 'Ada' }, { name: 'Ada', fail: true }, { name: 'Bo', queue: true }],
    env: { GREETER_FUNCTION_NAME: 'course-greeter' },
    mocks: {
      '@aws-sdk/client-lambda': {
        InvokeCommand: [
          {
            $error: {
              name: 'TooManyRequestsException',
              from: '@aws-sdk/client-lambda',
              message: 'Rate Exceeded.',
              Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
            },
          },
          {
            StatusCode: 200,
            ExecutedVersion: '$LATEST',
            Payload: { $bytes: b64('{"greeting":"Hello, Ada!"}') },
            LogResult: b64('START RequestId: 1\ngreeting Ada\nEND RequestId: 1\n'),
          },
          {
            StatusCode: 200,
            FunctionError: 'Unhandled',
            Payload: {
              $bytes: b64(
                JSON.stringify({
                  errorType: 'GreetingRefusedError',
                  errorMessage: 'Refusing to greet Ada, as asked',
                  trace: [],
                }),
              ),
            },
          },
          { StatusCode: 202, Payload: { $bytes: '' } },
        ],
      },
    },
    check: (inv) => {
      answered(inv);
      expect(inv.results[0]!.value).toEqual({
        greeting: 'Hello, Ada!',
        logs: 'START RequestId: 1\ngreeting Ada\nEND RequestId: 1\n',
      });
      expect(inv.results[1]!.value).toEqual({
        error: { type: 'GreetingRefusedError', message: 'Refusing to greet Ada, as asked' },
      });
      expect(inv.results[2]!.value).toEqual({ queued: true, statusCode: 202 });
      const sent = callsTo(inv, 'InvokeCommand');
      expect(sent).toHaveLength(4); // the throttled call was retried once
      expect(sent.map((c) => c.InvocationType)).toEqual([
        'RequestResponse',
        'RequestResponse',
        'RequestResponse',
        'Event',
      ]);
      expect(sent[0]).toMatchObject({ FunctionName: 'course-greeter', LogType: 'Tail' });
      expect(JSON.parse(unb64(sent[0]!.Payload).toString('utf8'))).toEqual({
        name: 'Ada',
        fail: false,
      });
      expect(JSON.parse(unb64(sent[3]!.Payload).toString('utf8'))).toEqual({
        name: 'Bo',
        fail: false,
      });
    },
  }),

  'sqs-batch/OrdersFunction': () => ({
    events: [
      sqsEvent([
        { messageId: 'm-ok', body: validOrder },
        { messageId: 'm-bad', body: 'not json' },
      ]),
      // Nothing succeeds: the whole batch fails (the handler throws).
      sqsEvent([
        { messageId: 'm-1', body: 'not json', receiveCount: 5 },
        { messageId: 'm-2', body: { orderId: '', sku: 'BOOK-1', quantity: 0 } },
      ]),
      // FIFO: the first failure stops the batch; what follows is reported unprocessed.
      sqsEvent([
        { messageId: 'f-1', body: validOrder, groupId: 'customer-1' },
        { messageId: 'f-2', body: 'not json', groupId: 'customer-1' },
        { messageId: 'f-3', body: { ...validOrder, orderId: 'o-3' }, groupId: 'customer-2' },
      ]),
    ],
    env: { MAX_RECEIVE_COUNT: '5' },
    check: (inv) => {
      expect(inv.results[0]).toEqual({
        ok: true,
        value: { batchItemFailures: [{ itemIdentifier: 'm-bad' }] },
      });
      expect(inv.results[1]).toMatchObject({ ok: false, error: { name: 'BatchFailedError' } });
      expect(inv.results[2]).toEqual({
        ok: true,
        value: { batchItemFailures: [{ itemIdentifier: 'f-2' }, { itemIdentifier: 'f-3' }] },
      });
      const logged = jsonLogs(inv);
      expect(logged).toContainEqual(
        expect.objectContaining({ message: 'order fulfilled', orderId: 'o-1' }),
      );
      // The failure on the last receive is flagged for the PoisonMessages metric filter.
      expect(logged).toContainEqual(
        expect.objectContaining({ messageId: 'm-1', poison: true, receiveCount: 5 }),
      );
    },
  }),

  's3-pipeline/ThumbnailFunction': async () => {
    const sharp = (await import('sharp')).default;
    const photo = await sharp({
      create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 80, b: 40 } },
    })
      .jpeg({ quality: 85 })
      .toBuffer();
    return {
      events: [
        s3Event([{ key: 'uploads/2026/my photo.jpg', size: photo.length }]),
        s3Event([{ key: 'thumbnails/2026/my photo.webp' }, { key: 'uploads/notes.txt' }]),
      ],
      env: { MAX_UPLOAD_BYTES: '20971520' },
      mocks: {
        '@aws-sdk/client-s3': {
          GetObjectCommand: { Body: { $stream: b64(photo) }, ContentType: 'image/jpeg' },
          PutObjectCommand: { ETag: '"0a1b2c"' },
        },
      },
      check: (inv) => {
        answered(inv);
        expect(inv.results[0]!.value).toEqual({
          thumbnails: ['thumbnails/2026/my photo.webp'],
          skipped: [],
        });
        expect(inv.results[1]!.value).toEqual({
          thumbnails: [],
          skipped: [
            { key: 'thumbnails/2026/my photo.webp', reason: 'own-output' },
            { key: 'uploads/notes.txt', reason: 'not-an-image' },
          ],
        });
        // Nothing downloaded for the skipped records: one read, one write in all.
        expect(inv.calls.map((c) => c.command)).toEqual(['GetObjectCommand', 'PutObjectCommand']);
        expect(inv.calls[0]!.input).toEqual({
          Bucket: 'course-uploads',
          Key: 'uploads/2026/my photo.jpg',
        });
        const put = inv.calls[1]!.input as Record<string, unknown>;
        expect(put).toMatchObject({
          Bucket: 'course-uploads',
          Key: 'thumbnails/2026/my photo.webp',
          ContentType: 'image/webp',
        });
        const webp = unb64(put.Body);
        expect(webp.subarray(0, 4).toString('latin1')).toBe('RIFF');
        expect(webp.subarray(8, 12).toString('latin1')).toBe('WEBP');
        expect(jsonLogs(inv)).toContainEqual(
          expect.objectContaining({ message: 'thumbnail written', width: 200, height: 150 }),
        );
      },
    };
  },

  'eventbridge/OrderEventsFunction': () => ({
    events: [
      eventBridgeEvent('OrderPlaced', {
        orderId: 'ord-1',
        customerId: 'c-1',
        totalCents: 4999,
        currency: 'EUR',
        items: [{ sku: 'BOOK-1', quantity: 1 }],
      }),
      eventBridgeEvent('OrderCancelled', { orderId: 'ord-1', reason: 'changed my mind' }),
      eventBridgeEvent('OrderPlaced', { orderId: 'ord-2', currency: 'euro' }),
      eventBridgeEvent('OrderShipped', { orderId: 'ord-1' }),
    ],
    check: (inv) => {
      expect(inv.results[0]).toEqual({
        ok: true,
        value: { status: 'processed', detailType: 'OrderPlaced' },
      });
      expect(inv.results[1]).toEqual({
        ok: true,
        value: { status: 'processed', detailType: 'OrderCancelled' },
      });
      // An invalid detail fails the invocation: Lambda retries, then the on-failure destination.
      expect(inv.results[2]).toMatchObject({ ok: false, error: { name: 'InvalidEventError' } });
      expect(inv.results[3]).toEqual({
        ok: true,
        value: { status: 'ignored', detailType: 'OrderShipped' },
      });
    },
  }),

  // Step Functions invokes the tasks directly; the state machine matches the error names,
  // which must survive minification.
  'step-functions/ValidateOrderFunction': () => ({
    events: [sfnOrder, { orderId: '' }],
    check: (inv) => {
      expect(inv.results[0]).toEqual({ ok: true, value: sfnOrder });
      expect(inv.results[1]).toMatchObject({ ok: false, error: { name: 'ValidationError' } });
    },
  }),

  // The payment provider is a local HTTP server: approved, declined (402), unavailable (503).
  'step-functions/ChargePaymentFunction': () => ({
    events: [
      sfnOrder,
      { ...sfnOrder, orderId: 'ord-2' },
      { ...sfnOrder, orderId: 'ord-3' },
      { ...sfnOrder, amountCents: -1 },
    ],
    env: { PAYMENT_API_URL: '$HTTP_URL/v1/' },
    http: [
      { status: 201, body: { id: 'ch_123' } },
      { status: 402, body: 'insufficient funds' },
      { status: 503, body: 'maintenance' },
    ],
    check: (inv) => {
      expect(inv.results[0]).toEqual({ ok: true, value: { ...sfnOrder, chargeId: 'ch_123' } });
      expect(inv.results[1]).toMatchObject({ ok: false, error: { name: 'CardDeclinedError' } });
      expect(inv.results[2]).toMatchObject({ ok: false, error: { name: 'PaymentError' } });
      expect(inv.results[3]).toMatchObject({ ok: false, error: { name: 'ValidationError' } });
      const charges = inv.calls.filter((c) => c.client === 'http');
      expect(charges.map((c) => c.command)).toEqual([
        'POST /v1/charges',
        'POST /v1/charges',
        'POST /v1/charges',
      ]);
      expect(charges[0]!.input).toMatchObject({
        headers: { 'idempotency-key': 'ord-1', 'content-type': 'application/json' },
        body: { amount: 4999, currency: 'EUR', source: 'tok_visa' },
      });
    },
  }),

  'step-functions/ConfirmOrderFunction': () => ({
    events: [{ ...sfnOrder, chargeId: 'ch_1' }, sfnOrder],
    check: (inv) => {
      expect(inv.results[0]).toEqual({
        ok: true,
        value: {
          orderId: 'ord-1',
          chargeId: 'ch_1',
          amountCents: 4999,
          currency: 'EUR',
          status: 'CONFIRMED',
        },
      });
      expect(inv.results[1]).toMatchObject({ ok: false, error: { name: 'ValidationError' } });
    },
  }),

  // No database listens on port 1: a request that needs one fails at once (connection
  // refused), never hangs; requests that need none are answered.
  'database-connections/ItemsFunction': () => ({
    events: [
      { action: 'health' },
      { action: 'add' },
      { action: 'add', name: 'pen' },
      { action: 'drop' },
    ],
    env: { APP_VERSION: '1.0.0', DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db' },
    check: (inv) => {
      expect(inv.results[0]).toEqual({ ok: true, value: { status: 'ok', version: '1.0.0' } });
      expect(inv.results[1]).toEqual({
        ok: true,
        value: { error: 'name must be a string of 1 to 200 characters' },
      });
      expect(inv.results[2]!.ok).toBe(false);
      expect(inv.results[2]!.error?.message).toMatch(/ECONNREFUSED/);
      expect(inv.results[3]).toMatchObject({ ok: true, value: { error: /Unknown action/ } });
    },
  }),

  // The store against stubbed DynamoDB: a first request claims and completes; a duplicate is
  // replayed; a reused key with another payload is refused; a key still in progress is 409.
  'idempotency/PaymentsFunction': () => {
    const hash = paymentHash(payment);
    const stored = {
      statusCode: 201,
      body: JSON.stringify({ paymentId: 'pay_1', ...payment, chargedAt: '2026-11-26T09:00:00Z' }),
    };
    const conflict = (status: string, extra: Record<string, unknown> = {}) => ({
      $error: {
        name: 'ConditionalCheckFailedException',
        from: '@aws-sdk/client-dynamodb',
        message: 'The conditional request failed',
        Item: {
          pk: { S: 'k-1' },
          status: { S: status },
          payloadHash: { S: hash },
          expiresAt: { N: '1795000000' },
          ...extra,
        },
      },
    });
    return {
      events: [
        paymentEvent('k-1', payment),
        paymentEvent('k-1', payment),
        paymentEvent('k-1', { ...payment, amount: 9999 }),
        paymentEvent('k-2', payment),
        paymentEvent(undefined, payment),
      ],
      env: { IDEMPOTENCY_TABLE: 'payments-idempotency' },
      mocks: {
        '@aws-sdk/lib-dynamodb': {
          PutCommand: [
            {},
            conflict('COMPLETED', {
              response: {
                M: { statusCode: { N: '201' }, body: { S: stored.body } },
              },
            }),
            conflict('COMPLETED'),
            conflict('IN_PROGRESS', { inProgressUntilMs: { N: String(Date.now() + 60_000) } }),
          ],
          UpdateCommand: {},
        },
      },
      check: (inv) => {
        answered(inv);
        expect(reply(inv, 0).statusCode).toBe(201);
        expect(body(inv, 0)).toMatchObject({ orderId: 'o-1', amount: 1250, currency: 'EUR' });
        expect(reply(inv, 1)).toMatchObject({
          statusCode: 201,
          headers: { 'idempotent-replayed': 'true' },
          body: stored.body,
        });
        expect(reply(inv, 2).statusCode).toBe(422);
        expect(reply(inv, 3).statusCode).toBe(409);
        expect(body(inv, 4).error).toBe('IdempotencyKeyMissing');
        const puts = callsTo(inv, 'PutCommand');
        expect(puts).toHaveLength(4);
        expect(puts[0]).toMatchObject({
          TableName: 'payments-idempotency',
          Item: { pk: 'k-1', status: 'IN_PROGRESS', payloadHash: hash },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        });
        expect(puts[0]!.ConditionExpression).toMatch(/attribute_not_exists\(pk\)/);
        // Only the first request completed a claim: one charge.
        const updates = callsTo(inv, 'UpdateCommand');
        expect(updates).toHaveLength(1);
        expect(updates[0]).toMatchObject({
          Key: { pk: 'k-1' },
          ExpressionAttributeValues: { ':completed': 'COMPLETED' },
        });
      },
    };
  },

  // A dead-letter batch: one message stored, one failed store (reported, not acknowledged),
  // one alert for what was stored.
  'resilience/DlqConsumerFunction': () => ({
    events: [
      sqsEvent(
        [
          {
            messageId: 'd-1',
            body: { orderId: 'o-1' },
            receiveCount: 5,
            messageAttributes: { origin: 'checkout' },
          },
          { messageId: 'd-2', body: 'corrupt', receiveCount: 5 },
        ],
        { queueName: 'work-dlq' },
      ),
    ],
    env: {
      DLQ_TABLE_NAME: 'dead-letters',
      ALERT_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:dead-letter-alerts',
    },
    mocks: {
      '@aws-sdk/client-dynamodb': {
        PutItemCommand: [
          {},
          {
            $error: {
              name: 'ProvisionedThroughputExceededException',
              from: '@aws-sdk/client-dynamodb',
              message: 'Rate of requests exceeds the allowed throughput.',
            },
          },
        ],
      },
      '@aws-sdk/client-sns': { PublishCommand: { MessageId: 'sns-1' } },
    },
    check: (inv) => {
      answered(inv);
      expect(inv.results[0]!.value).toEqual({ batchItemFailures: [{ itemIdentifier: 'd-2' }] });
      const puts = callsTo(inv, 'PutItemCommand');
      expect(puts).toHaveLength(2);
      expect(puts[0]).toMatchObject({
        TableName: 'dead-letters',
        Item: {
          messageId: { S: 'd-1' },
          body: { S: '{"orderId":"o-1"}' },
          receiveCount: { N: '5' },
          messageAttributes: { M: { origin: { S: 'checkout' } } },
        },
      });
      const alerts = callsTo(inv, 'PublishCommand');
      expect(alerts).toHaveLength(1);
      expect(alerts[0]!.TopicArn).toBe('arn:aws:sns:eu-west-1:123456789012:dead-letter-alerts');
      expect(JSON.parse(alerts[0]!.Message).messageIds).toEqual(['d-1']);
    },
  }),

  // Structured logs with the caller's correlation id and one EMF document per invocation.
  'observability/OrdersFunction': () => ({
    events: [
      apiGatewayV2Event({
        method: 'POST',
        path: '/orders',
        route: '/orders',
        headers: { 'x-correlation-id': 'corr-42' },
        body: { customerId: 'c-1', items: [{ sku: 'BOOK-1', quantity: 2, unitPriceCents: 1250 }] },
      }),
      apiGatewayV2Event({ method: 'POST', path: '/orders', route: '/orders', body: 'not json' }),
    ],
    env: {
      POWERTOOLS_SERVICE_NAME: 'orders-api',
      POWERTOOLS_METRICS_NAMESPACE: 'CourseShop',
      LOG_LEVEL: 'INFO',
      LOG_DEBUG_SAMPLE_RATE: '0',
    },
    check: (inv) => {
      answered(inv);
      expect(reply(inv, 0)).toMatchObject({
        statusCode: 201,
        headers: { 'x-correlation-id': 'corr-42' },
      });
      expect(body(inv, 0)).toMatchObject({ totalCents: 2500 });
      expect(reply(inv, 1).statusCode).toBe(400);
      const logged = jsonLogs(inv);
      expect(logged).toContainEqual(
        expect.objectContaining({ message: 'order placed', correlation_id: 'corr-42' }),
      );
      const emf = logged.filter((l) => l._aws?.CloudWatchMetrics);
      expect(emf).toHaveLength(2); // one document per invocation
      expect(emf[0]!._aws.CloudWatchMetrics[0].Namespace).toBe('CourseShop');
      expect(emf[0]).toMatchObject({ ColdStart: 1, OrdersPlaced: 1, service: 'orders-api' });
      expect(emf[1]).toMatchObject({ OrdersRejected: 1 });
      expect(emf[1]!.ColdStart).toBeUndefined();
    },
  }),

  // A small report inline; one over Lambda's 6 MB response limit through S3 and a presigned URL.
  'limits/ReportFunction': () => ({
    events: [
      apiGatewayV2Event({ method: 'GET', path: '/report', query: { rows: '10' } }),
      apiGatewayV2Event({ method: 'GET', path: '/report', query: { rows: '70000' } }),
    ],
    env: { RESPONSES_BUCKET: 'course-responses' },
    mocks: { '@aws-sdk/client-s3': { PutObjectCommand: { ETag: '"abc"' } } },
    check: (inv) => {
      answered(inv);
      expect(body(inv, 0).rows).toHaveLength(10);
      const large = body(inv, 1);
      expect(large.url).toMatch(
        /^https:\/\/course-responses\.s3\.eu-west-1\.amazonaws\.com\/responses\/bundle-proof-1\.json\?.*X-Amz-Signature=/,
      );
      expect(large).toMatchObject({ expiresInSeconds: 900 });
      expect(large.sizeBytes).toBeGreaterThan(6 * 1024 * 1024);
      const puts = callsTo(inv, 'PutObjectCommand');
      expect(puts).toHaveLength(1);
      expect(puts[0]).toMatchObject({
        Bucket: 'course-responses',
        Key: 'responses/bundle-proof-1.json',
        ContentType: 'application/json',
      });
      // The stored text is the report itself (sizeBytes counts UTF-8 bytes, length characters).
      expect(puts[0]!.Body.$text.head).toMatch(/^\{"title":"Report with 70000 rows"/);
      expect(puts[0]!.Body.$text.length).toBeGreaterThan(6 * 1024 * 1024);
    },
  }),

  // With about two seconds of work before the 10 s safety margin, a long job hands the rest of
  // itself to its queue; a short one finishes; a malformed message is reported.
  'limits/ChunkedJobFunction': () => ({
    events: [
      sqsEvent([{ messageId: 'j-short', body: { jobId: 'short', offset: 0, hop: 0, total: 3 } }]),
      sqsEvent([
        { messageId: 'j-long', body: { jobId: 'long', offset: 0, hop: 0, total: 100_000 } },
      ]),
      sqsEvent([{ messageId: 'j-bad', body: 'not a job' }]),
    ],
    env: { JOB_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs' },
    timeoutMs: 12_000,
    mocks: { '@aws-sdk/client-sqs': { SendMessageCommand: { MessageId: 'next-1' } } },
    check: (inv) => {
      answered(inv);
      expect(inv.results.map((r) => r.value)).toEqual([
        { batchItemFailures: [] },
        { batchItemFailures: [] },
        { batchItemFailures: [{ itemIdentifier: 'j-bad' }] },
      ]);
      const sends = callsTo(inv, 'SendMessageCommand');
      expect(sends).toHaveLength(1);
      expect(sends[0]!.QueueUrl).toBe('https://sqs.eu-west-1.amazonaws.com/123456789012/jobs');
      const next = JSON.parse(sends[0]!.MessageBody);
      expect(next).toMatchObject({ jobId: 'long', hop: 1, total: 100_000 });
      expect(next.offset).toBeGreaterThan(0);
      expect(next.offset).toBeLessThan(100_000);
    },
  }),
};

/** The case for a built function: its own, else the default for its first event kind. */
export function caseFor(key: string, kind: string): CaseFactory | undefined {
  return CASES[key] ?? BY_KIND[kind];
}
