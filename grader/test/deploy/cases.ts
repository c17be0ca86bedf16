/**
 * What each built function is invoked with to prove its bundle: realistic events of its kind
 * (built by the testkit, shaped like AWS's own samples), the canned AWS responses it needs, and
 * what the answers must look like. A function with no case of its own gets the default for its
 * kind.
 */
import { expect } from 'vitest';
import {
  apiGatewayV1Event,
  apiGatewayV2Event,
  dynamoDbStreamEvent,
  eventBridgeEvent,
  s3Event,
  scheduledEvent,
  snsEvent,
  sqsEvent,
} from '../../testkit/index.ts';

export interface Invocation {
  results: { ok: boolean; value?: unknown; error?: { name?: string; message?: string } }[];
  calls: { client: string; command: string; input: unknown }[];
}

export interface BundleCase {
  events: unknown[];
  mocks?: Record<string, Record<string, unknown>>;
  env?: Record<string, string>;
  check: (invocation: Invocation) => void;
}

const answered = (inv: Invocation) => {
  for (const r of inv.results)
    expect(r.ok, `the handler threw ${r.error?.name}: ${r.error?.message}`).toBe(true);
};

/** The default case for each event-source kind. */
export const BY_KIND: Record<string, () => BundleCase> = {
  'api-v1': () => ({
    events: [apiGatewayV1Event({ method: 'GET', path: '/' })],
    check: (inv) => {
      answered(inv);
      expect(typeof (inv.results[0]!.value as { statusCode?: unknown }).statusCode).toBe('number');
    },
  }),
  'api-v2': () => ({
    events: [apiGatewayV2Event({ method: 'GET', path: '/' })],
    check: (inv) => {
      answered(inv);
      expect(typeof (inv.results[0]!.value as { statusCode?: unknown }).statusCode).toBe('number');
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

/** Cases for specific functions, by `<lab slug>/<function logical id>`. */
export const CASES: Record<string, () => BundleCase> = {
  'hello-lambda/HelloFunction': () => ({
    events: [
      apiGatewayV1Event({ method: 'GET', path: '/hello', query: { name: 'Ada' } }),
      apiGatewayV2Event({ method: 'POST', path: '/hello', body: { name: 'Grace' }, base64: true }),
      apiGatewayV1Event({ method: 'POST', path: '/hello', body: 'not json' }),
    ],
    check: (inv) => {
      answered(inv);
      const [get, post, bad] = inv.results.map(
        (r) => r.value as { statusCode: number; body: string },
      );
      expect(JSON.parse(get!.body).message).toBe('Hello, Ada!');
      expect(JSON.parse(post!.body).message).toBe('Hello, Grace!');
      expect(bad!.statusCode).toBe(400);
    },
  }),
  'execution-context/ContextFunction': () => ({
    events: [{ action: 'status' }, { action: 'read', key: 'menu.json' }],
    env: { BUCKET_NAME: 'catalogue', APP_CONFIG: '{"greeting":"Hi"}' },
    mocks: {
      '@aws-sdk/client-s3': {
        GetObjectCommand: { Body: { $stream: Buffer.from('{"menu":[]}').toString('base64') } },
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
};
