/**
 * Properties of the lab-11 reference tasks: whatever the input and whatever the payment
 * provider does, a task either returns a well-formed result or throws an error whose name is
 * one the state machine's Retry and Catch rules know. A TypeError, or an Error named "Error",
 * would escape every ErrorEquals list but States.ALL.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChargeOutcome } from '../../../solutions/lab-11-step-functions/src/tasks.ts';
import { createTasks } from '../../../solutions/lab-11-step-functions/src/tasks.ts';

const NAMED = ['ValidationError', 'PaymentError', 'CardDeclinedError'];

const orderLike = fc.record(
  {
    orderId: fc.oneof(fc.string(), fc.anything()),
    amountCents: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.anything()),
    currency: fc.oneof(fc.constantFrom('EUR', 'USD', 'eur', ''), fc.string()),
    cardToken: fc.oneof(fc.string(), fc.anything()),
    chargeId: fc.oneof(fc.string(), fc.anything()),
  },
  { requiredKeys: [] },
);
const input = fc.oneof(orderLike, fc.anything());

const outcome: fc.Arbitrary<ChargeOutcome | Error> = fc.oneof(
  fc.string().map((chargeId) => ({ status: 'approved' as const, chargeId })),
  fc.string().map((reason) => ({ status: 'declined' as const, reason })),
  fc.string().map((reason) => ({ status: 'unavailable' as const, reason })),
  fc.constantFrom(new TypeError('fetch failed'), new DOMException('timed out', 'TimeoutError')),
);

async function settle(promise: Promise<unknown>): Promise<{ value: unknown } | { error: Error }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error: error as Error };
  }
}

describe('lab-11 reference tasks', () => {
  it('return a result or throw a named error, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(input, outcome, async (value, answer) => {
        const tasks = createTasks({
          gateway: {
            charge: async () => {
              if (answer instanceof Error) throw answer;
              return answer;
            },
          },
        });
        for (const task of [tasks.validateOrder, tasks.chargePayment, tasks.confirmOrder]) {
          const result = await settle(task(value));
          if ('error' in result) {
            expect(result.error).toBeInstanceOf(Error);
            expect(NAMED).toContain(result.error.name);
          } else {
            expect(typeof (result.value as { orderId?: unknown }).orderId).toBe('string');
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('charge with the order id as idempotency key, every time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }), async (orderId) => {
        const keys: string[] = [];
        const tasks = createTasks({
          gateway: {
            charge: async (request) => {
              keys.push(request.idempotencyKey);
              return { status: 'unavailable', reason: 'down' };
            },
          },
        });
        const order = { orderId, amountCents: 100, currency: 'EUR', cardToken: 'tok' };
        await settle(tasks.chargePayment(order));
        await settle(tasks.chargePayment(order));
        expect(keys).toEqual([orderId, orderId]);
      }),
    );
  });
});
