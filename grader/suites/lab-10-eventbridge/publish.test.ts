/**
 * Lab 10, task 1: PutEvents in calls of at most 10 entries, retrying only the rejected entries.
 * The EventBridge client is mocked; the fake answers like the real API: one result per request
 * entry, in request order, an ErrorCode for each rejected entry, and a ValidationException for
 * a request with more than 10 (or no) entries.
 */
import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandInput,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { publishEvents } from '@lab/lab-10-eventbridge/src/publish.ts';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from '../../testkit/index.ts';

const eventBridge = mockClient(EventBridgeClient);
const client = new EventBridgeClient({});

/** `count` OrderPlaced entries whose detail carries ord-0, ord-1, … */
function entries(count: number): PutEventsRequestEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    EventBusName: 'orders',
    Source: 'com.example.orders',
    DetailType: 'OrderPlaced',
    Detail: JSON.stringify({ orderId: `ord-${i}`, totalCents: 1000 + i }),
  }));
}

function orderIdOf(entry: PutEventsRequestEntry): string {
  try {
    return String((JSON.parse(entry.Detail ?? '{}') as { orderId?: unknown }).orderId);
  } catch {
    return `(unparseable Detail ${entry.Detail})`;
  }
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** How often each order id is rejected: a number of times, or always. */
type Rejections = Record<string, number | 'always'>;

/**
 * Scripts the fake EventBridge. Returns what happened: the order ids of each call, a log of
 * sends and sleeps in order, and the injected sleep.
 */
function fakeEventBridge(rejections: Rejections = {}, errorCode = 'InternalFailure') {
  const calls: string[][] = [];
  const sent: PutEventsRequestEntry[][] = [];
  const log: ('send' | 'sleep')[] = [];
  const rejectedSoFar = new Map<string, number>();
  eventBridge.on(PutEventsCommand).callsFake(async (input: PutEventsCommandInput) => {
    // Yield to the event loop so that a runaway retry loop can still be stopped.
    await tick();
    if (calls.length >= 60)
      throw new Error(
        'more than 60 PutEvents calls for a handful of entries: are the retries bounded?',
      );
    const batch = input.Entries ?? [];
    if (batch.length < 1 || batch.length > 10) {
      throw Object.assign(
        new Error(
          `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length ${batch.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 10'} (the request had ${batch.length} entries)`,
        ),
        { name: 'ValidationException' },
      );
    }
    const ids = batch.map(orderIdOf);
    calls.push(ids);
    sent.push(batch.map((e) => ({ ...e })));
    log.push('send');
    const results = ids.map((id) => {
      const limit = rejections[id] ?? 0;
      const seen = rejectedSoFar.get(id) ?? 0;
      if (limit === 'always' || seen < limit) {
        rejectedSoFar.set(id, seen + 1);
        return { ErrorCode: errorCode, ErrorMessage: `${errorCode} for ${id}` };
      }
      return { EventId: `evt-${id}-${calls.length}` };
    });
    return {
      FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length,
      Entries: results,
    };
  });
  let sleeps = 0;
  const sleep = vi.fn(async (_ms: number) => {
    sleeps += 1;
    if (sleeps > 60) throw new Error('more than 60 sleeps: are the retries bounded?');
    log.push('sleep');
    await tick();
  });
  /** How many times each order id was sent. */
  const sends = () => {
    const counts = new Map<string, number>();
    for (const id of calls.flat()) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  };
  return { calls, sent, log, sleep, sends };
}

beforeEach(() => {
  eventBridge.reset();
});

describe('1. Publish events in batches and retry the failed entries', () => {
  it('sends every entry exactly once, in calls of at most 10', async () => {
    // Prepare
    const fake = fakeEventBridge();
    const all = entries(23);
    // Act
    const result = await publishEvents(client, all, { sleep: fake.sleep });
    // Assess
    expect(
      fake.calls.map((c) => c.length),
      'entries per PutEvents call for 23 entries (at most 10 per call, as few calls as possible)',
    ).toHaveLength(3);
    for (const call of fake.calls)
      expect(call.length, 'entries in one PutEvents call').toBeLessThanOrEqual(10);
    const counts = fake.sends();
    for (const entry of all) {
      const id = orderIdOf(entry);
      expect(counts.get(id) ?? 0, `times ${id} was sent (none was rejected)`).toBe(1);
    }
    expect(result?.publishedCount, 'publishedCount for 23 accepted entries').toBe(23);
    expect(result?.failed, 'failed entries when EventBridge accepted all').toEqual([]);

    // A list of exactly 10 is one call; an empty list is no call at all.
    eventBridge.reset();
    const ten = fakeEventBridge();
    await publishEvents(client, entries(10), { sleep: ten.sleep });
    expect(ten.calls.length, 'PutEvents calls for 10 entries').toBe(1);
    eventBridge.reset();
    const none = fakeEventBridge();
    const empty = await publishEvents(client, [], { sleep: none.sleep });
    expect(none.calls.length, 'PutEvents calls for an empty list').toBe(0);
    expect(empty?.failed, 'failed entries for an empty list').toEqual([]);
  });

  it('retries only the rejected entries, found by their position in the response', async () => {
    // Prepare: 12 entries (two calls); ord-3 and ord-7 are rejected once in the first call,
    // ord-11 (position 1 of the second call) once in the second.
    const fake = fakeEventBridge({ 'ord-3': 1, 'ord-7': 1, 'ord-11': 1 });
    const all = entries(12);
    // Act
    const result = await publishEvents(client, all, { sleep: fake.sleep });
    // Assess
    const counts = fake.sends();
    for (const entry of all) {
      const id = orderIdOf(entry);
      const rejected = ['ord-3', 'ord-7', 'ord-11'].includes(id);
      expect(
        counts.get(id) ?? 0,
        rejected
          ? `times ${id} was sent: it was rejected once, so it must be sent exactly once more`
          : `times ${id} was sent: it was accepted the first time, so sending it again duplicates the event`,
      ).toBe(rejected ? 2 : 1);
    }
    const retried = fake.sent.flat().filter((e) => orderIdOf(e) === 'ord-7');
    expect(retried[1], 'the retried entry, unchanged').toEqual(all[7]);
    expect(result?.publishedCount, 'publishedCount once every retry succeeded').toBe(12);
    expect(result?.failed, 'failed entries once every retry succeeded').toEqual([]);
  });

  it('gives up after maxAttempts calls per entry and reports what still failed', async () => {
    // Prepare: ord-1 and ord-4 are always rejected
    const fake = fakeEventBridge({ 'ord-1': 'always', 'ord-4': 'always' }, 'ThrottlingException');
    // Act: the default number of attempts
    const result = await publishEvents(client, entries(6), { sleep: fake.sleep });
    // Assess
    const counts = fake.sends();
    expect(counts.get('ord-1'), 'times an always-rejected entry was sent (default 3)').toBe(3);
    expect(counts.get('ord-0'), 'times an accepted entry was sent').toBe(1);
    expect(
      result?.failed?.map((f) => orderIdOf(f.entry)),
      'the failed entries reported, in request order',
    ).toEqual(['ord-1', 'ord-4']);
    expect(result?.failed?.[0]?.errorCode, 'errorCode of a failed entry').toBe(
      'ThrottlingException',
    );
    expect(result?.publishedCount, 'publishedCount: 4 of 6 accepted').toBe(4);

    // maxAttempts is honoured, and a single attempt that fails is reported as failed too.
    eventBridge.reset();
    const five = fakeEventBridge({ 'ord-0': 'always' });
    await publishEvents(client, entries(2), { sleep: five.sleep, maxAttempts: 5 });
    expect(five.sends().get('ord-0'), 'times sent with maxAttempts: 5').toBe(5);
    eventBridge.reset();
    const once = fakeEventBridge({ 'ord-0': 'always', 'ord-1': 'always' });
    const single = await publishEvents(client, entries(2), { sleep: once.sleep, maxAttempts: 1 });
    expect(once.calls.length, 'PutEvents calls with maxAttempts: 1').toBe(1);
    expect(
      single?.failed?.length,
      'failed entries when the only call rejected both: a call that returns normally is not a success',
    ).toBe(2);
    expect(single?.publishedCount, 'publishedCount when every entry was rejected').toBe(0);
  });

  it('waits with the injected sleep before each retry, never before the first call', async () => {
    // Prepare
    const fake = fakeEventBridge({ 'ord-0': 'always' });
    // Act
    await publishEvents(client, entries(3), { sleep: fake.sleep, maxAttempts: 3 });
    // Assess
    expect(
      fake.log,
      'the order of PutEvents calls and sleeps: send, then sleep before each retry, and no sleep after the last attempt',
    ).toEqual(['send', 'sleep', 'send', 'sleep', 'send']);
    for (const [ms] of fake.sleep.mock.calls) {
      expect(Number.isFinite(ms) && ms >= 0, `a sleep of ${ms} ms (a finite number ≥ 0)`).toBe(
        true,
      );
    }
    eventBridge.reset();
    const clean = fakeEventBridge();
    await publishEvents(client, entries(15), { sleep: clean.sleep });
    expect(clean.sleep, 'sleeps when nothing was rejected').not.toHaveBeenCalled();
  });
});
