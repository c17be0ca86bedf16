/**
 * Lab 07, tasks 1–3: the pool of execution environments. Every trace here is small enough to
 * work out by hand (the comments do), and no check depends on which of several free
 * environments takes a request, or on how environments are numbered.
 */
import { simulate } from '@lab/lab-07-cold-start-simulator/src/simulator.ts';
import type {
  SimulationConfig,
  SimulationResult,
  Status,
  TraceRequest,
} from '@lab/lab-07-cold-start-simulator/src/types.ts';
import { describe, expect, it } from 'vitest';

const at = (arrivalMs: number, durationMs: number): TraceRequest => ({ arrivalMs, durationMs });

function run(trace: TraceRequest[], config: SimulationConfig): SimulationResult {
  const result = simulate(trace, config);
  expect(Array.isArray(result?.requests), 'simulate() returns { requests: [...] }').toBe(true);
  expect(result.requests.length, 'one outcome per request of the trace').toBe(trace.length);
  return result;
}

const statuses = (result: SimulationResult): Status[] => result.requests.map((r) => r.status);
const latencies = (result: SimulationResult) => result.requests.map((r) => r.latencyMs);
const environments = (result: SimulationResult) => result.requests.map((r) => r.environment);

function count(result: SimulationResult, status: Status): number {
  return result.requests.filter((r) => r.status === status).length;
}

describe('1. Cold and warm starts, and keep-alive', () => {
  it('starts the first request cold and serves the next one warm in the same environment', () => {
    // Prepare: INIT 500 ms. A runs 0 → 600 (500 INIT + 100); B arrives at 1,000.
    const trace = [at(0, 100), at(1_000, 80)];
    // Act
    const result = run(trace, { initMs: 500, keepAliveMs: 60_000 });
    // Assess
    expect(statuses(result), 'status of a first request and of one after it').toEqual([
      'cold',
      'warm',
    ]);
    expect(
      latencies(result),
      'latency: INIT + duration when cold, duration only when warm',
    ).toEqual([600, 80]);
    const [first, second] = result.requests;
    expect(first!.environment, 'a served request names its environment').not.toBeNull();
    expect(second!.environment, 'the warm request reuses the first environment').toBe(
      first!.environment,
    );
    expect(
      result.requests.map((r) => [r.arrivalMs, r.durationMs]),
      'each outcome copies arrivalMs and durationMs from its request',
    ).toEqual([
      [0, 100],
      [1_000, 80],
    ]);
  });

  it('gives a request a new, cold environment while every environment is busy', () => {
    // Prepare: INIT 300 ms. A keeps its environment busy until 1,300; B arrives at 200.
    const busy = run([at(0, 1_000), at(200, 100), at(2_000, 50)], {
      initMs: 300,
      keepAliveMs: 60_000,
    });
    // A is still in INIT (0 → 300) when B arrives at 250: INIT is busy time too.
    const initialising = run([at(0, 100), at(250, 100)], { initMs: 300, keepAliveMs: 60_000 });
    // Assess
    expect(statuses(busy), 'B arrives while A runs; C after both ended').toEqual([
      'cold',
      'cold',
      'warm',
    ]);
    const [a, b, c] = environments(busy);
    expect(b, 'overlapping requests never share an environment').not.toBe(a);
    expect([a, b], 'the later request reuses one of the two environments').toContain(c);
    expect(
      statuses(initialising),
      'a request arriving while the only environment is still in INIT',
    ).toEqual(['cold', 'cold']);
  });

  it('measures keep-alive from when the environment became idle, not from the arrival', () => {
    // Prepare: INIT 500, keep-alive 2,000. A arrives at 0 and runs until 3,500: its environment
    // is idle from 3,500 and reclaimed at 5,500. B at 5,000 finds it; B ends at 5,100, so the
    // environment goes at 7,100 and C at 7,700 starts cold.
    const trace = [at(0, 3_000), at(5_000, 100), at(7_700, 100)];
    // Act
    const result = run(trace, { initMs: 500, keepAliveMs: 2_000 });
    // Assess
    expect(
      statuses(result),
      'keep-alive 2 s: B 1.5 s after A ended, C 2.6 s after B ended',
    ).toEqual(['cold', 'warm', 'cold']);
    expect(result.requests[1]!.environment, 'B runs in A’s environment').toBe(
      result.requests[0]!.environment,
    );
  });

  it('applies the boundary rules: free when its request ends, gone when keep-alive ends', () => {
    // Prepare: INIT 100, keep-alive 1,000. A: 0 → 500. B arrives at exactly 500 (free again),
    // runs until 600, so the environment is reclaimed at exactly 1,600, when C arrives.
    // C ends at 1,800; D at 2,799 is 1 ms inside C's keep-alive.
    const trace = [at(0, 400), at(500, 100), at(1_600, 100), at(2_799, 10)];
    // Act
    const result = run(trace, { initMs: 100, keepAliveMs: 1_000 });
    // Assess
    expect(
      statuses(result),
      'B arrives as A ends; C exactly keep-alive after B ended; D 1 ms before expiry',
    ).toEqual(['cold', 'warm', 'cold', 'warm']);
    const [a, , c, d] = environments(result);
    expect(c, 'a reclaimed environment is gone: C gets a new one').not.toBe(a);
    expect(d, 'D reuses C’s environment').toBe(c);
  });
});

