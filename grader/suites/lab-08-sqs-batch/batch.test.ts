/**
 * Lab 08: an SQS consumer with partial batch responses. The checks call createHandler with a
 * spy for the side effect (fulfilOrder), which they make fail for chosen orders, and read the
 * response the way the event source mapping does: message ids in batchItemFailures, a thrown
 * error meaning "the whole batch failed".
 */
import { createHandler } from '@lab/lab-08-sqs-batch/src/handler.ts';
import type { SQSEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  captureLogs,
  type LogCapture,
  lambdaContext,
  type SqsMessageSpec,
  sqsEvent,
} from '../../testkit/index.ts';

interface OrderLike {
  orderId: string;
  sku: string;
  quantity: number;
}

const order = (orderId: string): OrderLike => ({ orderId, sku: 'BOOK-1', quantity: 1 });

/** Lets other callbacks run, so concurrent work would overlap (and show it). */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A fake warehouse: records each call, and refuses the orders it is told to refuse. */
function warehouse(refuse: string[] = []) {
  const calls: string[] = [];
  let active = 0;
  let maxActive = 0;
  const fulfilOrder = vi.fn(async (placed: OrderLike, _record: unknown) => {
    calls.push(placed?.orderId);
    active += 1;
    maxActive = Math.max(maxActive, active);
    await tick();
    active -= 1;
    if (refuse.includes(placed?.orderId))
      throw new Error(`the warehouse refused ${placed.orderId}`);
  });
  return { fulfilOrder, calls, maxActive: () => maxActive };
}

type Handler = (event: SQSEvent, context: unknown) => Promise<unknown>;

function consumer(fulfilOrder: ReturnType<typeof warehouse>['fulfilOrder'], maxReceiveCount = 5) {
  return createHandler({ fulfilOrder, maxReceiveCount } as never) as unknown as Handler;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

async function invoke(handler: Handler, event: SQSEvent): Promise<Outcome> {
  try {
    return { ok: true, value: await handler(event, lambdaContext()) };
  } catch (error) {
    return { ok: false, error };
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : JSON.stringify(error);
}

/** Invokes and expects a response (not a thrown error); returns the response. */
async function respond(handler: Handler, event: SQSEvent, what: string): Promise<unknown> {
  const outcome = await invoke(handler, event);
  if (!outcome.ok) {
    expect.fail(
      `the handler threw for ${what} (${describeError(outcome.error)}): a thrown error makes Lambda retry the whole batch. Report failed records in batchItemFailures instead.`,
    );
  }
  return (outcome as { value: unknown }).value;
}

/** Reads batchItemFailures as the event source mapping does; every identifier must be a messageId. */
function reportedIds(response: unknown, event: SQSEvent, what: string): string[] {
  expect(
    response !== null && typeof response === 'object',
    `the response ${what} must be an object { batchItemFailures: [...] }, got ${JSON.stringify(response)}`,
  ).toBe(true);
  const list = (response as { batchItemFailures?: unknown }).batchItemFailures;
  expect(Array.isArray(list), `batchItemFailures ${what} must be an array`).toBe(true);
  const messageIds = event.Records.map((r) => r.messageId);
  return (list as unknown[]).map((entry, i) => {
    const id = (entry as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    let diagnosis = '';
    if (event.Records.some((r) => r.receiptHandle === id))
      diagnosis = ' (that is a receipt handle)';
    else if (typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id)))
      diagnosis = ' (that looks like an index)';
    expect(
      typeof id === 'string' && messageIds.includes(id),
      `batchItemFailures[${i}].itemIdentifier ${what} must be the messageId of a record in the batch, got ${JSON.stringify(id)}${diagnosis}`,
    ).toBe(true);
    return id as string;
  });
}

function expectReported(response: unknown, event: SQSEvent, expected: string[], what: string) {
  const ids = reportedIds(response, event, what);
  // Say which records, by position, so the message reads well without the UUIDs.
  const positions = (list: string[]) =>
    list.length === 0
      ? 'none'
      : list.map((id) => `#${event.Records.findIndex((r) => r.messageId === id) + 1}`).join(', ');
  expect(
    [...ids].sort(),
    `the messageIds reported in batchItemFailures ${what}: expected records ${positions(expected)}, got ${positions(ids)}`,
  ).toEqual([...expected].sort());
}

const idsOf = (event: SQSEvent, ...indexes: number[]) =>
  indexes.map((i) => event.Records[i]!.messageId);

let logs: LogCapture;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => {
  logs.restore();
});

