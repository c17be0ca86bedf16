/**
 * Lab 10 — EventBridge, part 2: consume events by detail-type, with validated details.
 * Read labs/lab-10-eventbridge/README.md first. Grade with: npm run grade lab-10
 */
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { z } from 'zod';

// TODO(lab-10): task 2 — describe each detail with zod (see the README for the fields):
//   OrderPlaced:    orderId, customerId, totalCents, currency, items [{ sku, quantity }]
//   OrderCancelled: orderId, reason
export const OrderPlacedDetail = z.object({});

export const OrderCancelledDetail = z.object({});

export type OrderPlaced = z.infer<typeof OrderPlacedDetail>;
export type OrderCancelled = z.infer<typeof OrderCancelledDetail>;

/** Any event a rule delivers; the detail is unknown until it has been validated. */
export type IncomingEvent = EventBridgeEvent<string, unknown>;

export interface OrderHandlers {
  orderPlaced(detail: OrderPlaced, event: IncomingEvent): Promise<void> | void;
  orderCancelled(detail: OrderCancelled, event: IncomingEvent): Promise<void> | void;
}

export interface ConsumeResult {
  status: 'processed' | 'ignored';
  detailType: string;
}

export function createHandler(handlers: OrderHandlers) {
  return async (event: IncomingEvent, _context?: Context): Promise<ConsumeResult> => {
    // TODO(lab-10): task 2 — route by event['detail-type']: OrderPlaced → handlers.orderPlaced,
    //   OrderCancelled → handlers.orderCancelled, each with the detail parsed by its schema
    //   (and the event). Wait for the handler, so its failure fails the invocation.
    // TODO(lab-10): task 2 — an invalid detail throws an error whose message names the
    //   detail-type and the field that is wrong; no handler is called.
    // TODO(lab-10): task 2 — an unknown detail-type is logged and ignored:
    //   return { status: 'ignored', detailType }.
    throw new Error('TODO(lab-10): the consumer is not implemented yet (see src/consumer.ts)');
  };
}

/** What the deployed function does: structured logs (a real service would update its store). */
export const handler = createHandler({
  orderPlaced(detail, event) {
    console.log(JSON.stringify({ message: 'order placed', id: event.id, detail }));
  },
  orderCancelled(detail, event) {
    console.log(JSON.stringify({ message: 'order cancelled', id: event.id, detail }));
  },
});
