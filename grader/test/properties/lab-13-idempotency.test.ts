/**
 * Properties of the lab-13 reference: the payload hash does not depend on key order or spacing,
 * and the handler never throws on malformed requests: it answers 400 without touching DynamoDB
 * or the card, while a valid request (DynamoDB mocked) is charged once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHandler } from '../../../solutions/lab-13-idempotency/src/handler.ts';
import {
  canonicalJson,
  payloadHash,
} from '../../../solutions/lab-13-idempotency/src/idempotency.ts';
import type { PaymentRequest } from '../../../solutions/lab-13-idempotency/src/payments.ts';
import { recordDynamoDb } from '../../testkit/dynamodb.ts';
import { apiGatewayV2Event, lambdaContext } from '../../testkit/index.ts';

const dynamo = recordDynamoDb();

/** The same value with every object's keys in reverse order. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .reverse()
        .map(([k, v]) => [k, reordered(v)]),
    );
  return value;
}

const validPayment = fc.record({
  orderId: fc.string({ minLength: 1, maxLength: 100 }),
  amount: fc.integer({ min: 1, max: 10_000_000 }),
  currency: fc.constantFrom('EUR', 'USD', 'GBP', 'JPY'),
});

describe('lab-13 reference', () => {
  it('hashes a payload the same whatever its key order or spacing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(payloadHash(reordered(value))).toBe(payloadHash(value));
        expect(payloadHash(JSON.parse(JSON.stringify(value, null, 2)))).toBe(payloadHash(value));
        expect(() => JSON.parse(canonicalJson(value))).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('answers malformed requests with 400, touching neither the table nor the card', async () => {
    const charges: PaymentRequest[] = [];
    const handler = createHandler({
      charge: async (p) => {
        charges.push(p);
        return { paymentId: 'pay_x', ...p, chargedAt: '2026-11-26T09:00:00.000Z' };
      },
    });
    const malformed = fc.oneof(
      // No key, a valid body.
      validPayment.map((body) => apiGatewayV2Event({ method: 'POST', path: '/payments', body })),
      // A key, and a body that is not a valid payment.
      fc
        .record({
          key: fc.string({ minLength: 1, maxLength: 40 }).filter((k) => k.trim().length > 0),
          body: fc.oneof(
            fc.string(),
            fc.jsonValue().map((v) => JSON.stringify(v)),
            fc.record(
              { orderId: fc.anything(), amount: fc.anything(), currency: fc.anything() },
              { requiredKeys: [] },
            ),
          ),
        })
        .filter(({ body }) => {
          const text = typeof body === 'string' ? body : JSON.stringify(body);
          try {
            const p = JSON.parse(text) as Record<string, unknown> | null;
            return !(
              typeof p?.orderId === 'string' &&
              p.orderId.length > 0 &&
              p.orderId.length <= 100 &&
              Number.isSafeInteger(p.amount) &&
              (p.amount as number) > 0 &&
              typeof p.currency === 'string' &&
              /^[A-Z]{3}$/.test(p.currency)
            );
          } catch {
            return true;
          }
        })
        .map(({ key, body }) =>
          apiGatewayV2Event({
            method: 'POST',
            path: '/payments',
            headers: { 'Idempotency-Key': key },
            body,
          }),
        ),
      // Anything at all.
      fc.anything(),
    );
    dynamo.reset();
    await fc.assert(
      fc.asyncProperty(malformed, async (event) => {
        const response = await handler(event as never, lambdaContext());
        expect(response.statusCode).toBe(400);
        expect(() => JSON.parse(response.body ?? '')).not.toThrow();
      }),
      { numRuns: 300 },
    );
    expect(dynamo.calls(), 'DynamoDB calls for malformed requests').toEqual([]);
    expect(charges, 'charges for malformed requests').toEqual([]);
  });

  it('charges a valid request once and stores its response', async () => {
    await fc.assert(
      fc.asyncProperty(validPayment, fc.uuid(), async (payment, key) => {
        dynamo.reset();
        let charges = 0;
        const handler = createHandler({
          charge: async (p) => {
            charges += 1;
            return { paymentId: `pay_${key}`, ...p, chargedAt: '2026-11-26T09:00:00.000Z' };
          },
        });
        const response = await handler(
          apiGatewayV2Event({
            method: 'POST',
            path: '/payments',
            headers: { 'Idempotency-Key': key },
            body: reordered(payment) as object,
          }),
          lambdaContext(),
        );
        expect(response.statusCode).toBe(201);
        expect(charges).toBe(1);
        const ops = dynamo.calls().map((c) => c.op);
        expect(ops).toEqual(['PutItem', 'UpdateItem']);
        expect(dynamo.calls()[0]!.item?.pk).toBe(key);
      }),
      { numRuns: 100 },
    );
  });
});
