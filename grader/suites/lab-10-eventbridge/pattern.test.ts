/**
 * Lab 10, task 3: EventBridge event-pattern matching. The expected answers follow the
 * EventBridge user guide ("Event patterns", "Content filtering in event patterns") and the
 * behaviour of AWS's open-source matcher, Event Ruler.
 */
import { matches } from '@lab/lab-10-eventbridge/src/pattern.ts';
import { describe, expect, it } from 'vitest';
import { eventBridgeEvent } from '../../testkit/index.ts';

const order = eventBridgeEvent(
  'OrderPlaced',
  {
    orderId: 'ord-1001',
    customer: { id: 'cus-42', tier: 'gold', country: 'DE' },
    totalCents: 4999,
    quantity: 5,
    paid: true,
    tags: ['gift', 'express'],
  },
  { source: 'com.example.orders', time: '2026-11-02T09:30:00Z' },
);

type Pattern = Parameters<typeof matches>[0];

/** Each case: a pattern, the expected answer, and why (shown when it is wrong). */
function check(cases: [unknown, boolean, string][], event: unknown = order) {
  for (const [pattern, expected, why] of cases) {
    let actual: unknown;
    try {
      actual = matches(pattern as Pattern, event);
    } catch (error) {
      actual = `a thrown ${(error as Error)?.name}: ${(error as Error)?.message}`;
    }
    expect(actual, `matches(${JSON.stringify(pattern)}, event): ${why}`).toBe(expected);
  }
}

/** The sample order with its detail changed. */
function withDetail(detail: Record<string, unknown>) {
  return { ...order, detail: { ...order.detail, ...detail } };
}