describe('1. Report partial batch failures', () => {
  it('returns an empty batchItemFailures list when every record succeeds', async () => {
    // Prepare
    const { fulfilOrder } = warehouse();
    const event = sqsEvent([
      { body: order('o-1') },
      { body: order('o-2') },
      { body: order('o-3') },
    ]);
    // Act
    const response = await respond(consumer(fulfilOrder), event, 'a batch that all succeeds');
    // Assess
    expect(
      fulfilOrder.mock.calls.map((c) => c[0]),
      'the orders given to fulfilOrder (parsed from each body)',
    ).toEqual([order('o-1'), order('o-2'), order('o-3')]);
    expect(
      response,
      'the response when every record succeeds: { batchItemFailures: [] }, never undefined or null',
    ).toEqual({ batchItemFailures: [] });
  });

  it("reports only the failed record's messageId and processes the records after it", async () => {
    const { fulfilOrder, calls } = warehouse(['o-2']);
    const event = sqsEvent([
      { body: order('o-1') },
      { body: order('o-2') },
      { body: order('o-3') },
      { body: order('o-4') },
    ]);
    const response = await respond(consumer(fulfilOrder), event, 'a batch where one record fails');
    expect(calls, 'orders fulfilled: the records after the failed one still count').toEqual([
      'o-1',
      'o-2',
      'o-3',
      'o-4',
    ]);
    expectReported(response, event, idsOf(event, 1), 'when the 2nd of 4 records fails');
  });

  it('identifies each failed record by its messageId, not an index or a receipt handle', async () => {
    const { fulfilOrder } = warehouse(['o-1', 'o-3']);
    const event = sqsEvent([
      { body: order('o-1') },
      { body: order('o-2') },
      { body: order('o-3') },
      { body: order('o-4') },
    ]);
    const response = await respond(consumer(fulfilOrder), event, 'a batch where two records fail');
    expectReported(response, event, idsOf(event, 0, 2), 'when the 1st and 3rd records fail');
  });

  it('processes every record exactly once', async () => {
    const { fulfilOrder, calls } = warehouse(['o-2', 'o-5']);
    const event = sqsEvent(
      ['o-1', 'o-2', 'o-3', 'o-4', 'o-5', 'o-6'].map((id) => ({ body: order(id) })),
    );
    await respond(consumer(fulfilOrder), event, 'a batch of six with two failures');
    expect(
      [...calls].sort(),
      'fulfilOrder calls per order (each message once: no retry inside the invocation, no second pass)',
    ).toEqual(['o-1', 'o-2', 'o-3', 'o-4', 'o-5', 'o-6']);
  });
});

describe('2. Report bad messages as failures', () => {
  it('reports a record whose body is not JSON as a failure, without throwing', async () => {
    const { fulfilOrder, calls } = warehouse();
    const event = sqsEvent([
      { body: order('o-1') },
      { body: '{"orderId": "o-2", "sku": "BOOK-1"' },
      { body: 'SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==' },
      { body: order('o-4') },
    ]);
    const response = await respond(consumer(fulfilOrder), event, 'bodies that are not JSON');
    expect(calls, 'orders fulfilled around the malformed messages').toEqual(['o-1', 'o-4']);
    expectReported(
      response,
      event,
      idsOf(event, 1, 2),
      'for two bodies that are not JSON (a caught parse error is still a failure)',
    );
  });

  it('reports an order that fails validation and never fulfils it', async () => {
    const { fulfilOrder, calls } = warehouse();
    const event = sqsEvent([
      { body: order('o-1') },
      { body: { orderId: 'o-2', sku: '', quantity: 1 } },
      { body: { orderId: 'o-3', sku: 'PEN-2', quantity: 0 } },
      { body: { orderId: 'o-4', sku: 'PEN-2', quantity: '2' } },
      { body: { orderId: 'o-5', quantity: 1.5, sku: 'PEN-2' } },
      { body: 'null' },
      { body: order('o-7') },
    ]);
    const response = await respond(consumer(fulfilOrder), event, 'orders that break the schema');
    expect(calls, 'orders fulfilled: only the valid ones').toEqual(['o-1', 'o-7']);
    expectReported(
      response,
      event,
      idsOf(event, 1, 2, 3, 4, 5),
      'for an empty sku, quantity 0, quantity "2", quantity 1.5 and a body of null',
    );
  });
});

describe('3. Fail the whole batch only when every record fails', () => {
  it('throws when every record of the batch fails', async () => {
    const { fulfilOrder } = warehouse(['o-3']);
    const event = sqsEvent([
      { body: 'not json' },
      { body: { orderId: 'o-2', sku: 'BOOK-1', quantity: -1 } },
      { body: order('o-3') },
    ]);
    const outcome = await invoke(consumer(fulfilOrder), event);
    expect(
      outcome.ok,
      `the handler must throw when all 3 records fail (it returned ${JSON.stringify((outcome as { value?: unknown }).value)})`,
    ).toBe(false);
    expect(
      (outcome as { error: unknown }).error,
      'what the handler throws when every record fails (an Error)',
    ).toBeInstanceOf(Error);
  });

  it('returns the failures instead of throwing when any record succeeds', async () => {
    const { fulfilOrder } = warehouse(['o-1', 'o-2', 'o-3']);
    const event = sqsEvent(['o-1', 'o-2', 'o-3', 'o-4'].map((id) => ({ body: order(id) })));
    const response = await respond(
      consumer(fulfilOrder),
      event,
      'a batch where the last of 4 records succeeds',
    );
    expectReported(response, event, idsOf(event, 0, 1, 2), 'when only the last record succeeds');
  });
});

