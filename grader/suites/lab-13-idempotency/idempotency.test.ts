/**
 * The lab-13 checks. Most run against a real DynamoDB API (dynalite, in memory, served by the
 * global setup): conditional writes that genuinely fail, concurrent deliveries, records that
 * outlive their expiry because TTL deletion is lazy. A few mock the SDK instead
 * (aws-sdk-client-mock on DynamoDBClient and DynamoDBDocumentClient, normalised by the testkit) to
 * check the exact calls and their order around the charge, and to inject a DynamoDB failure.
 * The clock is faked (Date only), so "24 hours later" takes no time.
 */
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import {
  type DynamoDbCall,
  type DynamoDbRecorder,
  recordDynamoDb,
  useDynalite,
} from '../../testkit/dynamodb.ts';
import { coldStart } from '../../testkit/index.ts';
import {
  type Answer,
  DELIVERY_LIMIT_MS,
  deliver,
  gate,
  handlerFrom,
  type LabModule,
  ORDER,
  type Processor,
  paymentEvent,
  processor,
  show,
  wait,
} from './payments.ts';

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const SECOND = 1000;
const HOUR = 3600 * SECOND;

const dynamo = useDynalite();
let table = '';
let tables = 0;

beforeEach(async () => {
  // A fresh table per check: nothing carries over from one check to the next.
  tables += 1;
  table = `idempotency-${process.pid}-${tables}`;
  await dynamo.createTable(table);
  process.env.IDEMPOTENCY_TABLE = table;
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});

afterEach(() => {
  vi.useRealTimers();
  delete process.env.IDEMPOTENCY_TABLE;
  delete process.env.DYNAMODB_ENDPOINT;
});

/**
 * For the checks of exact calls: mocks every DynamoDB client until the check ends. Nothing should
 * reach the network; if a client escapes the mock, it fails fast on a closed port.
 */
function mockDynamoDb(): DynamoDbRecorder {
  const recorder = recordDynamoDb();
  onTestFinished(() => recorder.restore());
  process.env.DYNAMODB_ENDPOINT = 'http://127.0.0.1:9';
  return recorder;
}

/**
 * A new execution environment of the learner's function, with the checks' card processor; when
 * the SDK is mocked, each charge is also marked in the call log.
 */
async function newEnvironment(cards: Processor, recorder?: DynamoDbRecorder) {
  const module = (await coldStart(
    () => import('@lab/lab-13-idempotency/src/handler.ts'),
  )) as LabModule;
  const marked: Processor = recorder
    ? {
        ...cards,
        charge: (payment) => {
          recorder.mark('charge');
          return cards.charge(payment);
        },
      }
    : cards;
  return handlerFrom(module, marked);
}

function advance(ms: number): void {
  vi.setSystemTime(Date.now() + ms);
}

/** Settles when the promise does, whether it resolves or rejects. */
const settled = (p: Promise<unknown>) =>
  p.then(
    () => 'settled',
    () => 'settled',
  );

const WRITES = new Set(['PutItem', 'UpdateItem', 'TransactWriteItems']);

function describeLog(recorder: DynamoDbRecorder): string {
  return (
    recorder.log
      .map((entry) =>
        'mark' in entry
          ? `[${entry.mark}]`
          : `${entry.command}${entry.input.ConditionExpression ? ` if ${String(entry.input.ConditionExpression)}` : ''}`,
      )
      .join(' → ') || '(no DynamoDB calls)'
  );
}

/** The partition key value a call addresses (the item's for a put, the key's otherwise). */
function pkOf(call: DynamoDbCall): unknown {
  const attributes = call.item ?? call.key ?? {};
  return attributes.pk ?? Object.values(attributes)[0];
}

