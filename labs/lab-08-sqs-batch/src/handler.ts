/**
 * Lab 08 — SQS batches, part 2: the order consumer. Read labs/lab-08-sqs-batch/README.md first.
 * Grade with: npm run grade lab-08
 *
 * Each message is one order to fulfil. processRecord handles one message; processBatch
 * (batch.ts) handles the batch. The grader calls createHandler with a fake fulfilOrder.
 */
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { processBatch } from './batch.ts';

/** What producers promise to send: one order per message, as JSON. */
export const Order = z.object({
  orderId: z.string().min(1),
  sku: z.string().min(1),
  quantity: z.number().int().positive(),
});
export type Order = z.infer<typeof Order>;

export interface Dependencies {
  /** The side effect: reserve the stock, charge, ship… Rejects when it fails. */
  fulfilOrder(order: Order, record: SQSRecord): Promise<void>;
  /** The queue's redrive maxReceiveCount (default 5, as in the deployed template). */
  maxReceiveCount?: number;
}

export const DEFAULT_MAX_RECEIVE_COUNT = 5;

/** Parses and validates one message, then fulfils the order. Throws when the message failed. */
export async function processRecord(record: SQSRecord, deps: Dependencies): Promise<void> {
  // TODO(lab-08): task 2 — parse record.body with JSON.parse (a body that is not JSON is a
  //   failure of this record: throw an Error that says which message it was), check the
  //   result with Order.safeParse (an invalid order fails too), then
  //   `await deps.fulfilOrder(order, record)`.
  throw new Error('TODO(lab-08): processRecord is not implemented yet (see src/handler.ts)');
}

export function createHandler(deps: Dependencies) {
  const maxReceiveCount = deps.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT;
  return async (event: SQSEvent, _context?: Context): Promise<SQSBatchResponse> =>
    processBatch(event, (record) => processRecord(record, deps), { maxReceiveCount });
}

/** The deployed function; template.yaml sets MAX_RECEIVE_COUNT to the queues' maxReceiveCount. */
export const handler = createHandler({
  maxReceiveCount: Number(process.env.MAX_RECEIVE_COUNT) || DEFAULT_MAX_RECEIVE_COUNT,
  async fulfilOrder(order, record) {
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
