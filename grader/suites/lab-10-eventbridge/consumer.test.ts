/**
 * Lab 10, task 2: a Lambda target that routes EventBridge events by detail-type and validates
 * each detail before a handler sees it. The handlers are spies passed to createHandler.
 */
import { createHandler } from '@lab/lab-10-eventbridge/src/consumer.ts';
import { describe, expect, it, vi } from 'vitest';
import { eventBridgeEvent, lambdaContext } from '../../testkit/index.ts';

const placed = {
  orderId: 'ord-1001',
  customerId: 'cus-42',
  totalCents: 4999,
  currency: 'EUR',
  items: [
    { sku: 'BOOK-1', quantity: 1 },
    { sku: 'PEN-2', quantity: 3 },
  ],
};
const cancelled = { orderId: 'ord-1001', reason: 'changed my mind' };

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

function spies() {
  const finished: string[] = [];
  const handlers = {
    orderPlaced: vi.fn(async (_detail: unknown, _event: unknown) => {
      await tick();
      finished.push('orderPlaced');
    }),
    orderCancelled: vi.fn(async (_detail: unknown, _event: unknown) => {
      await tick();
      finished.push('orderCancelled');
    }),
  };
  return { handlers, finished };
}

type Consumer = (event: unknown, context: unknown) => Promise<unknown>;

function consumer(handlers: ReturnType<typeof spies>['handlers']): Consumer {
  return createHandler(handlers as never) as unknown as Consumer;
}

/** Calls the consumer and returns the error it rejects with (failing if it resolves). */
async function rejection(consume: Consumer, event: unknown, what: string): Promise<Error> {
  let outcome: { error: unknown } | { value: unknown };
  try {
    outcome = { value: await consume(event, lambdaContext()) };
  } catch (error) {
    outcome = { error };
  }
  expect('error' in outcome, `the consumer must throw for ${what}`).toBe(true);
  const error = (outcome as { error: unknown }).error;
  expect(error, `what the consumer throws for ${what} (an Error)`).toBeInstanceOf(Error);
  return error as Error;
}

describe('2. Route events by detail-type with validated details', () => {
  it('routes OrderPlaced and OrderCancelled events to their handlers and waits for them', async () => {
    // Prepare
    const { handlers, finished } = spies();
    const consume = consumer(handlers);
    const placedEvent = eventBridgeEvent('OrderPlaced', placed);
    // Act
    const result = await consume(placedEvent, lambdaContext());
    // Assess
    expect(
      handlers.orderPlaced,
      'orderPlaced calls for an OrderPlaced event',
    ).toHaveBeenCalledTimes(1);
    expect(
      handlers.orderCancelled,
      'orderCancelled calls for an OrderPlaced event',
    ).not.toHaveBeenCalled();
    expect(
      handlers.orderPlaced.mock.calls[0]?.[0],
      'the detail given to orderPlaced',
    ).toMatchObject(placed);
    expect(handlers.orderPlaced.mock.calls[0]?.[1], 'the event given to orderPlaced').toMatchObject(
      {
        id: placedEvent.id,
      },
    );
    expect(finished, 'handlers finished before the consumer returned (await them)').toEqual([
      'orderPlaced',
    ]);
    expect((result as { status?: unknown })?.status, 'status returned for a routed event').toBe(
      'processed',
    );

    await consume(eventBridgeEvent('OrderCancelled', cancelled), lambdaContext());
    expect(
      handlers.orderCancelled,
      'orderCancelled calls for an OrderCancelled event',
    ).toHaveBeenCalledTimes(1);
    expect(
      handlers.orderCancelled.mock.calls[0]?.[0],
      'the detail given to orderCancelled',
    ).toMatchObject(cancelled);
    expect(
      handlers.orderPlaced,
      'orderPlaced calls after an OrderCancelled event',
    ).toHaveBeenCalledTimes(1);

    // A handler's failure must fail the invocation, so that Lambda retries the event.
    const failing = spies();
    failing.handlers.orderPlaced.mockRejectedValueOnce(new Error('warehouse unavailable'));
    const error = await rejection(
      consumer(failing.handlers),
      eventBridgeEvent('OrderPlaced', placed),
      'an event whose handler fails',
    );
    expect(error.message, "the handler's own error").toMatch(/warehouse unavailable/);
  });

  it('rejects an invalid detail with an error that names the detail-type and the field', async () => {
    const { handlers } = spies();
    const consume = consumer(handlers);
    // A valid event goes through…
    await consume(eventBridgeEvent('OrderPlaced', placed), lambdaContext());
    handlers.orderPlaced.mockClear();
    // …each broken one is refused before any handler runs.
    const broken: [string, string, unknown][] = [
      ['OrderPlaced', 'totalCents', { ...placed, totalCents: '4999' }],
      ['OrderPlaced', 'orderId', { ...placed, orderId: undefined }],
      ['OrderPlaced', 'currency', { ...placed, currency: 'euros' }],
      ['OrderPlaced', 'items', { ...placed, items: [] }],
      ['OrderPlaced', 'quantity', { ...placed, items: [{ sku: 'BOOK-1', quantity: 0 }] }],
      ['OrderCancelled', 'reason', { orderId: 'ord-1001' }],
    ];
    for (const [detailType, field, detail] of broken) {
      const what = `an ${detailType} whose ${field} is invalid (${JSON.stringify(detail)})`;
      const error = await rejection(consume, eventBridgeEvent(detailType, detail), what);
      expect(error.message, `the error message for ${what} names the detail-type`).toContain(
        detailType,
      );
      expect(error.message, `the error message for ${what} names the field`).toContain(field);
    }
    await rejection(
      consume,
      eventBridgeEvent('OrderPlaced', null),
      'an OrderPlaced with no detail',
    );
    expect(handlers.orderPlaced, 'orderPlaced calls for invalid details').not.toHaveBeenCalled();
    expect(
      handlers.orderCancelled,
      'orderCancelled calls for invalid details',
    ).not.toHaveBeenCalled();
  });

  it('ignores an unknown detail-type without calling a handler', async () => {
    const { handlers } = spies();
    const consume = consumer(handlers);
    const result = await consume(
      eventBridgeEvent('OrderShipped', { orderId: 'ord-1001', carrier: 'DHL' }),
      lambdaContext(),
    );
    expect(
      handlers.orderPlaced,
      'orderPlaced calls for an OrderShipped event',
    ).not.toHaveBeenCalled();
    expect(
      handlers.orderCancelled,
      'orderCancelled calls for an OrderShipped event',
    ).not.toHaveBeenCalled();
    expect(result, 'what the consumer returns for an unknown detail-type').toMatchObject({
      status: 'ignored',
      detailType: 'OrderShipped',
    });
  });
});
