/**
 * Lab 16, task 2: a chunked job that hands itself off before its timeout. Time is simulated:
 * only Date is faked, testkit lambdaContext({ timeoutMs }) counts down with Date.now(), each
 * processed item moves the clock by ITEM_MS and each SendMessage by SEND_MS. The chain of
 * invocations is played by feeding each continuation message (from the mocked SQS) to the next
 * invocation.
 */
import { SendMessageCommand, type SendMessageCommandInput, SQSClient } from '@aws-sdk/client-sqs';
import { createJobHandler } from '@lab/lab-16-limits/src/chunked-job.ts';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  captureLogs,
  type LogCapture,
  lambdaContext,
  mockClient,
  sqsEvent,
} from '../../testkit/index.ts';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/course-jobs';
const TIMEOUT_MS = 5000;
const MARGIN_MS = 1500;
const ITEM_MS = 300;
const SEND_MS = 250;

const sqsMock = mockClient(SQSClient);
const sqs = new SQSClient({ region: 'eu-west-1' });

const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);

interface ItemRun {
  index: number;
  id: string;
  invocation: number;
  remainingAtStart: number;
  remainingAtEnd: number;
}
interface SendRun {
  invocation: number;
  input: SendMessageCommandInput;
  remainingAtStart: number;
  remainingAtEnd: number;
}
interface InvocationRun {
  processed: number;
  sends: number;
  /** Remaining time when the invocation returned. */
  remainingAtEnd: number;
  failures: string[];
  error?: unknown;
}

/** Plays a chain of invocations, from `first` until no continuation is sent (at most 40 hops). */
async function runChain(
  itemCount: number,
  first: Record<string, unknown> = { jobId: 'job-42', offset: 0, hop: 0 },
) {
  const items = Array.from({ length: itemCount }, (_, i) => ({
    id: `item-${String(i).padStart(3, '0')}`,
  }));
  const processed: ItemRun[] = [];
  const sends: SendRun[] = [];
  const invocations: InvocationRun[] = [];
  const current: { context?: Context; invocation: number } = { invocation: 0 };

  sqsMock.on(SendMessageCommand).callsFake((input: SendMessageCommandInput) => {
    const remainingAtStart = current.context?.getRemainingTimeInMillis() ?? 0;
    advance(SEND_MS);
    sends.push({
      invocation: current.invocation,
      input,
      remainingAtStart,
      remainingAtEnd: current.context?.getRemainingTimeInMillis() ?? 0,
    });
    return { MessageId: `msg-${sends.length}` };
  });

  const handler = createJobHandler({
    sqs,
    queueUrl: QUEUE_URL,
    safetyMarginMs: MARGIN_MS,
    async loadItems() {
      return items;
    },
    async processItem(item, index) {
      if (processed.length > itemCount * 3)
        throw new Error('far more items processed than the job has: a loop?');
      const remainingAtStart = current.context?.getRemainingTimeInMillis() ?? 0;
      advance(ITEM_MS);
      processed.push({
        index,
        id: item?.id,
        invocation: current.invocation,
        remainingAtStart,
        remainingAtEnd: current.context?.getRemainingTimeInMillis() ?? 0,
      });
    },
  });

  let message: unknown = first;
  for (let hop = 0; hop < 40; hop++) {
    current.invocation = hop;
    current.context = lambdaContext({ timeoutMs: TIMEOUT_MS });
    const before = { processed: processed.length, sends: sends.length };
    const run: InvocationRun = { processed: 0, sends: 0, remainingAtEnd: 0, failures: [] };
    try {
      const result = (await handler(
        sqsEvent([{ body: message as object, messageId: `m-${hop}` }]),
        current.context,
      )) as { batchItemFailures?: { itemIdentifier: string }[] } | undefined;
      run.failures = (result?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
    } catch (error) {
      run.error = error;
    }
    run.remainingAtEnd = current.context.getRemainingTimeInMillis();
    run.processed = processed.length - before.processed;
    run.sends = sends.length - before.sends;
    invocations.push(run);
    if (run.error || run.failures.length > 0 || run.sends === 0) break;
    const body = sends[sends.length - 1]!.input.MessageBody;
    try {
      message = JSON.parse(String(body));
    } catch {
      throw new Error(`the continuation's MessageBody is not JSON: ${String(body).slice(0, 120)}`);
    }
    advance(1000); // SQS delivers the continuation to a fresh invocation
  }
  return { items, processed, sends, invocations };
}

function describeChain(chain: Awaited<ReturnType<typeof runChain>>): string {
  return chain.invocations
    .map((inv, i) => {
      const indexes = chain.processed.filter((p) => p.invocation === i).map((p) => p.index);
      const range = indexes.length
        ? `items ${indexes[0]}–${indexes[indexes.length - 1]}`
        : 'no items';
      const extra = inv.error
        ? `, threw ${String(inv.error)}`
        : inv.failures.length
          ? ', reported a failure'
          : '';
      return `invocation ${i + 1}: ${range}, ${inv.sends} SendMessage${extra}`;
    })
    .join('; ');
}

let logs: LogCapture;
beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 10, 26, 12, 0, 0), toFake: ['Date'] });
  sqsMock.reset();
  logs = captureLogs();
});
afterEach(() => {
  logs.restore();
  vi.useRealTimers();
});

