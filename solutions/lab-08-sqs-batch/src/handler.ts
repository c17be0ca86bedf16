/**
 * Lab 08 reference solution, part 2: the order consumer behind the queues. Each message is one
 * order to fulfil; processBatch (batch.ts) turns per-message failures into a partial batch
 * response.
 */
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
// zod/mini: the same validation as `zod` with a tree-shakable, functional API, so the bundle
// carries ~20 KB of validator instead of ~440 KB (bundle size is cold-start time). Only the
// English messages are loaded. `import { z } from 'zod'` is just as correct, only heavier.
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { processBatch } from './batch.ts';

z.config(en());

/** What producers promise to send: one order per message, as JSON. */
export const Order = z.object({
  orderId: z.string().check(z.minLength(1)),
  sku: z.string().check(z.minLength(1)),
  quantity: z.int().check(z.positive()),
});
export type Order = z.infer<typeof Order>;

export interface Dependencies {
  /** The side effect: reserve the stock, charge, ship… Rejects when it fails. */
  fulfilOrder(order: Order, record: SQSRecord): Promise<void>;
  /** The queue's redrive maxReceiveCount (default 5, as in template.yaml). */
  maxReceiveCount?: number;
}

/** The message can never be processed as it is: not JSON, or not an order. */
export class InvalidMessageError extends Error {
  override name = 'InvalidMessageError';
}

export const DEFAULT_MAX_RECEIVE_COUNT = 5;

// #region process-record
/** Parses and validates one message, then fulfils the order. Throws when the message failed. */
export async function processRecord(record: SQSRecord, deps: Dependencies): Promise<void> {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    // A failure like any other: reported, never thrown out of the handler (that would fail
    // the whole batch) and never swallowed as a success (that would delete the message).
    throw new InvalidMessageError(`message ${record.messageId}: the body is not JSON`);
  }
  const parsed = Order.safeParse(body);
  if (!parsed.success) {
    throw new InvalidMessageError(
      `message ${record.messageId} is not a valid order:\n${z.prettifyError(parsed.error)}`,
    );
  }
  await deps.fulfilOrder(parsed.data, record);
}
// #endregion process-record

export function createHandler(deps: Dependencies) {
  const maxReceiveCount = deps.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT;
  return async (event: SQSEvent, _context?: Context): Promise<SQSBatchResponse> =>
    processBatch(event, (record) => processRecord(record, deps), { maxReceiveCount });
}

/** The deployed function; template.yaml sets MAX_RECEIVE_COUNT to the queues' maxReceiveCount. */
export const handler = createHandler({
  maxReceiveCount: Number(process.env.MAX_RECEIVE_COUNT) || DEFAULT_MAX_RECEIVE_COUNT,
  async fulfilOrder(order, record) {
    // A real service would reserve stock here (idempotently: SQS delivers at least once).
    console.log(
      JSON.stringify({
        level: 'INFO',
        message: 'order fulfilled',
        orderId: order.orderId,
        messageId: record.messageId,
      }),
    );
  },
});
