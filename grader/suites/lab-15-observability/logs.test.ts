/**
 * Lab 15, tasks 1 and 2: structured JSON logs with the invocation's keys and a correlation id,
 * and DEBUG sampling decided once per invocation. Only the output is checked: any logger
 * (hand-written, Powertools, pino…) that prints these lines passes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiGatewayV1Event, apiGatewayV2Event, header } from '../../testkit/index.ts';
import {
  FUNCTION_NAME,
  type Invocation,
  linesAt,
  newEnvironment,
  resetEnvironment,
  show,
  VALID_ORDER,
} from './harness.ts';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/;
const T1 = Date.UTC(2026, 10, 26, 9, 30, 0, 123);
const T2 = Date.UTC(2026, 10, 26, 9, 31, 5, 456);

const post = (body: unknown, spec: Parameters<typeof apiGatewayV2Event>[0] = {}) =>
  apiGatewayV2Event({ method: 'POST', path: '/orders', body: body as object, ...spec });
const postV1 = (body: unknown, spec: Parameters<typeof apiGatewayV1Event>[0] = {}) =>
  apiGatewayV1Event({ method: 'POST', path: '/orders', body: body as object, ...spec });

function expectLogLines(invocation: Invocation, what: string) {
  expect(
    invocation.logs.length,
    `JSON log lines written by ${what}; ${show(invocation)}`,
  ).toBeGreaterThan(0);
}

beforeEach(() => {
  // Only Date is faked: timestamps are predictable, everything else runs normally.
  vi.useFakeTimers({ now: T1, toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  resetEnvironment();
});

describe('1. Write one JSON object per log line', () => {
  it('writes every line as one JSON object with level, message and an ISO 8601 timestamp', async () => {
    // Prepare
    const invoke = await newEnvironment();
    // Act
    const placed = await invoke(post(VALID_ORDER));
    vi.setSystemTime(T2);
    const rejected = await invoke(post({ customerId: '' }));
    // Assess
    for (const [what, invocation, at] of [
      ['a valid order', placed, T1],
      ['an invalid order', rejected, T2],
    ] as const) {
      expect(
        invocation.unparseable.length,
        `lines of ${what} that are not one JSON object each (CloudWatch Logs Insights cannot query them), such as:\n${invocation.unparseable
          .slice(0, 3)
          .map((t) => `    ${t.slice(0, 160)}`)
          .join('\n')}\n`,
      ).toBe(0);
      expectLogLines(invocation, what);
      for (const line of invocation.logs) {
        const text = JSON.stringify(line).slice(0, 200);
        expect(['DEBUG', 'INFO', 'WARN', 'ERROR'], `the level of ${text}`).toContain(
          String(line.level).toUpperCase(),
        );
        expect(
          typeof line.message === 'string' && line.message.length > 0,
          `a non-empty "message" string in ${text}`,
        ).toBe(true);
        expect(String(line.timestamp), `"timestamp" of ${text}: ISO 8601`).toMatch(ISO_8601);
        expect(
          Date.parse(String(line.timestamp)),
          `"timestamp" of ${text}: the time the line was written`,
        ).toBe(at);
      }
    }
    expect(linesAt(placed, 'INFO').length, 'INFO lines for a placed order').toBeGreaterThan(0);
    expect(linesAt(rejected, 'WARN').length, 'WARN lines for a rejected order').toBeGreaterThan(0);
  });

  it('adds the request id, the function name and the cold-start flag to every line', async () => {
    // Prepare: LOG_LEVEL=DEBUG, so that an invocation writes several lines
    const invoke = await newEnvironment({ env: { LOG_LEVEL: 'DEBUG' } });
    // Act
    const cold = await invoke(post(VALID_ORDER), 'req-cold-1');
    const warm = await invoke(post({ items: [] }), 'req-warm-2');
    // Assess
    for (const [what, invocation, requestId, coldStart] of [
      ['the cold invocation', cold, 'req-cold-1', true],
      ['the warm invocation', warm, 'req-warm-2', false],
    ] as const) {
      expectLogLines(invocation, what);
      for (const line of invocation.logs) {
        const text = JSON.stringify(line).slice(0, 200);
        expect(line.function_request_id, `function_request_id in ${text} (${what})`).toBe(
          requestId,
        );
        expect(line.function_name, `function_name in ${text}`).toBe(FUNCTION_NAME);
        expect(line.cold_start, `cold_start in ${text} (${what})`).toBe(coldStart);
      }
    }
  });

  it('carries the correlation id from the x-correlation-id header, else the API Gateway request id', async () => {
    // Prepare: LOG_LEVEL=DEBUG, so that a placed order writes several lines
    const invoke = await newEnvironment({ env: { LOG_LEVEL: 'DEBUG' } });
    const cases = [
      {
        what: 'a REST API (1.0) request with an X-Correlation-Id header',
        event: postV1(VALID_ORDER, {
          headers: { 'X-Correlation-Id': 'corr-from-caller-1' },
          requestId: 'apigw-rest-1',
        }),
        expected: 'corr-from-caller-1',
      },
      {
        what: 'an HTTP API (2.0) request with an x-correlation-id header',
        event: post(VALID_ORDER, {
          headers: { 'x-correlation-id': 'corr-from-caller-2' },
          requestId: 'apigw-http-2',
        }),
        expected: 'corr-from-caller-2',
      },
      {
        what: 'an HTTP API (2.0) request without the header',
        event: post(VALID_ORDER, { requestId: 'apigw-http-3' }),
        expected: 'apigw-http-3',
      },
      {
        what: 'a REST API (1.0) request without the header, rejected',
        event: postV1({ nope: true }, { requestId: 'apigw-rest-4' }),
        expected: 'apigw-rest-4',
      },
    ];
    for (const { what, event, expected } of cases) {
      const invocation = await invoke(event);
      expectLogLines(invocation, what);
      for (const line of invocation.logs)
        expect(
          line.correlation_id,
          `correlation_id on every line of ${what}, the last one included: ${JSON.stringify(line).slice(0, 160)}`,
        ).toBe(expected);
      expect(
        header(invocation.result as never, 'x-correlation-id'),
        `the x-correlation-id response header for ${what}`,
      ).toBe(expected);
    }
  });

  it('generates a correlation id when the event has none and keeps it for the whole invocation', async () => {
    // Prepare: a direct invocation (the console's test button) has no headers, no requestContext
    const invoke = await newEnvironment({ env: { LOG_LEVEL: 'DEBUG' } });
    const event = { body: JSON.stringify(VALID_ORDER) };
    // Act
    const first = await invoke(event);
    const second = await invoke({ ...event });
    // Assess
    expectLogLines(first, 'an event without any correlation id');
    const ids = new Set(first.logs.map((l) => l.correlation_id));
    expect(ids.size, 'distinct correlation ids among the lines of one invocation').toBe(1);
    const [id] = ids;
    expect(
      typeof id === 'string' && id.length >= 8,
      `a generated correlation id (a string such as a UUID), got ${JSON.stringify(id)}`,
    ).toBe(true);
    expect(header(first.result as never, 'x-correlation-id'), 'the x-correlation-id header').toBe(
      id,
    );
    expectLogLines(second, 'the next invocation without a correlation id');
    expect(
      second.logs[0]?.correlation_id,
      'the next invocation generates its own correlation id',
    ).not.toBe(id);
  });

  it("keeps one invocation's keys out of the next invocation's lines", async () => {
    // Prepare
    const invoke = await newEnvironment({ env: { LOG_LEVEL: 'DEBUG' } });
    const first = await invoke(
      postV1(VALID_ORDER, { headers: { 'X-Correlation-Id': 'corr-first-request' } }),
      'req-first',
    );
    const orderId = JSON.parse(first.result?.body ?? '{}').orderId as string | undefined;
    // Act: the next request, on the same (warm) environment, is rejected
    const second = await invoke(
      post({ customerId: 'cus-9' }, { requestId: 'apigw-second' }),
      'req-second',
    );
    // Assess
    expectLogLines(second, 'the second invocation');
    for (const text of second.texts) {
      expect(
        text,
        'a line of the second invocation must not mention the first one’s correlation id',
      ).not.toContain('corr-first-request');
      expect(
        text,
        'a line of the second invocation must not carry the first one’s request id',
      ).not.toContain('req-first');
      if (orderId)
        expect(
          text,
          `a line of the second invocation must not carry the first one’s order id`,
        ).not.toContain(orderId);
    }
    for (const line of second.logs)
      expect(line.correlation_id, 'correlation_id of the second invocation').toBe('apigw-second');
  });
});

describe('2. Sample DEBUG logs per invocation', () => {
  it('respects LOG_LEVEL', async () => {
    // Default: INFO and above.
    const byDefault = await (await newEnvironment())(post(VALID_ORDER));
    expect(
      linesAt(byDefault, 'INFO').length,
      `INFO lines with LOG_LEVEL unset; ${show(byDefault)}`,
    ).toBeGreaterThan(0);
    expect(linesAt(byDefault, 'DEBUG'), 'DEBUG lines with LOG_LEVEL unset (INFO)').toEqual([]);

    // WARN: a placed order writes nothing below WARN, a rejected one writes its WARN line.
    const warnInvoke = await newEnvironment({ env: { LOG_LEVEL: 'WARN' } });
    const quiet = await warnInvoke(post(VALID_ORDER));
    expect(
      quiet.logs.filter((l) => ['DEBUG', 'INFO'].includes(String(l.level).toUpperCase())),
      'DEBUG and INFO lines with LOG_LEVEL=WARN',
    ).toEqual([]);
    const rejected = await warnInvoke(post({ customerId: '' }));
    expect(
      linesAt(rejected, 'WARN').length,
      `WARN lines with LOG_LEVEL=WARN for a rejected order; ${show(rejected)}`,
    ).toBeGreaterThan(0);

    // DEBUG: everything.
    const verbose = await (await newEnvironment({ env: { LOG_LEVEL: 'DEBUG' } }))(
      post(VALID_ORDER),
    );
    expect(
      linesAt(verbose, 'DEBUG').length,
      `DEBUG lines with LOG_LEVEL=DEBUG; ${show(verbose)}`,
    ).toBeGreaterThanOrEqual(2);
  });

  it('logs DEBUG for a sampled invocation and not for the others', async () => {
    // Prepare: 25% of invocations are sampled; the random source is scripted per invocation.
    const draws: number[] = [];
    const invoke = await newEnvironment({
      env: { LOG_DEBUG_SAMPLE_RATE: '0.25' },
      random: () => draws.shift() ?? 0.99,
    });
    // Act
    draws.push(0.1);
    const sampled = await invoke(post(VALID_ORDER));
    draws.length = 0;
    draws.push(0.9);
    const unsampled = await invoke(post(VALID_ORDER));
    // Assess
    expect(
      linesAt(sampled, 'DEBUG').length,
      `DEBUG lines when random() returns 0.1 and LOG_DEBUG_SAMPLE_RATE is 0.25 (sampled: 0.1 < 0.25); ${show(sampled)}`,
    ).toBeGreaterThanOrEqual(2);
    expect(linesAt(sampled, 'INFO').length, 'INFO lines of the sampled invocation').toBeGreaterThan(
      0,
    );
    expect(
      linesAt(unsampled, 'DEBUG'),
      'DEBUG lines when random() returns 0.9 (not sampled: LOG_LEVEL applies)',
    ).toEqual([]);
    expect(
      linesAt(unsampled, 'INFO').length,
      'INFO lines of the unsampled invocation',
    ).toBeGreaterThan(0);

    // No sample rate means no sampling, even when random() returns 0.
    const never = await (await newEnvironment({ random: () => 0 }))(post(VALID_ORDER));
    expect(linesAt(never, 'DEBUG'), 'DEBUG lines with LOG_DEBUG_SAMPLE_RATE unset').toEqual([]);
  });

  it('decides the sampling once per invocation, not once per line', async () => {
    // Prepare: random() alternates 0.1, 0.9, 0.1, … on every call, whoever calls it.
    let calls = 0;
    const invoke = await newEnvironment({
      env: { LOG_DEBUG_SAMPLE_RATE: '0.5' },
      random: () => (calls++ % 2 === 0 ? 0.1 : 0.9),
    });
    // Act
    const invocations = [];
    for (let i = 0; i < 4; i++) invocations.push(await invoke(post(VALID_ORDER)));
    // Assess: each invocation has all of its DEBUG lines (as many as with LOG_LEVEL=DEBUG), or none.
    const reference = await (await newEnvironment({ env: { LOG_LEVEL: 'DEBUG' } }))(
      post(VALID_ORDER),
    );
    const full = linesAt(reference, 'DEBUG').length;
    expect(
      full,
      `DEBUG lines of an order with LOG_LEVEL=DEBUG; ${show(reference)}`,
    ).toBeGreaterThanOrEqual(2);
    const counts = invocations.map((inv) => linesAt(inv, 'DEBUG').length);
    for (const [i, count] of counts.entries()) {
      expect(
        count === 0 || count === full,
        `invocation ${i + 1} wrote ${count} of its ${full} DEBUG lines: the sampling decision must be made once per invocation (DEBUG lines per invocation: ${counts.join(', ')})`,
      ).toBe(true);
    }
    expect(
      counts.filter((c) => c === 0).length,
      `unsampled invocations among 4 with a 50% rate and alternating draws (DEBUG lines per invocation: ${counts.join(', ')}): is the decision made once per environment instead of once per invocation?`,
    ).toBeGreaterThan(0);
  });
});