describe('2. Reserved concurrency, throttling and the scaling rate', () => {
  it('throttles requests beyond reserved concurrency instead of queuing them', () => {
    // Prepare: reserved 2. A and B keep two environments busy until ~1,100; C arrives at 20.
    const over = run([at(0, 1_000), at(10, 1_000), at(20, 1_000), at(1_200, 100)], {
      initMs: 100,
      keepAliveMs: 60_000,
      reserved: 2,
    });
    // Reserved 1: A's environment is in INIT (busy) when B arrives at 200.
    const duringInit = run([at(0, 100), at(200, 100)], {
      initMs: 500,
      keepAliveMs: 60_000,
      reserved: 1,
    });
    // Assess
    expect(statuses(over), 'reserved 2, three overlapping requests, then one later').toEqual([
      'cold',
      'cold',
      'throttled',
      'warm',
    ]);
    const c = over.requests[2]!;
    expect(c.latencyMs, 'a throttled request has no latency (latencyMs null)').toBeNull();
    expect(c.environment, 'a throttled request has no environment (null)').toBeNull();
    expect(
      statuses(duringInit),
      'reserved 1: an environment in INIT counts toward the concurrency',
    ).toEqual(['cold', 'throttled']);
  });

  it('limits new environments to the scaling rate, and scales again in the next window', () => {
    // Prepare: at most 2 new environments per 1,000 ms. Every request runs 5 s, so none ends
    // within the trace and every one needs a new environment.
    const trace = [
      at(0, 5_000),
      at(0, 5_000),
      at(0, 5_000),
      at(0, 5_000),
      at(999, 5_000),
      at(1_000, 5_000),
      at(1_000, 5_000),
      at(1_001, 5_000),
    ];
    // Act
    const result = run(trace, {
      initMs: 100,
      keepAliveMs: 60_000,
      scaling: { environments: 2, windowMs: 1_000 },
    });
    // Assess
    expect(
      statuses(result),
      '2 new environments per 1,000 ms: four at 0, one at 999, two at 1,000, one at 1,001',
    ).toEqual(['cold', 'cold', 'throttled', 'throttled', 'throttled', 'cold', 'cold', 'throttled']);
  });

  it('lets free environments serve requests after the scaling budget is spent', () => {
    // Prepare: 2 new environments per 10 s, both created at 0 (busy until 300). Then warm
    // requests reuse them: two at 500 (busy until 600), two at exactly 600. At 650 both are busy.
    const trace = [
      at(0, 200),
      at(0, 200),
      at(500, 100),
      at(500, 100),
      at(600, 100),
      at(600, 100),
      at(650, 100),
    ];
    // Act
    const result = run(trace, {
      initMs: 100,
      keepAliveMs: 60_000,
      scaling: { environments: 2, windowMs: 10_000 },
    });
    // Assess
    expect(
      statuses(result),
      'reusing a free environment is not scaling: only new environments count',
    ).toEqual(['cold', 'cold', 'warm', 'warm', 'warm', 'warm', 'throttled']);
  });
});