describe('1. Claim the key with a conditional write', () => {
  it('answers 400 when the Idempotency-Key header is missing', async () => {
    const dynamo = mockDynamoDb();
    const cards = processor();
    const handler = await newEnvironment(cards, dynamo);
    const answer = await deliver(handler, paymentEvent(undefined));
    expect(
      answer.statusCode,
      `status of a payment without an Idempotency-Key header (${show(answer)})`,
    ).toBe(400);
    expect(cards.attempts.length, 'charges for a request without a key').toBe(0);
  });

  it('claims the key with a conditional write before charging', async () => {
    const dynamo = mockDynamoDb();
    const cards = processor();
    const handler = await newEnvironment(cards, dynamo);
    const answer = await deliver(handler, paymentEvent('k-claim'));
    expect(answer.statusCode, `status of the payment (${show(answer)})`).toBe(201);
    const chargeAt = dynamo.log.findIndex((e) => 'mark' in e);
    expect(chargeAt, `the card was charged (calls: ${describeLog(dynamo)})`).toBeGreaterThanOrEqual(
      0,
    );
    const before = dynamo.log.slice(0, chargeAt) as DynamoDbCall[];
    const claim = before.find((c) => WRITES.has(c.op));
    expect(
      claim,
      `a write to the table before the charge (calls: ${describeLog(dynamo)}); reading first and writing after lets two deliveries both charge`,
    ).toBeDefined();
    expect(claim!.input.TableName, 'TableName of the claim (from IDEMPOTENCY_TABLE)').toBe(table);
    // `attribute_not_exists(pk)` or its spelling `NOT attribute_exists(pk)`, in any case.
    expect(
      String(claim!.input.ConditionExpression ?? ''),
      `ConditionExpression of the claim (calls: ${describeLog(dynamo)}): without a condition, the write succeeds for every delivery`,
    ).toMatch(/attribute_not_exists|\bnot\s+attribute_exists/i);
  });

  it('charges once when the same payment arrives twice at the same time', async () => {
    // Prepare: the first charge is held until both deliveries have had their chance.
    const hold = gate();
    const cards = processor(() => hold.promise);
    const handler = await newEnvironment(cards);
    // Act: two deliveries of one request, concurrently (a client retry racing the original).
    const first = deliver(handler, paymentEvent('k-concurrent'));
    const second = deliver(handler, paymentEvent('k-concurrent'));
    await Promise.race([
      settled(first),
      settled(second),
      cards.attempted(2),
      wait(DELIVERY_LIMIT_MS - 500),
    ]);
    hold.open();
    const answers = await Promise.all([first, second]);
    // Assess
    expect(
      cards.attempts.length,
      `charges for two concurrent deliveries of one request (answers: ${answers.map(show).join(' | ')}); a read-then-write or an unconditional put lets both through`,
    ).toBe(1);
    expect(
      answers.filter((a) => a.statusCode === 201).length,
      `deliveries answered 201 with the charge (answers: ${answers.map(show).join(' | ')})`,
    ).toBeGreaterThanOrEqual(1);
  });

  it('answers 409 while the first delivery is still in progress', async () => {
    const hold = gate();
    const cards = processor(() => hold.promise);
    const handler = await newEnvironment(cards);
    const first = deliver(handler, paymentEvent('k-busy'));
    const early = await Promise.race([cards.attempted(1), first]);
    expect(
      cards.attempts.length,
      `charges started by the first delivery${early ? ` (it answered ${show(early)})` : ''}`,
    ).toBe(1);
    advance(2 * SECOND);
    const duplicate = await deliver(handler, paymentEvent('k-busy'));
    hold.open();
    const original = await first;
    expect(
      duplicate.statusCode,
      `status of a duplicate that arrives while the first delivery is charging (${show(duplicate)}); IN_PROGRESS is not COMPLETED: there is no result to return yet`,
    ).toBe(409);
    expect(cards.attempts.length, 'charges after the duplicate').toBe(1);
    expect(original.statusCode, `status of the first delivery (${show(original)})`).toBe(201);
  });

  it('answers 5xx without charging when the claim cannot be written', async () => {
    // Prepare: a first payment goes through while DynamoDB works…
    const dynamo = mockDynamoDb();
    const cards = processor();
    const handler = await newEnvironment(cards, dynamo);
    const working = await deliver(handler, paymentEvent('k-working'));
    expect(working.statusCode, `status while DynamoDB works (${show(working)})`).toBe(201);
    // …then every write is throttled.
    dynamo.reset((call) => {
      if (WRITES.has(call.op))
        throw new ProvisionedThroughputExceededException({
          message: 'The level of configured provisioned throughput for the table was exceeded.',
          $metadata: { httpStatusCode: 400 },
        });
      return {};
    });
    // Act
    const answer = await deliver(handler, paymentEvent('k-throttled'));
    // Assess
    expect(
      cards.attempts.length,
      `charges: the first payment's, and none when DynamoDB rejected the claim with ProvisionedThroughputExceededException (calls: ${describeLog(dynamo)}); without a claim there is no protection against a duplicate`,
    ).toBe(1);
    expect(
      answer.statusCode,
      `status when the claim could not be written (${show(answer)}): only ConditionalCheckFailedException means "someone else has this key"; anything else is a server error the client should retry`,
    ).toBeGreaterThanOrEqual(500);
  });
});

