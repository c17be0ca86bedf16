/**
 * Lab 10 reference solution, part 2: a Lambda target of an EventBridge rule that routes each
 * event by its `detail-type` and validates its `detail` before any business code sees it.
 */
import type { Context, EventBridgeEvent } from 'aws-lambda';
// zod/mini: the same validation as `zod` with a tree-shakable, functional API, so the bundle
// carries ~20 KB of validator instead of ~440 KB (bundle size is cold-start time). Only the
// English messages are loaded. `import { z } from 'zod'` is just as correct, only heavier.
import { en } from 'zod/locales';
import * as z from 'zod/mini';

z.config(en());

// #region schemas
/** The contract of each event type: what producers promise to put in `detail`. */
const text = () => z.string().check(z.minLength(1));

export const OrderPlacedDetail = z.object({
  orderId: text(),
  customerId: text(),
  totalCents: z.int().check(z.nonnegative()),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code such as EUR')),
  items: z
    .array(z.object({ sku: text(), quantity: z.int().check(z.positive()) }))
    .check(z.minLength(1)),
});

export const OrderCancelledDetail = z.object({
  orderId: text(),
  reason: text(),
});
// #endregion schemas

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

/** The event's detail broke its schema: a producer bug, not something a retry can fix. */
export class InvalidEventError extends Error {
  override name = 'InvalidEventError';
}

// #region route
export function createHandler(handlers: OrderHandlers) {
  // A Map, not an object literal: a detail-type such as "constructor" or "toString" must
  // not find a route on Object.prototype.
  const routes = new Map<string, (event: IncomingEvent) => Promise<void>>([
    [
      'OrderPlaced',
      async (event) => handlers.orderPlaced(parse('OrderPlaced', OrderPlacedDetail, event), event),
    ],
    [
      'OrderCancelled',
      async (event) =>
        handlers.orderCancelled(parse('OrderCancelled', OrderCancelledDetail, event), event),
    ],
  ]);

  return async (event: IncomingEvent, _context?: Context): Promise<ConsumeResult> => {
    const detailType = String(event?.['detail-type']);
    const route = routes.get(detailType);
    if (!route) {
      // The rule's pattern should only deliver the types above. Another type means a rule
      // changed or a producer evolved: log it and move on. Throwing would only make Lambda
      // retry an event this code will never handle.
      console.warn(JSON.stringify({ message: 'ignored an unknown detail-type', detailType }));
      return { status: 'ignored', detailType };
    }
    // Awaited, so a failing handler fails the invocation and Lambda's async retries (then the
    // on-failure destination) take over; a forgotten await would lose the error.
    await route(event);
    return { status: 'processed', detailType };
  };
}

function parse<T>(detailType: string, schema: z.ZodMiniType<T>, event: IncomingEvent): T {
  const parsed = schema.safeParse(event?.detail);
  if (!parsed.success) {
    throw new InvalidEventError(
      `${detailType} event ${event?.id ?? '(no id)'} has an invalid detail:\n${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}
// #endregion route

/** What the deployed function does: structured logs (a real service would update its store). */
export const handler = createHandler({
  orderPlaced(detail, event) {
    console.log(JSON.stringify({ message: 'order placed', id: event.id, orderId: detail.orderId }));
  },
  orderCancelled(detail, event) {
    console.log(
      JSON.stringify({ message: 'order cancelled', id: event.id, orderId: detail.orderId }),
    );
  },
});
