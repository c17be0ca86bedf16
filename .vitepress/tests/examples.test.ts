/**
 * The code the module pages show (docs/modules/<module>/examples/*.ts) does what the pages
 * say it does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type {
  APIGatewayProxyEventV2,
  Context,
  S3EventRecord,
  SQSEvent,
  SQSRecord,
} from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  handler,
  leakyHandler,
} from '../../docs/modules/01-core-concepts/examples/execution-context.ts';
import {
  onObjectCreated,
  onTableChange,
  work,
} from '../../docs/modules/02-providers-and-platforms/examples/lambda-handlers.ts';
import { decide, GET } from '../../docs/modules/02-providers-and-platforms/examples/vercel.ts';
import worker, {
  Counter,
  type DurableObjectState,
  type Env,
} from '../../docs/modules/02-providers-and-platforms/examples/worker.ts';
import { logInvocation } from '../../docs/modules/03-cold-starts/examples/cold-start-log.ts';
import {
  handler as lazyHandler,
  loaders,
  resetForTests,
} from '../../docs/modules/03-cold-starts/examples/lazy-loading.ts';
import {
  chargePaymentTask,
  PaymentDeclined,
  PaymentProviderUnavailable,
} from '../../docs/modules/04-event-sources/examples/order-tasks.ts';
import { publishAll } from '../../docs/modules/04-event-sources/examples/publish-events.ts';
import {
  objectKey,
  shouldProcess,
} from '../../docs/modules/04-event-sources/examples/s3-objects.ts';
import { processBatch } from '../../docs/modules/04-event-sources/examples/sqs-batch.ts';
import { ROOT } from './site.ts';

const context = (id: string) =>
  ({ awsRequestId: id, getRemainingTimeInMillis: () => 1000 }) as unknown as Context;
const httpEvent = (rawPath: string, name?: string) =>
  ({
    rawPath,
    queryStringParameters: name ? { name } : undefined,
  }) as unknown as APIGatewayProxyEventV2;
const body = (result: unknown) => JSON.parse((result as { body: string }).body);

afterEach(() => vi.restoreAllMocks());

describe('module 1: the execution context', () => {
  it('keeps module-scope state across invocations of one environment', async () => {
    const first = body(await handler(httpEvent('/', 'Ada'), context('a')));
    const second = body(await handler(httpEvent('/', 'Grace'), context('b')));
    expect(second.servedByThisEnvironment).toBe(first.servedByThisEnvironment + 1);
    expect(second.message).toBe('Hello, Grace!');
    expect(second.requestId).toBe('b');
  });

  it('leaks the previous caller into the next request in the leaky version', async () => {
    await leakyHandler(httpEvent('/', 'Ada'));
    expect(body(await leakyHandler(httpEvent('/', 'Grace'))).welcomeBack).toBe('Ada');
  });
});

describe('module 2: handlers per event source', () => {
  it('decodes S3 keys before using them', async () => {
    const indexImage = vi.spyOn(work, 'indexImage').mockResolvedValue();
    await onObjectCreated({
      Records: [
        { s3: { bucket: { name: 'photos' }, object: { key: 'My+Photo%C3%A9.jpg', size: 3 } } },
      ],
    } as never);
    expect(indexImage).toHaveBeenCalledWith('photos', 'My Photoé.jpg', 3);
  });

  it('unmarshalls DynamoDB stream images, and indexes deletions as undefined', async () => {
    const reindex = vi.spyOn(work, 'reindex').mockResolvedValue();
    await onTableChange({
      Records: [
        {
          dynamodb: {
            Keys: { id: { S: 'o1' } },
            NewImage: { id: { S: 'o1' }, total: { N: '42' } },
          },
        },
        { dynamodb: { Keys: { id: { S: 'o2' } } } },
      ],
    } as never);
    expect(reindex).toHaveBeenNthCalledWith(1, 'o1', { id: 'o1', total: 42 });
    expect(reindex).toHaveBeenNthCalledWith(2, 'o2', undefined);
  });

  it('serves a Worker from KV and a Durable Object', async () => {
    const stored = new Map<string, unknown>();
    const state: DurableObjectState = {
      storage: {
        get: async <T>(key: string) => stored.get(key) as T | undefined,
        put: async <T>(key: string, value: T) => void stored.set(key, value),
      },
    };
    const counter = new Counter(state);
    const env: Env = {
      PROFILES: {
        get: async (key) => (key === 'profile:ada' ? { name: 'Ada' } : null),
        put: async () => {},
      },
      COUNTERS: { idFromName: (name) => name, get: () => ({ fetch: (r) => counter.fetch(r) }) },
    };
    expect(await (await worker.fetch(new Request('https://x/profiles/ada'), env)).json()).toEqual({
      name: 'Ada',
    });
    expect((await worker.fetch(new Request('https://x/profiles/bob'), env)).status).toBe(404);
    await worker.fetch(new Request('https://x/counters/votes', { method: 'POST' }), env);
    const res = await worker.fetch(
      new Request('https://x/counters/votes', { method: 'POST' }),
      env,
    );
    expect(await res.json()).toEqual({ value: 2 });
  });

  it('answers a Vercel Function and decides the middleware route', async () => {
    expect(await GET(new Request('https://x/api/greeting?name=Ada')).json()).toEqual({
      message: 'Hello, Ada!',
    });
    expect(decide(new Request('https://x/dashboard/settings'))).toEqual({
      action: 'redirect',
      location: 'https://x/login?next=%2Fdashboard%2Fsettings',
    });
    expect(
      decide(new Request('https://x/dashboard', { headers: { cookie: 'session=abc' } })),
    ).toEqual({ action: 'continue' });
    expect(
      decide(new Request('https://x/shop', { headers: { 'x-vercel-ip-country': 'DE' } })),
    ).toEqual({
      action: 'rewrite',
      pathname: '/de/shop',
    });
  });
});

describe('module 3: cold starts', () => {
  it('logs coldStart true once per environment, then false', () => {
    const lines: string[] = [];
    logInvocation(context('a'), (l) => lines.push(l));
    logInvocation(context('b'), (l) => lines.push(l));
    expect(lines.map((l) => JSON.parse(l).coldStart)).toEqual([true, false]);
    expect(JSON.parse(lines[0]!).initMs).toBeTypeOf('number');
  });

  it('loads the PDF library only for the PDF route, once', async () => {
    resetForTests();
    const load = vi.spyOn(loaders, 'pdf');
    await lazyHandler(httpEvent('/'));
    expect(load).not.toHaveBeenCalled();
    const pdf = await lazyHandler(httpEvent('/invoice.pdf'));
    await lazyHandler(httpEvent('/invoice.pdf'));
    expect(load).toHaveBeenCalledTimes(1);
    expect(pdf).toMatchObject({ statusCode: 200, isBase64Encoded: true });
  });

  it('tries again after a failed load instead of caching the failure', async () => {
    resetForTests();
    vi.spyOn(loaders, 'pdf').mockRejectedValueOnce(new Error('boom'));
    await expect(lazyHandler(httpEvent('/invoice.pdf'))).rejects.toThrow('boom');
    await expect(lazyHandler(httpEvent('/invoice.pdf'))).resolves.toMatchObject({
      statusCode: 200,
    });
  });
});

describe('module 4: event sources', () => {
  const record = (id: string, body: string) => ({ messageId: id, body }) as SQSRecord;

  it('reports only the failed messages of an SQS batch', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const event = {
      Records: [
        record('m1', '{"ok":true}'),
        record('m2', 'not json'),
        record('m3', '{"ok":false}'),
      ],
    } as SQSEvent;
    const result = await processBatch(event, async (body) => {
      if (!(body as { ok: boolean }).ok) throw new Error('rejected');
    });
    expect(result).toEqual({
      batchItemFailures: [{ itemIdentifier: 'm2' }, { itemIdentifier: 'm3' }],
    });
  });

  it('returns an empty failure list when every message succeeds', async () => {
    const result = await processBatch(
      { Records: [record('m1', '{}')] } as SQSEvent,
      async () => {},
    );
    expect(result).toEqual({ batchItemFailures: [] });
  });

  it('decodes S3 keys and skips its own output', () => {
    expect(objectKey({ s3: { object: { key: 'uploads/My+Photo.jpg' } } } as S3EventRecord)).toBe(
      'uploads/My Photo.jpg',
    );
    expect(shouldProcess('uploads/a.JPG')).toBe(true);
    expect(shouldProcess('thumbnails/a.jpg')).toBe(false);
    expect(shouldProcess('uploads/notes.txt')).toBe(false);
  });

  it('publishes in chunks of 10 and retries only the rejected entries', async () => {
    const eventBridge = mockClient(EventBridgeClient);
    const sizes: number[] = [];
    let call = 0;
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => {
      sizes.push(input.Entries.length);
      call += 1;
      // The first call rejects its second entry once.
      if (call === 1) {
        return {
          FailedEntryCount: 1,
          Entries: input.Entries.map((_, i) =>
            i === 1 ? { ErrorCode: 'ThrottlingException' } : { EventId: `e${i}` },
          ),
        };
      }
      return { FailedEntryCount: 0, Entries: input.Entries.map((_, i) => ({ EventId: `e${i}` })) };
    });
    const entries = Array.from({ length: 12 }, (_, i) => ({
      Source: 'shop.orders',
      DetailType: 'OrderPlaced',
      Detail: `{"n":${i}}`,
    }));
    const failed = await publishAll(new EventBridgeClient({ region: 'eu-west-1' }), entries, {
      sleep: async () => {},
    });
    expect(failed).toEqual([]);
    expect(sizes).toEqual([10, 1, 2]);
    eventBridge.restore();
  });

  it('gives up after the last attempt and returns what still failed', async () => {
    const eventBridge = mockClient(EventBridgeClient);
    eventBridge
      .on(PutEventsCommand)
      .resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] });
    const entry = { Source: 's', DetailType: 'd', Detail: '{}' };
    const failed = await publishAll(new EventBridgeClient({ region: 'eu-west-1' }), [entry], {
      attempts: 2,
      sleep: async () => {},
    });
    expect(failed).toEqual([entry]);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(2);
    eventBridge.restore();
  });

  it('throws named errors the state machine can match', async () => {
    const input = { orderId: 'o1', amountCents: 500, cardToken: 't' };
    const declined = chargePaymentTask({
      charge: async () => ({ status: 'declined', reason: 'insufficient funds' }),
    });
    await expect(declined(input)).rejects.toMatchObject({ name: 'PaymentDeclined' });
    await expect(declined(input)).rejects.toBeInstanceOf(PaymentDeclined);
    const down = chargePaymentTask({ charge: async () => ({ status: 'unavailable' }) });
    await expect(down(input)).rejects.toBeInstanceOf(PaymentProviderUnavailable);
    const ok = chargePaymentTask({
      charge: async ({ idempotencyKey }) => ({
        status: 'approved',
        chargeId: `c-${idempotencyKey}`,
      }),
    });
    await expect(ok(input)).resolves.toMatchObject({ chargeId: 'c-o1' });
  });

  it('has a workflow whose transitions all lead to states that exist, and retries the transient error', () => {
    const file = path.join(ROOT, 'docs/modules/04-event-sources/examples/order-workflow.asl.json');
    const asl = JSON.parse(readFileSync(file, 'utf8')) as {
      StartAt: string;
      States: Record<
        string,
        { Next?: string; Catch?: { Next: string }[]; Retry?: { ErrorEquals: string[] }[] }
      >;
    };
    const names = new Set(Object.keys(asl.States));
    expect(names.has(asl.StartAt)).toBe(true);
    for (const state of Object.values(asl.States)) {
      for (const next of [state.Next, ...(state.Catch ?? []).map((c) => c.Next)].filter(Boolean))
        expect(names).toContain(next);
    }
    const retried = asl.States.ChargePayment!.Retry!.flatMap((r) => r.ErrorEquals);
    expect(retried).toContain(new PaymentProviderUnavailable().name);
    expect(retried).not.toContain(new PaymentDeclined().name);
  });
});