describe('2. Store the result and replay it', () => {
  it('returns the stored response on a replay without charging again', async () => {
    const cards = processor();
    const handler = await newEnvironment(cards);
    const first = await deliver(handler, paymentEvent('k-replay'));
    expect(first.statusCode, `status of the first delivery (${show(first)})`).toBe(201);
    expect(first.body?.paymentId, 'paymentId in the first answer (from the charge)').toBe('pay_1');
    advance(60 * SECOND);
    const again = await deliver(handler, paymentEvent('k-replay'));
    advance(HOUR);
    const later = await deliver(handler, paymentEvent('k-replay'));
    expect(cards.attempts.length, 'charges for one request delivered three times').toBe(1);
    expect(
      [again.statusCode, again.body],
      `a replay a minute later answers exactly what the first delivery answered (got ${show(again)})`,
    ).toEqual([first.statusCode, first.body]);
    expect(
      [later.statusCode, later.body],
      `a replay an hour later answers the same (got ${show(later)})`,
    ).toEqual([first.statusCode, first.body]);
  });

  it('replays the stored response in a new execution environment', async () => {
    const cards = processor();
    const first = await deliver(await newEnvironment(cards), paymentEvent('k-elsewhere'));
    expect(first.statusCode, `status of the first delivery (${show(first)})`).toBe(201);
    advance(5 * SECOND);
    // The retry lands on another environment: only what is in the table can answer it.
    const again = await deliver(await newEnvironment(cards), paymentEvent('k-elsewhere'));
    expect(
      cards.attempts.length,
      'charges after a retry served by another execution environment (memory is per environment; the table is shared)',
    ).toBe(1);
    expect(
      [again.statusCode, again.body],
      `the other environment answers what the first delivery answered (got ${show(again)})`,
    ).toEqual([first.statusCode, first.body]);
  });
});

describe('3. Reject a reused key with a different payload', () => {
  it('rejects the same key with a different payload with 422', async () => {
    const cards = processor();
    const handler = await newEnvironment(cards);
    const first = await deliver(handler, paymentEvent('k-reused', ORDER));
    expect(first.statusCode, `status of the first delivery (${show(first)})`).toBe(201);
    const changed = await deliver(handler, paymentEvent('k-reused', { ...ORDER, amount: 99_900 }));
    expect(
      changed.statusCode,
      `status for the same Idempotency-Key with amount 99900 instead of 1250 (${show(changed)}); that is a client bug, not a retry`,
    ).toBe(422);
    expect(cards.attempts.length, 'charges after the mismatching request').toBe(1);
    const original = await deliver(handler, paymentEvent('k-reused', ORDER));
    expect(
      [original.statusCode, original.body],
      `the original payload still replays its result (got ${show(original)})`,
    ).toEqual([first.statusCode, first.body]);
  });

  it('treats the same payload with its keys in another order as a replay', async () => {
    const cards = processor();
    const handler = await newEnvironment(cards);
    const first = await deliver(handler, paymentEvent('k-order', ORDER));
    expect(first.statusCode, `status of the first delivery (${show(first)})`).toBe(201);
    const reordered = '{ "currency": "EUR",\n  "amount": 1250, "orderId": "o-1001" }';
    const again = await deliver(handler, paymentEvent('k-order', reordered));
    expect(
      [again.statusCode, again.body],
      `answer for the same payment serialised with another key order and spacing (got ${show(again)}); hash a canonical form, not the raw body`,
    ).toEqual([first.statusCode, first.body]);
    expect(cards.attempts.length, 'charges').toBe(1);
  });
});

