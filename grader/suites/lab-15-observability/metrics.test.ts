/**
 * Lab 15, task 3: metrics in CloudWatch Embedded Metric Format. Every EMF line the function
 * prints is validated against the specification (grader/testkit/emf.ts); the checks count EMF
 * lines per invocation and read the metrics from them. A hand-written EMF writer and
 * Powertools' Metrics both pass (Powertools prints ColdStart in a line of its own).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emfMetrics, emfProblems } from '../../testkit/emf.ts';
import { apiGatewayV2Event } from '../../testkit/index.ts';
import {
  BUSINESS_METRICS,
  type Invocation,
  NAMESPACE,
  newEnvironment,
  resetEnvironment,
  SERVICE,
  show,
  VALID_ORDER,
  VALID_TOTAL,
} from './harness.ts';

const T1 = Date.UTC(2026, 10, 26, 10, 0, 0, 250);

const post = (body: unknown) =>
  apiGatewayV2Event({ method: 'POST', path: '/orders', body: body as object });

/** Fails with every specification problem of every EMF line of the invocation. */
function expectValidEmf(invocation: Invocation, what: string) {
  expect(
    invocation.emf.length,
    `EMF lines (JSON with _aws) printed by ${what}; ${show(invocation)}`,
  ).toBeGreaterThan(0);
  for (const doc of invocation.emf) {
    const problems = emfProblems(doc, { now: Date.now() });
    expect(
      problems.length,
      `the EMF line of ${what} breaks the specification: ${problems.join('; ')}\n    in ${JSON.stringify(doc).slice(0, 240)}\n`,
    ).toBe(0);
  }
}

/** metric name → the EMF lines (indexes) that declare it. */
function whereDeclared(invocation: Invocation): Map<string, number[]> {
  const found = new Map<string, number[]>();
  invocation.emf.forEach((doc, i) => {
    for (const metric of new Set(emfMetrics(doc).map((m) => m.name)))
      found.set(metric, [...(found.get(metric) ?? []), i]);
  });
  return found;
}

function metric(invocation: Invocation, name: string) {
  return invocation.emf.flatMap((doc) => emfMetrics(doc)).find((m) => m.name === name);
}

function coldStartCount(invocation: Invocation): number {
  return invocation.emf
    .flatMap((doc) => emfMetrics(doc))
    .filter((m) => m.name === 'ColdStart')
    .reduce((sum, m) => sum + m.values.reduce((a, b) => a + b, 0), 0);
}

/**
 * Exactly one EMF line carries the business metrics; at most one more line may exist, and only
 * for the ColdStart metric (Powertools prints that one separately).
 */
function expectOneFlush(invocation: Invocation, what: string, expected: string[]) {
  const declared = whereDeclared(invocation);
  for (const name of expected)
    expect(
      declared.has(name),
      `the metric ${name} in the EMF output of ${what}; ${show(invocation)}`,
    ).toBe(true);
  const businessLines = new Set(
    [...declared].filter(([name]) => BUSINESS_METRICS.includes(name)).flatMap(([, lines]) => lines),
  );
  expect(
    businessLines.size,
    `EMF lines holding the metrics of ${what}: one flush per invocation prints every metric in one line (metrics per line: ${invocation.emf
      .map((d) =>
        emfMetrics(d)
          .map((m) => m.name)
          .join('+'),
      )
      .join(' | ')})`,
  ).toBe(1);
  const others = invocation.emf.filter((_, i) => !businessLines.has(i));
  for (const doc of others)
    expect(
      emfMetrics(doc).map((m) => m.name),
      `an extra EMF line of ${what} may only hold the ColdStart metric`,
    ).toEqual(['ColdStart']);
}