describe('3. Match event patterns like a rule', () => {
  it('matches exact values, where a list of values means OR', () => {
    check([
      [{ source: ['com.example.orders'] }, true, 'the source is exactly this value'],
      [
        { source: ['com.example.billing', 'com.example.orders'] },
        true,
        'the values of a list are alternatives (OR)',
      ],
      [{ source: ['com.example.billing'] }, false, 'the source is another value'],
      [{ 'detail-type': ['OrderPlaced', 'OrderCancelled'] }, true, 'detail-type is in the list'],
      [{ detail: { totalCents: [4999] } }, true, 'the number 4999 equals 4999'],
      [{ detail: { totalCents: ['4999'] } }, false, 'the string "4999" is not the number 4999'],
      [{ detail: { paid: [true] } }, true, 'the boolean true equals true'],
      [{ detail: { paid: ['true'] } }, false, 'the string "true" is not the boolean true'],
    ]);
  });

  it('matches nested fields and needs every pattern field to match (AND)', () => {
    check([
      [{ detail: { customer: { tier: ['gold'] } } }, true, 'detail.customer.tier is "gold"'],
      [
        {
          source: ['com.example.orders'],
          detail: { customer: { tier: ['gold'], country: ['DE'] } },
        },
        true,
        'all three fields match',
      ],
      [
        { source: ['com.example.orders'], detail: { customer: { tier: ['silver'] } } },
        false,
        'source matches but tier does not: every field must match (AND)',
      ],
      [
        { detail: { customer: { vip: ['yes'] } } },
        false,
        'detail.customer.vip is missing from the event',
      ],
      [
        { detail: { shipping: { country: ['DE'] } } },
        false,
        'detail.shipping is missing from the event',
      ],
    ]);
  });

  it('matches an array in the event when any of its elements matches', () => {
    check([
      [{ detail: { tags: ['express'] } }, true, 'detail.tags contains "express"'],
      [{ detail: { tags: ['fragile', 'gift'] } }, true, 'detail.tags contains "gift"'],
      [{ detail: { tags: ['fragile'] } }, false, 'no element of detail.tags is "fragile"'],
      [
        { detail: { tags: [{ prefix: 'exp' }] } },
        true,
        'an element of detail.tags starts with "exp"',
      ],
    ]);
    check(
      [
        [
          { resources: ['arn:aws:s3:::invoices'] },
          true,
          'resources is an array and one element is this ARN',
        ],
      ],
      { ...order, resources: ['arn:aws:s3:::orders', 'arn:aws:s3:::invoices'] },
    );
  });

  it('matches prefix only on strings', () => {
    check([
      [{ detail: { orderId: [{ prefix: 'ord-' }] } }, true, '"ord-1001" starts with "ord-"'],
      [
        { detail: { orderId: [{ prefix: 'inv-' }] } },
        false,
        '"ord-1001" does not start with "inv-"',
      ],
      [{ time: [{ prefix: '2026-11' }] }, true, 'the time starts with "2026-11"'],
      [
        { detail: { customer: { country: ['FR', { prefix: 'D' }] } } },
        true,
        'a list may mix values and prefixes (OR): "DE" starts with "D"',
      ],
      [
        { detail: { totalCents: [{ prefix: '49' }] } },
        false,
        'totalCents is the number 4999, and prefix matching works on strings only',
      ],
      [{ detail: { coupon: [{ prefix: '' }] } }, false, 'detail.coupon is missing from the event'],
    ]);
  });

  it('matches anything-but with a value, a list or a prefix, never on a missing field', () => {
    check([
      [
        { detail: { customer: { tier: [{ 'anything-but': 'bronze' }] } } },
        true,
        '"gold" is not "bronze"',
      ],
      [
        { detail: { customer: { tier: [{ 'anything-but': 'gold' }] } } },
        false,
        'the tier is "gold"',
      ],
      [
        { detail: { customer: { tier: [{ 'anything-but': ['bronze', 'silver'] }] } } },
        true,
        '"gold" is in neither',
      ],
      [
        { detail: { customer: { tier: [{ 'anything-but': ['silver', 'gold'] }] } } },
        false,
        '"gold" is in the list',
      ],
      [
        { detail: { totalCents: [{ 'anything-but': [0, 100] }] } },
        true,
        '4999 is neither 0 nor 100',
      ],
      [{ detail: { totalCents: [{ 'anything-but': 4999 }] } }, false, 'totalCents is 4999'],
      [
        { detail: { orderId: [{ 'anything-but': { prefix: 'inv-' } }] } },
        true,
        '"ord-1001" does not start with "inv-"',
      ],
      [
        { detail: { orderId: [{ 'anything-but': { prefix: 'ord-' } }] } },
        false,
        '"ord-1001" starts with "ord-"',
      ],
      [
        { detail: { coupon: [{ 'anything-but': 'FREESHIP' }] } },
        false,
        'detail.coupon is missing: anything-but needs the field to be present',
      ],
    ]);
  });

  it('matches numeric ranges only on numbers', () => {
    const range = { detail: { totalCents: [{ numeric: ['>', 0, '<=', 5000] }] } };
    check([
      [range, true, '0 < 4999 ≤ 5000'],
      [{ detail: { totalCents: [{ numeric: ['>=', 5000] }] } }, false, '4999 is below 5000'],
      [{ detail: { totalCents: [{ numeric: ['<', 5000] }] } }, true, '4999 < 5000'],
      [{ detail: { totalCents: [{ numeric: ['=', 4999] }] } }, true, '4999 = 4999'],
      [{ detail: { quantity: [{ numeric: ['>', 1, '<', 5] }] } }, false, '5 is not below 5'],
      [{ detail: { coupon: [{ numeric: ['>', 0] }] } }, false, 'detail.coupon is missing'],
    ]);
    check(
      [[range, true, 'the upper bound 5000 is included (<=)']],
      withDetail({ totalCents: 5000 }),
    );
    check([[range, false, 'the lower bound 0 is excluded (>)']], withDetail({ totalCents: 0 }));
    check(
      [[range, false, 'totalCents is the string "4999": numeric works on JSON numbers only']],
      withDetail({ totalCents: '4999' }),
    );
  });

  it('matches exists: true and exists: false', () => {
    check([
      [{ detail: { orderId: [{ exists: true }] } }, true, 'detail.orderId is present'],
      [{ detail: { coupon: [{ exists: true }] } }, false, 'detail.coupon is missing'],
      [{ detail: { coupon: [{ exists: false }] } }, true, 'detail.coupon is missing'],
      [{ detail: { orderId: [{ exists: false }] } }, false, 'detail.orderId is present'],
      [
        {
          source: ['com.example.orders'],
          detail: { orderId: [{ exists: true }], coupon: [{ exists: false }] },
        },
        true,
        'all three conditions hold',
      ],
    ]);
  });
});