describe('2. Chunk long work and hand it off before the timeout', () => {
  it('processes every item exactly once across the chain of invocations', async () => {
    // Prepare: 40 items of 300 ms each, a 5 s timeout: about 12 items fit in one invocation
    // Act
    const chain = await runChain(40);
    // Assess
    expect(
      chain.invocations.every((inv) => !inv.error && inv.failures.length === 0),
      `every invocation succeeds (${describeChain(chain)})`,
    ).toBe(true);
    expect(
      chain.processed.map((p) => p.index),
      `the items processed across the chain, in order, each exactly once (${describeChain(chain)})`,
    ).toEqual(chain.items.map((_, i) => i));
    expect(
      chain.processed.map((p) => p.id),
      'the ids of the items processed',
    ).toEqual(chain.items.map((i) => i.id));
    expect(
      chain.invocations.length,
      `invocations needed for 40 items (${describeChain(chain)})`,
    ).toBeGreaterThan(1);
    expect(
      chain.invocations[chain.invocations.length - 1]!.sends,
      'SendMessage calls once the job is finished',
    ).toBe(0);

    // A continuation message resumes where it says.
    sqsMock.reset();
    const resumed = await runChain(40, { jobId: 'job-42', offset: 33, hop: 3 });
    expect(
      resumed.processed.map((p) => p.index),
      'items processed for a message with offset 33 (of 40)',
    ).toEqual([33, 34, 35, 36, 37, 38, 39]);
  });

  it('stops taking items at the safety margin, not before and not after', async () => {
    // Act
    const chain = await runChain(40);
    // Assess: no item starts with less than the margin left, and none runs past the deadline
    expect(
      chain.invocations.length > 1 && chain.invocations.every((inv) => inv.processed > 0),
      `a chain of invocations that each process items (${describeChain(chain)})`,
    ).toBe(true);
    for (const p of chain.processed) {
      expect(
        p.remainingAtStart,
        `time left when item ${p.index} started (safetyMarginMs is ${MARGIN_MS}): check the clock BEFORE each item`,
      ).toBeGreaterThanOrEqual(MARGIN_MS);
      expect(
        p.remainingAtEnd,
        `time left when item ${p.index} finished (past the timeout)`,
      ).toBeGreaterThan(0);
    }
    // …and an invocation hands off only when one more item would start inside the margin.
    chain.invocations.slice(0, -1).forEach((inv, i) => {
      const lastItem = chain.processed.filter((p) => p.invocation === i).pop();
      const left = lastItem?.remainingAtEnd ?? TIMEOUT_MS;
      expect(
        left,
        `time left after the last item of invocation ${i + 1} (${inv.processed} items), when it handed off: use the remaining time (context.getRemainingTimeInMillis()), not a fixed number of items (${describeChain(chain)})`,
      ).toBeLessThan(MARGIN_MS + ITEM_MS);
    });
  });

  it('hands the rest to its own queue with the next offset, leaving time for SendMessage', async () => {
    // Act
    const chain = await runChain(40);
    // Assess
    expect(
      chain.sends.length,
      `SendMessage calls for 40 items (${describeChain(chain)})`,
    ).toBeGreaterThan(0);
    for (const send of chain.sends) {
      expect(send.input.QueueUrl, 'the QueueUrl of the continuation: the job’s own queue').toBe(
        QUEUE_URL,
      );
      const body = JSON.parse(String(send.input.MessageBody)) as {
        jobId?: unknown;
        offset?: unknown;
      };
      const done = chain.processed.filter((p) => p.invocation <= send.invocation).length;
      expect(body.jobId, 'jobId in the continuation message').toBe('job-42');
      expect(
        body.offset,
        `offset in the continuation sent by invocation ${send.invocation + 1}: the first item not processed yet`,
      ).toBe(done);
      expect(
        send.remainingAtStart,
        `time left when SendMessage started (it takes ${SEND_MS} ms here): the margin must leave time for the hand-off`,
      ).toBeGreaterThanOrEqual(SEND_MS);
    }
    expect(
      chain.sends.filter((s, i, all) => all.findIndex((t) => t.invocation === s.invocation) !== i)
        .length,
      'invocations that sent more than one continuation',
    ).toBe(0);

    // A job that fits in one invocation sends nothing.
    sqsMock.reset();
    const small = await runChain(5);
    expect(small.processed.length, 'items processed for a job of 5').toBe(5);
    expect(small.sends.length, 'SendMessage calls for a job that finishes in one invocation').toBe(
      0,
    );
  });
});