beforeEach(() => {
  vi.useFakeTimers({ now: T1, toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  resetEnvironment();
});

describe('3. Publish metrics in Embedded Metric Format', () => {
  it('prints EMF that follows the specification, with the namespace and the service dimension', async () => {
    // Prepare
    const invoke = await newEnvironment();
    await invoke(post(VALID_ORDER)); // the cold invocation
    // Act: a warm one
    const warm = await invoke(post(VALID_ORDER));
    // Assess
    expectValidEmf(warm, 'a placed order');
    const doc = warm.emf.find((d) => emfMetrics(d).some((m) => m.name === 'OrdersPlaced'));
    expect(doc, `an EMF line with the OrdersPlaced metric; ${show(warm)}`).toBeDefined();
    const metrics = emfMetrics(doc);
    for (const m of metrics) {
      expect(m.namespace, `the Namespace of ${m.name} (POWERTOOLS_METRICS_NAMESPACE)`).toBe(
        NAMESPACE,
      );
      expect(
        m.dimensionSets.some((set) => set.includes('service')),
        `a dimension set of ${m.name} with the "service" dimension (got ${JSON.stringify(m.dimensionSets)})`,
      ).toBe(true);
    }
    expect(
      doc?.service,
      'the value of the service dimension, at the top level (POWERTOOLS_SERVICE_NAME)',
    ).toBe(SERVICE);
    const aws = doc?._aws as { Timestamp?: number } | undefined;
    expect(
      Math.abs((aws?.Timestamp ?? 0) - T1) <= 60_000,
      `_aws.Timestamp is the time of the invocation in epoch milliseconds (${T1}), got ${aws?.Timestamp}`,
    ).toBe(true);
    const placed = metrics.find((m) => m.name === 'OrdersPlaced');
    expect(placed?.unit, 'the unit of OrdersPlaced').toBe('Count');
    expect(placed?.values, 'the value of OrdersPlaced').toEqual([1]);
    expect(
      metrics.find((m) => m.name === 'OrderValueCents')?.values,
      'the value of OrderValueCents',
    ).toEqual([VALID_TOTAL]);
    const time = metrics.find((m) => m.name === 'ProcessingTime');
    expect(time?.unit, 'the unit of ProcessingTime').toBe('Milliseconds');
    expect(
      time?.values.length === 1 && (time.values[0] ?? -1) >= 0,
      'one ProcessingTime value, a duration ≥ 0',
    ).toBe(true);
  });

  it("flushes all of an invocation's metrics in one EMF line", async () => {
    // Prepare
    const invoke = await newEnvironment();
    // Act
    const cold = await invoke(post(VALID_ORDER));
    const placed = await invoke(post(VALID_ORDER));
    const rejected = await invoke(post({ items: 'none' }));
    // Assess
    expectValidEmf(placed, 'a placed order');
    expect(
      placed.emf.length,
      'EMF lines printed by a warm invocation that records three metrics',
    ).toBe(1);
    expectOneFlush(placed, 'a placed order', ['OrdersPlaced', 'OrderValueCents', 'ProcessingTime']);
    expectValidEmf(rejected, 'a rejected order');
    expect(
      rejected.emf.length,
      'EMF lines printed by a warm invocation that rejects the order',
    ).toBe(1);
    expectOneFlush(rejected, 'a rejected order', ['OrdersRejected', 'ProcessingTime']);
    expect(
      metric(rejected, 'OrdersPlaced'),
      'OrdersPlaced in the EMF of a rejected order (the buffer starts empty each invocation)',
    ).toBeUndefined();
    expectValidEmf(cold, 'the cold invocation');
    expectOneFlush(cold, 'the cold invocation', [
      'OrdersPlaced',
      'OrderValueCents',
      'ProcessingTime',
    ]);
  });

  it('flushes the metrics even when the handler throws', async () => {
    // Prepare: storing the order fails
    const invoke = await newEnvironment({
      saveOrder: async () => {
        throw Object.assign(new Error('DynamoDB is unavailable'), { name: 'ServiceUnavailable' });
      },
    });
    await invoke(post({ customerId: '' })); // the cold invocation
    // Act
    const failed = await invoke(post(VALID_ORDER));
    // Assess
    expect(
      failed.error,
      'the invocation fails (the error propagates) when the order cannot be stored',
    ).toBeDefined();
    expectValidEmf(failed, 'an invocation that throws');
    expect(failed.emf.length, 'EMF lines printed by an invocation that throws').toBe(1);
    expectOneFlush(failed, 'an invocation that throws', ['OrdersFailed', 'ProcessingTime']);
    expect(metric(failed, 'OrdersFailed')?.values, 'the value of OrdersFailed').toEqual([1]);
    expect(
      failed.logs.some((l) => String(l.level).toUpperCase() === 'ERROR'),
      `an ERROR log line for the failure; ${show(failed)}`,
    ).toBe(true);
  });

  it('emits a ColdStart metric on the cold invocation only', async () => {
    // Prepare
    const invoke = await newEnvironment();
    // Act
    const first = await invoke(post(VALID_ORDER));
    const second = await invoke(post(VALID_ORDER));
    const third = await invoke(post({}));
    const again = await (await newEnvironment())(post(VALID_ORDER));
    // Assess
    expectValidEmf(first, 'the cold invocation');
    expect(coldStartCount(first), `ColdStart metric of the cold invocation; ${show(first)}`).toBe(
      1,
    );
    expect(metric(first, 'ColdStart')?.unit, 'the unit of ColdStart').toBe('Count');
    expect(coldStartCount(second), 'ColdStart metric of the second (warm) invocation').toBe(0);
    expect(
      metric(second, 'ColdStart'),
      'a ColdStart metric declared on a warm invocation',
    ).toBeUndefined();
    expect(
      metric(third, 'ColdStart'),
      'a ColdStart metric declared on the third invocation',
    ).toBeUndefined();
    expect(
      coldStartCount(again),
      'ColdStart metric of the first invocation of a new environment',
    ).toBe(1);
  });
});