describe('4. Release the claim when the charge fails', () => {
  it('deletes the claim when the charge fails', async () => {
    const dynamo = mockDynamoDb();
    const cards = processor(() => {
      throw new Error('card network unavailable');
    });
    const handler = await newEnvironment(cards, dynamo);
    const answer = await deliver(handler, paymentEvent('k-release'));
    expect(
      answer.statusCode,
      `status when the charge failed (${show(answer)})`,
    ).toBeGreaterThanOrEqual(500);
    const chargeAt = dynamo.log.findIndex((e) => 'mark' in e);
    expect(chargeAt, `the card was charged (calls: ${describeLog(dynamo)})`).toBeGreaterThanOrEqual(
      0,
    );
    const claim = (dynamo.log.slice(0, chargeAt) as DynamoDbCall[]).find((c) => WRITES.has(c.op));
    expect(
      claim,
      `the claim written before the charge (calls: ${describeLog(dynamo)})`,
    ).toBeDefined();
    const after = dynamo.log.slice(chargeAt + 1) as DynamoDbCall[];
    const deletion = after.find((c) => c.op === 'DeleteItem');
    expect(
      deletion,
      `a DeleteItem after the failed charge (calls: ${describeLog(dynamo)}); a claim left IN_PROGRESS blocks the client's retry`,
    ).toBeDefined();
    expect(pkOf(deletion!), 'the key the DeleteItem removes (the one that was claimed)').toBe(
      pkOf(claim!),
    );
    expect(deletion!.input.TableName, 'TableName of the DeleteItem').toBe(table);
  });

  it('charges once on a retry after a failed charge', async () => {
    const cards = processor((attempt) => {
      if (attempt === 1) throw new Error('card network unavailable');
    });
    const handler = await newEnvironment(cards);
    const failed = await deliver(handler, paymentEvent('k-retry'));
    expect(
      failed.statusCode,
      `status when the charge fails (${show(failed)}): a server-side failure, so the client retries`,
    ).toBeGreaterThanOrEqual(500);
    advance(3 * SECOND);
    const retry = await deliver(handler, paymentEvent('k-retry'));
    expect(
      retry.statusCode,
      `status of the retry after the failed charge (${show(retry)}); a claim that is never released blocks the key until it expires`,
    ).toBe(201);
    expect(cards.attempts.length, 'charge attempts: the failed one, then the retry').toBe(2);
    const replay = await deliver(handler, paymentEvent('k-retry'));
    expect(cards.attempts.length, 'charge attempts after one more replay').toBe(2);
    expect(replay.body, 'the replay answers the successful charge').toEqual(retry.body);
  });

  it('lets a retry take over a claim whose attempt crashed, after the in-progress expiry', async () => {
    // Prepare: the first attempt starts charging and never finishes (the environment died).
    const cards = processor((attempt) => (attempt === 1 ? new Promise<void>(() => {}) : undefined));
    const handler = await newEnvironment(cards);
    const crashed = deliver(handler, paymentEvent('k-crashed')).catch(
      (error: Error) => ({ statusCode: 0, body: undefined, threw: error.message }) as Answer,
    );
    await Promise.race([cards.attempted(1), crashed]);
    expect(
      cards.attempts.length,
      'charges started by the first attempt (it should claim the key and start charging)',
    ).toBe(1);
    // Act
    advance(10 * SECOND);
    const soon = await deliver(handler, paymentEvent('k-crashed'));
    advance(16 * 60 * SECOND); // past any Lambda timeout (15 minutes at most)
    const later = await deliver(handler, paymentEvent('k-crashed'));
    // Assess
    expect(
      soon.statusCode,
      `status 10 s after the first attempt started, within its 30 s function timeout (${show(soon)})`,
    ).toBe(409);
    expect(
      later.statusCode,
      `status 16 minutes later, when the first attempt cannot be running any more (${show(later)}); give IN_PROGRESS its own short expiry (now + remaining time)`,
    ).toBe(201);
    expect(cards.attempts.length, 'charge attempts: the crashed one and the takeover').toBe(2);
  });
});

describe('5. Expire records with a TTL in epoch seconds', () => {
  it('stores the expiry in epoch seconds, 24 hours ahead', async () => {
    const cards = processor();
    const handler = await newEnvironment(cards);
    const answer = await deliver(handler, paymentEvent('k-ttl'));
    expect(answer.statusCode, `status (${show(answer)})`).toBe(201);
    const items = await dynamo.scan(table);
    expect(items.length, `items in the table after one payment: ${JSON.stringify(items)}`).toBe(1);
    const expiresAt = items[0]!.expiresAt;
    expect(
      typeof expiresAt,
      `type of expiresAt in ${JSON.stringify(items[0])} (DynamoDB TTL reads a Number attribute)`,
    ).toBe('number');
    const expected = Math.floor(T0 / 1000) + 24 * 3600;
    expect(
      Math.abs((expiresAt as number) - expected) <= 60,
      `expiresAt is ${expiresAt}; expected about ${expected} (epoch SECONDS, 24 hours after the payment). A 13-digit value is milliseconds: TTL would read it as tens of thousands of years ahead and never delete the item`,
    ).toBe(true);
  });

  it('charges again once the record has expired, even before TTL deletes it', async () => {
    const cards = processor();
    const handler = await newEnvironment(cards);
    const first = await deliver(handler, paymentEvent('k-expiry'));
    expect(first.statusCode, `status of the first delivery (${show(first)})`).toBe(201);
    advance(23 * HOUR);
    const within = await deliver(handler, paymentEvent('k-expiry'));
    expect(
      [within.statusCode, within.body, cards.attempts.length],
      `23 hours later: still a replay (got ${show(within)})`,
    ).toEqual([first.statusCode, first.body, 1]);
    advance(HOUR + 2 * SECOND);
    const after = await deliver(handler, paymentEvent('k-expiry'));
    expect(
      (await dynamo.scan(table)).length,
      'items in the table (TTL has not deleted anything: it runs lazily, typically within days)',
    ).toBe(1);
    expect(
      [after.statusCode, cards.attempts.length],
      `24 hours and 2 s later the record has expired, though it is still in the table: the key is new again and the payment runs (got ${show(after)}, charges ${cards.attempts.length})`,
    ).toEqual([201, 2]);
    expect(after.body?.paymentId, 'paymentId of the new charge').toBe('pay_2');
  });
});
