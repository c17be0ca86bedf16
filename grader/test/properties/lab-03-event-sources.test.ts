/**
 * Properties of the lab-03 reference dispatcher: whatever arrives, it either answers or throws
 * UnrecognisedEventError (never a TypeError); every well-formed event of a known source is
 * dispatched to that source; and S3 key decoding undoes S3's encoding for any key.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeS3Key, handler } from '../../../solutions/lab-03-event-sources/src/handler.ts';
import {
  apiGatewayV1Event,
  apiGatewayV2Event,
  dynamoDbStreamEvent,
  encodeS3Key,
  s3Event,
  scheduledEvent,
  snsEvent,
  sqsEvent,
} from '../../testkit/index.ts';

const plainValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.string(), fc.integer()), { maxKeys: 3 }),
);
const item = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), plainValue, { maxKeys: 5 });

/** A well-formed event of a known source, with the source it must be dispatched to. */
const knownEvent: fc.Arbitrary<[string, unknown]> = fc.oneof(
  fc
    .record({ method: fc.constantFrom('GET', 'POST', 'DELETE'), path: fc.constant('/orders') })
    .map((spec) => ['api-v1', apiGatewayV1Event(spec)] as [string, unknown]),
  fc
    .record({ method: fc.constantFrom('GET', 'PUT'), path: fc.constant('/orders/1') })
    .map((spec) => ['api-v2', apiGatewayV2Event(spec)] as [string, unknown]),
  fc
    .array(fc.oneof(fc.string(), fc.json()), { minLength: 1, maxLength: 5 })
    .map((bodies) => ['sqs', sqsEvent(bodies.map((body) => ({ body })))] as [string, unknown]),
  fc
    .array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 5 })
    .map((keys) => ['s3', s3Event(keys.map((key) => ({ key })))] as [string, unknown]),
  fc
    .array(fc.string(), { minLength: 1, maxLength: 3 })
    .map(
      (messages) =>
        ['sns', snsEvent(messages.map((message) => ({ message })))] as [string, unknown],
    ),
  fc.constant(['schedule', scheduledEvent()] as [string, unknown]),
  fc
    .array(
      fc.record({
        eventName: fc.constantFrom('INSERT' as const, 'MODIFY' as const, 'REMOVE' as const),
        image: item,
      }),
      { minLength: 1, maxLength: 4 },
    )
    .map(
      (records) =>
        [
          'dynamodb',
          dynamoDbStreamEvent(
            records.map(({ eventName, image }) => ({
              eventName,
              keys: { pk: 'k' },
              newImage: eventName === 'REMOVE' ? undefined : { ...image, pk: 'k' },
              oldImage: eventName === 'INSERT' ? undefined : { ...image, pk: 'k' },
            })),
          ),
        ] as [string, unknown],
    ),
);

function sourceOf(result: unknown): unknown {
  const r = result as { source?: unknown; body?: unknown };
  if (typeof r.body === 'string') return (JSON.parse(r.body) as { source?: unknown }).source;
  return r.source;
}

/** A known event with one field (top level, or of its first record) replaced by anything. */
const mangled = fc
  .tuple(knownEvent, fc.anything(), fc.nat(), fc.boolean())
  .map(([[, event], value, pick, inRecord]) => {
    const target = event as Record<string, unknown>;
    const records = target.Records as Record<string, unknown>[] | undefined;
    if (inRecord && records?.[0]) {
      const keys = Object.keys(records[0]);
      const key = keys[pick % keys.length]!;
      return { ...target, Records: [{ ...records[0], [key]: value }, ...records.slice(1)] };
    }
    const keys = Object.keys(target);
    return { ...target, [keys[pick % keys.length]!]: value };
  });

describe('lab-03 reference dispatcher', () => {
  it('dispatches every well-formed event to its source', async () => {
    await fc.assert(
      fc.asyncProperty(knownEvent, async ([source, event]) => {
        expect(sourceOf(await handler(event))).toBe(source);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but UnrecognisedEventError, whatever arrives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mangled, fc.anything()), async (event) => {
        try {
          const result = await handler(event);
          expect(typeof result).toBe('object');
        } catch (error) {
          expect((error as Error).name).toBe('UnrecognisedEventError');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('decodes any key S3 encodes back to the original key', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (key) => {
        expect(decodeS3Key(encodeS3Key(key))).toBe(key);
      }),
      { numRuns: 500 },
    );
  });
});
