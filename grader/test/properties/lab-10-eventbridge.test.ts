/**
 * Properties of the lab-10 reference solution:
 * - publishEvents accounts for every entry exactly once (published or reported failed), never
 *   resends an accepted entry and never sends more than 10 entries in a call;
 * - the consumer never throws anything but its own InvalidEventError, whatever arrives, and
 *   never hands a handler a detail that breaks its schema;
 * - matches never throws, and a pattern made of an event's own values matches that event.
 */
import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandInput,
} from '@aws-sdk/client-eventbridge';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  createHandler,
  InvalidEventError,
  OrderCancelledDetail,
  OrderPlacedDetail,
} from '../../../solutions/lab-10-eventbridge/src/consumer.ts';
import { type EventPattern, matches } from '../../../solutions/lab-10-eventbridge/src/pattern.ts';
import { publishEvents } from '../../../solutions/lab-10-eventbridge/src/publish.ts';
import { eventBridgeEvent, lambdaContext, mockClient } from '../../testkit/index.ts';

const eventBridge = mockClient(EventBridgeClient);
const client = new EventBridgeClient({});

describe('lab-10 publishEvents', () => {
  it('publishes or reports every entry, resends only rejected ones, ≤ 10 per call', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 35 }),
        fc.integer({ min: 1, max: 4 }),
        async (rejections, maxAttempts) => {
          // rejections[i]: how many times entry i is rejected before it is accepted
          eventBridge.reset();
          const seen = new Map<string, number>();
          let oversized = false;
          eventBridge.on(PutEventsCommand).callsFake((input: PutEventsCommandInput) => {
            const batch = input.Entries ?? [];
            if (batch.length === 0 || batch.length > 10) oversized = true;
            const Entries = batch.map((entry) => {
              const id = entry.Detail ?? '';
              const count = (seen.get(id) ?? 0) + 1;
              seen.set(id, count);
              return count <= (rejections[Number(JSON.parse(id).i)] ?? 0)
                ? { ErrorCode: 'InternalFailure' }
                : { EventId: `e-${id}-${count}` };
            });
            return {
              FailedEntryCount: Entries.filter((e) => 'ErrorCode' in e).length,
              Entries,
            };
          });
          const entries = rejections.map((_, i) => ({
            Source: 's',
            DetailType: 't',
            Detail: JSON.stringify({ i }),
          }));
          const result = await publishEvents(client, entries, {
            maxAttempts,
            sleep: async () => {},
          });
          expect(oversized).toBe(false);
          expect(result.publishedCount + result.failed.length).toBe(entries.length);
          rejections.forEach((times, i) => {
            const sends = seen.get(JSON.stringify({ i })) ?? 0;
            expect(sends).toBe(Math.min(times + 1, maxAttempts));
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('lab-10 consumer', () => {
  it('only ever throws InvalidEventError, and hands handlers valid details only', async () => {
    // The consumer logs every ignored event; keep the property's output readable.
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const handler = createHandler({
      orderPlaced: (detail) => {
        expect(OrderPlacedDetail.safeParse(detail).success).toBe(true);
      },
      orderCancelled: (detail) => {
        expect(OrderCancelledDetail.safeParse(detail).success).toBe(true);
      },
    });
    const detailType = fc.oneof(
      fc.constantFrom('OrderPlaced', 'OrderCancelled', 'toString', 'constructor', '__proto__'),
      fc.string(),
    );
    const detail = fc.oneof(
      fc.anything(),
      fc.record(
        {
          orderId: fc.oneof(fc.string(), fc.anything()),
          customerId: fc.string(),
          totalCents: fc.oneof(fc.integer(), fc.double(), fc.string()),
          currency: fc.constantFrom('EUR', 'usd', ''),
          items: fc.array(
            fc.record({ sku: fc.string(), quantity: fc.oneof(fc.integer(), fc.anything()) }),
          ),
          reason: fc.oneof(fc.string(), fc.anything()),
        },
        { requiredKeys: [] },
      ),
    );
    const event = fc.oneof(
      fc.tuple(detailType, detail).map(([type, d]) => eventBridgeEvent(type, d)),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(event, async (e) => {
        try {
          await handler(e as never, lambdaContext());
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidEventError);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('lab-10 matches', () => {
  const json = fc.jsonValue();

  it('never throws and always answers a boolean', () => {
    fc.assert(
      fc.property(json, json, (pattern, event) => {
        expect(typeof matches(pattern as EventPattern, event)).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  /** A pattern with one exact matcher for each leaf of `value` (objects recurse). */
  function selfPattern(value: Record<string, unknown>): EventPattern {
    const pattern: EventPattern = {};
    for (const [key, v] of Object.entries(value)) {
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const nested = selfPattern(v as Record<string, unknown>);
        if (Object.keys(nested).length > 0) pattern[key] = nested;
      } else if (Array.isArray(v)) {
        const leaf = v.find((x) => x === null || typeof x !== 'object');
        if (leaf !== undefined) pattern[key] = [leaf as string];
      } else {
        pattern[key] = [v as string];
      }
    }
    return pattern;
  }

  it("matches an event with a pattern made of the event's own values", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), json), (event) => {
        expect(matches(selfPattern(event), event)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("never matches anything-but of the field's own value", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.boolean()), (value) => {
        expect(
          matches({ detail: { x: [{ 'anything-but': value }] } }, { detail: { x: value } }),
        ).toBe(false);
      }),
    );
  });
});