describe('3. Provisioned concurrency and warmers', () => {
  it('serves requests warm on provisioned environments, then spills over to on-demand ones', () => {
    // Prepare: provisioned 2 within reserved 3; four overlapping requests.
    const trace = [at(0, 1_000), at(1, 1_000), at(2, 1_000), at(3, 1_000)];
    // Act
    const result = run(trace, { initMs: 400, keepAliveMs: 60_000, provisioned: 2, reserved: 3 });
    // Assess
    expect(
      statuses(result),
      'provisioned 2, reserved 3: provisioned environments count toward reserved concurrency',
    ).toEqual(['warm', 'warm', 'cold', 'throttled']);
    expect(latencies(result), 'latency on a provisioned environment has no INIT').toEqual([
      1_000,
      1_000,
      1_400,
      null,
    ]);
  });

  it('never reclaims provisioned environments, however long they stay idle', () => {
    // Prepare: one provisioned environment, keep-alive 1 minute, requests an hour apart.
    const trace = [at(0, 100), at(3_600_000, 100), at(7_200_000, 100)];
    // Act
    const result = run(trace, { initMs: 400, keepAliveMs: 60_000, provisioned: 1 });
    // Assess
    expect(statuses(result), 'requests an hour apart on a provisioned environment').toEqual([
      'warm',
      'warm',
      'warm',
    ]);
    const [first] = environments(result);
    expect(environments(result), 'all three run in the one provisioned environment').toEqual([
      first,
      first,
      first,
    ]);
  });

  it('keeps one environment warm with periodic warmer pings between sparse requests', () => {
    // Prepare: keep-alive 60 s, a ping every 50 s (20 ms each), requests 100 s apart: without
    // the pings each request finds its environment reclaimed.
    const trace = [at(70_000, 100), at(170_000, 100), at(270_000, 100)];
    const config = { initMs: 300, keepAliveMs: 60_000 };
    // Act
    const without = run(trace, config);
    const warmed = run(trace, { ...config, warmer: { intervalMs: 50_000, durationMs: 20 } });
    // Assess
    expect(statuses(without), 'requests 100 s apart, keep-alive 60 s, no warmer').toEqual([
      'cold',
      'cold',
      'cold',
    ]);
    expect(statuses(warmed), 'the same requests with a ping every 50 s').toEqual([
      'warm',
      'warm',
      'warm',
    ]);
    expect(Array.isArray(warmed.pings), 'the result lists the pings (result.pings)').toBe(true);
    expect(warmed.pings.length, 'pings sent over 270 s, one every 50 s').toBeGreaterThanOrEqual(5);
  });

  it('keeps only as many environments warm as pings sent at once, so bursts still start cold', () => {
    // Prepare: a burst of three requests at 70 s, between pings; keep-alive 60 s.
    const burst = [at(70_000, 100), at(70_000, 100), at(70_000, 100)];
    const config = { initMs: 300, keepAliveMs: 60_000 };
    // Act
    const one = run(burst, { ...config, warmer: { intervalMs: 50_000, durationMs: 20 } });
    const three = run(burst, {
      ...config,
      warmer: { intervalMs: 50_000, durationMs: 20, concurrency: 3 },
    });
    // Assess
    expect(
      [count(one, 'warm'), count(one, 'cold')],
      'a burst of 3 with one ping at a time: [warm, cold]',
    ).toEqual([1, 2]);
    expect(
      [count(three, 'warm'), count(three, 'cold')],
      'a burst of 3 with three concurrent pings: [warm, cold]',
    ).toEqual([3, 0]);
  });
});
