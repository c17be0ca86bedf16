/**
 * Properties of the lab-08 reference consumer, over any batch (standard or FIFO, any bodies,
 * any receive counts, any warehouse refusals):
 * - every record is either fulfilled successfully or reported, never both and never neither;
 * - batchItemFailures holds message ids of the batch only, each once;
 * - it throws (BatchFailedError) exactly when every record failed;
 * - on a FIFO queue, nothing is processed after the first failure, and the failures are a
 *   suffix of the batch;
 * - anything that is not a batch is refused with NotAnSqsBatchError, never a TypeError.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BatchFailedError,
  NotAnSqsBatchError,
} from '../../../solutions/lab-08-sqs-batch/src/batch.ts';
import { createHandler } from '../../../solutions/lab-08-sqs-batch/src/handler.ts';
import { captureLogs, type LogCapture, lambdaContext, sqsEvent } from '../../testkit/index.ts';

let logs: LogCapture;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

const body = fc.oneof(
  fc.record({
    orderId: fc.string({ minLength: 1, maxLength: 6 }),
    sku: fc.constantFrom('BOOK-1', 'PEN-2'),
    quantity: fc.integer({ min: 1, max: 5 }),
  }),
  fc.string(),
  fc.json(),
  fc.anything().map((v) => JSON.stringify(v) ?? 'undefined'),
);

const message = fc.record({
  body,
  refuse: fc.boolean(),
  receiveCount: fc.integer({ min: 1, max: 8 }),
  groupId: fc.constantFrom('A', 'B', 'C'),
});

describe('lab-08 reference consumer', () => {
  it('reports exactly the records that did not succeed, and throws only when none did', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(message, { maxLength: 10 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 6 }),
        async (messages, fifo, maxReceiveCount) => {
          const event = sqsEvent(
            messages.map((m) => ({
              body: m.body,
              receiveCount: m.receiveCount,
              ...(fifo ? { groupId: m.groupId } : {}),
            })),
          );
          const refused = new Set(
            event.Records.filter((_, i) => messages[i]!.refuse).map((r) => r.messageId),
          );
          const attempted: string[] = [];
          const succeeded = new Set<string>();
          const handler = createHandler({
            maxReceiveCount,
            async fulfilOrder(_order, record) {
              attempted.push(record.messageId);
              if (refused.has(record.messageId)) throw new Error('refused');
              succeeded.add(record.messageId);
            },
          });
          const ids = event.Records.map((r) => r.messageId);
          let reported: string[];
          try {
            const response = await handler(event, lambdaContext());
            reported = response.batchItemFailures.map((f) => f.itemIdentifier);
            expect(ids.length === 0 || reported.length < ids.length).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(BatchFailedError);
            expect(succeeded.size).toBe(0);
            expect(ids.length).toBeGreaterThan(0);
            reported = ids;
          }
          expect(new Set(reported).size).toBe(reported.length);
          for (const id of ids) expect(succeeded.has(id) !== reported.includes(id)).toBe(true);
          expect(new Set(attempted).size).toBe(attempted.length);
          if (fifo && reported.length > 0) {
            const first = ids.indexOf(reported[0]!);
            expect(reported).toEqual(ids.slice(first));
            expect(attempted.every((id) => ids.indexOf(id) <= first)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses anything that is not an SQS batch with NotAnSqsBatchError', async () => {
    const handler = createHandler({ async fulfilOrder() {} });
    await fc.assert(
      fc.asyncProperty(
        fc.anything().filter((v) => !Array.isArray((v as { Records?: unknown } | null)?.Records)),
        async (event) => {
          await expect(handler(event as never, lambdaContext())).rejects.toBeInstanceOf(
            NotAnSqsBatchError,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
