/**
 * Properties of the lab-16 reference: the environment size is the JSON of the map and its
 * per-variable shares add up to it; a chunked job processes every item exactly once, in order,
 * never starting one inside the safety margin, whatever the item durations; small payloads are
 * returned inline and the report handler never throws on malformed events.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, type SendMessageCommandInput, SQSClient } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createJobHandler } from '../../../solutions/lab-16-limits/src/chunked-job.ts';
import { environmentSize } from '../../../solutions/lab-16-limits/src/env-size.ts';
import {
  MAX_INLINE_RESPONSE_BYTES,
  handler as reportHandler,
  respondWithJson,
} from '../../../solutions/lab-16-limits/src/response-guard.ts';
import {
  apiGatewayV2Event,
  captureLogs,
  lambdaContext,
  mockClient,
  sqsEvent,
} from '../../testkit/index.ts';

describe('lab-16 reference: environment size', () => {
  it('counts the JSON of the whole map, and the shares add up to it', () => {
    const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/);
    fc.assert(
      fc.property(fc.dictionary(name, fc.string({ maxLength: 300 })), (vars) => {
        const size = environmentSize(vars);
        const json = Buffer.byteLength(JSON.stringify(vars), 'utf8');
        expect(size.bytes).toBe(json);
        expect(size.fits).toBe(json <= 4096);
        const shares = size.largest.reduce((sum, v) => sum + v.bytes, 0);
        // {"A":"1","B":"2"}: braces + each "NAME":"value", share − the last comma
        expect(Object.keys(vars).length === 0 ? 2 : shares + 1).toBe(json);
        for (let i = 1; i < size.largest.length; i++)
          expect(size.largest[i - 1]!.bytes).toBeGreaterThanOrEqual(size.largest[i]!.bytes);
      }),
      { numRuns: 300 },
    );
  });
});

describe('lab-16 reference: chunked job', () => {
  const sqsMock = mockClient(SQSClient);
  let logs: ReturnType<typeof captureLogs>;
  beforeAll(() => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 26), toFake: ['Date'] });
    logs = captureLogs();
  });
  afterAll(() => {
    logs.restore();
    vi.useRealTimers();
    sqsMock.restore();
  });

  it('processes every item exactly once, in order, never inside the margin', async () => {
    const MARGIN = 1500;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 1200 }), { maxLength: 120 }),
        fc.integer({ min: 0, max: 5 }),
        async (durations, startOffset) => {
          sqsMock.reset();
          const offset = Math.min(startOffset, durations.length);
          const items = durations.map((_, i) => ({ id: `i-${i}` }));
          const processed: number[] = [];
          let context = lambdaContext({ timeoutMs: 5000 });
          const sent: SendMessageCommandInput[] = [];
          sqsMock.on(SendMessageCommand).callsFake((input: SendMessageCommandInput) => {
            expect(context.getRemainingTimeInMillis()).toBeGreaterThan(100);
            vi.setSystemTime(Date.now() + 100);
            sent.push(input);
            return {};
          });
          const handler = createJobHandler({
            sqs: new SQSClient({ region: 'eu-west-1' }),
            queueUrl: 'https://sqs.example/jobs',
            safetyMarginMs: MARGIN,
            loadItems: async () => items,
            processItem: async (_item, index) => {
              expect(context.getRemainingTimeInMillis()).toBeGreaterThanOrEqual(MARGIN);
              vi.setSystemTime(Date.now() + durations[index]!);
              processed.push(index);
            },
          });
          let message: unknown = { jobId: 'j', offset, hop: 0 };
          for (let hop = 0; hop < 200; hop++) {
            const before = sent.length;
            context = lambdaContext({ timeoutMs: 5000 });
            const result = await handler(sqsEvent([{ body: message as object }]), context);
            expect(result.batchItemFailures).toEqual([]);
            if (sent.length === before) break;
            message = JSON.parse(String(sent[sent.length - 1]!.MessageBody));
          }
          expect(processed).toEqual(items.map((_, i) => i).slice(offset));
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('lab-16 reference: response guard', () => {
  const s3Mock = mockClient(S3Client);
  afterAll(() => s3Mock.restore());

  it('returns small payloads inline, unchanged and under the budget', async () => {
    s3Mock.reset();
    const s3 = new S3Client({ region: 'eu-west-1' });
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (payload) => {
        const result = await respondWithJson(payload, { s3, bucket: 'b', key: 'k' });
        expect(JSON.parse(result.body)).toEqual(JSON.parse(JSON.stringify(payload)));
        expect(Buffer.byteLength(JSON.stringify(result))).toBeLessThanOrEqual(
          MAX_INLINE_RESPONSE_BYTES,
        );
      }),
      { numRuns: 200 },
    );
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('answers every request, malformed ones included, without throwing', async () => {
    s3Mock.reset();
    s3Mock.on(PutObjectCommand).resolves({});
    const rows = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.integer({ min: -10, max: 500 }).map(String),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          rows.map((r) =>
            apiGatewayV2Event({ method: 'GET', path: '/report', query: { rows: r } }),
          ),
          fc.anything(),
        ),
        async (event) => {
          const result = await reportHandler(event as never, lambdaContext());
          expect(result.statusCode).toBe(200);
        },
      ),
      { numRuns: 150 },
    );
  });
});