describe('4. Keep the order of FIFO queues', () => {
  const fifoBatch = (): SqsMessageSpec[] => [
    { body: order('o-1'), groupId: 'customer-A' },
    { body: order('o-2'), groupId: 'customer-B' },
    { body: order('o-3'), groupId: 'customer-A' },
    { body: order('o-4'), groupId: 'customer-C' },
  ];

  it('stops at the first failure and reports that record and every later one', async () => {
    const { fulfilOrder } = warehouse(['o-2']);
    const event = sqsEvent(fifoBatch());
    const response = await respond(
      consumer(fulfilOrder),
      event,
      'a FIFO batch whose 2nd record fails',
    );
    expectReported(
      response,
      event,
      idsOf(event, 1, 2, 3),
      'for a FIFO batch whose 2nd of 4 records fails (the failed one and all after it, whatever their group)',
    );
  });

  it('never processes a FIFO record after a failure', async () => {
    const { fulfilOrder, calls } = warehouse(['o-2']);
    const event = sqsEvent(fifoBatch());
    await respond(consumer(fulfilOrder), event, 'a FIFO batch whose 2nd record fails');
    expect(
      calls,
      'orders fulfilled in a FIFO batch whose 2nd record fails (o-3 and o-4 must wait for o-2)',
    ).toEqual(['o-1', 'o-2']);
  });

  it('processes FIFO records one at a time, in order', async () => {
    const { fulfilOrder, calls, maxActive } = warehouse();
    const event = sqsEvent(
      ['o-1', 'o-2', 'o-3', 'o-4', 'o-5'].map((id, i) => ({
        body: order(id),
        groupId: i % 2 === 0 ? 'customer-A' : 'customer-B',
      })),
    );
    const response = await respond(consumer(fulfilOrder), event, 'a FIFO batch that succeeds');
    expect(calls, 'the order of fulfilOrder calls in a FIFO batch').toEqual([
      'o-1',
      'o-2',
      'o-3',
      'o-4',
      'o-5',
    ]);
    expect(
      maxActive(),
      'orders being fulfilled at the same time in a FIFO batch (wait for each before the next)',
    ).toBe(1);
    expectReported(response, event, [], 'for a FIFO batch that succeeds');
  });

  it('throws when the first record of a FIFO batch fails', async () => {
    const { fulfilOrder } = warehouse(['o-1']);
    const event = sqsEvent(fifoBatch());
    const outcome = await invoke(consumer(fulfilOrder), event);
    expect(
      outcome.ok,
      `the handler must throw when the first FIFO record fails: every record then counts as failed (it returned ${JSON.stringify((outcome as { value?: unknown }).value)})`,
    ).toBe(false);
    expect(
      (outcome as { error: unknown }).error,
      'what the handler throws (an Error)',
    ).toBeInstanceOf(Error);
  });
});

describe('5. Flag poison messages', () => {
  /** Structured (JSON) log lines flagged poison: true that mention this message id. */
  const poisonLinesFor = (messageId: string) =>
    logs.json().filter((line) => line.poison === true && JSON.stringify(line).includes(messageId));

  it('logs a poison message that fails on its last receive, and still reports it', async () => {
    // Prepare: the queue's maxReceiveCount is 3
    const { fulfilOrder } = warehouse(['o-1']);
    const event = sqsEvent([
      { body: order('o-1'), receiveCount: 3 },
      { body: 'not json', receiveCount: 7 },
      { body: order('o-3'), receiveCount: 1 },
    ]);
    // Act
    const response = await respond(
      consumer(fulfilOrder, 3),
      event,
      'a batch with messages on their last receive',
    );
    // Assess
    expectReported(
      response,
      event,
      idsOf(event, 0, 1),
      'for messages that fail on their last receive (report them, so the redrive policy moves them to the DLQ; never drop them)',
    );
    for (const [index, count] of [
      [0, 3],
      [1, 7],
    ] as const) {
      expect(
        poisonLinesFor(event.Records[index]!.messageId).length,
        `JSON log lines with "poison": true and the messageId of the record that failed on receive ${count} (maxReceiveCount 3)`,
      ).toBeGreaterThanOrEqual(1);
    }
  });

  it('does not flag a message as poison before its last receive', async () => {
    const { fulfilOrder, calls } = warehouse(['o-1', 'o-2']);
    const event = sqsEvent([
      { body: order('o-1'), receiveCount: 1 },
      { body: order('o-2'), receiveCount: 2 },
      { body: order('o-3'), receiveCount: 3 },
    ]);
    const response = await respond(
      consumer(fulfilOrder, 3),
      event,
      'failures on receives 1 and 2 of 3',
    );
    expect(calls, 'orders fulfilled: a message on its last receive still gets its attempt').toEqual(
      ['o-1', 'o-2', 'o-3'],
    );
    expectReported(response, event, idsOf(event, 0, 1), 'for failures on receives 1 and 2');
    const flagged = logs.json().filter((line) => line.poison === true);
    expect(
      flagged,
      'JSON log lines with "poison": true (none: receives 1 and 2 of 3 will be retried, and receive 3 succeeded)',
    ).toEqual([]);
  });
});
