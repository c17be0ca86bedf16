/**
 * Lab 07, task 4: the report. Percentiles are checked on plain numbers first, then the summary
 * of small simulations worked out by hand.
 */
import { percentile } from '@lab/lab-07-cold-start-simulator/src/report.ts';
import { simulate } from '@lab/lab-07-cold-start-simulator/src/simulator.ts';
import type { Summary, TraceRequest } from '@lab/lab-07-cold-start-simulator/src/types.ts';
import { describe, expect, it } from 'vitest';

const at = (arrivalMs: number, durationMs: number): TraceRequest => ({ arrivalMs, durationMs });

/** 1…100 in a fixed shuffled order (a multiplicative permutation modulo 101). */
const shuffled = Array.from({ length: 100 }, (_, i) => ((i + 1) * 37) % 101);

/**
 * INIT 1,000, reserved 1. The first request is cold (1,010 ms); three requests arrive during
 * its INIT and are throttled; then 19 requests, 2 s apart, run warm for 10, 20, …, 190 ms.
 * Served latencies sorted: 10, 20, …, 190, 1010 (20 values).
 */
function mixedRun(): Summary {
  const trace = [at(0, 10), at(100, 10), at(200, 10), at(300, 10)];
  for (let k = 0; k < 19; k++) trace.push(at(2_000 + k * 2_000, 10 * (k + 1)));
  const result = simulate(trace, { initMs: 1_000, keepAliveMs: 60_000, reserved: 1 });
  expect(result?.summary, 'simulate() returns { summary: {...} }').toBeTypeOf('object');
  return result.summary;
}

describe('4. The report: percentiles and environment-seconds', () => {
  it('computes nearest-rank percentiles of numbers', () => {
    // Prepare
    const values = [...shuffled];
    // Act
    const ps = [50, 95, 99, 100].map((p) => percentile(values, p));
    // Assess
    expect(ps, 'p50, p95, p99 and p100 of the numbers 1 to 100').toEqual([50, 95, 99, 100]);
    expect(values, 'percentile() must not reorder the caller’s array').toEqual(shuffled);
    expect(
      [20, 50, 99].map((p) => percentile([9, 100, 10, 2, 30], p)),
      'p20, p50, p99 of [9, 100, 10, 2, 30] (compared as numbers, not as strings)',
    ).toEqual([2, 10, 100]);
    expect(
      [50, 95].map((p) => percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], p)),
      'p50 and p95 of ten values: always one of the values, never in between',
    ).toEqual([50, 100]);
    expect(percentile([42], 99), 'p99 of a single value').toBe(42);
  });

  it('counts cold, warm and throttled requests and the cold-start rate of served requests', () => {
    // Act
    const summary = mixedRun();
    // Assess
    expect(
      {
        requests: summary.requests,
        served: summary.served,
        cold: summary.cold,
        warm: summary.warm,
        throttled: summary.throttled,
      },
      'counts for 23 requests: 1 cold, 3 throttled, 19 warm',
    ).toEqual({ requests: 23, served: 20, cold: 1, warm: 19, throttled: 3 });
    expect(summary.coldStartRate, 'cold-start rate = cold / served = 1 / 20').toBeCloseTo(0.05, 10);
  });

  it('reports p50, p95 and p99 latency of the served requests only', () => {
    // Act
    const summary = mixedRun();
    // Assess: ranks 10, 19 and 20 of the 20 served latencies.
    expect(
      [summary.p50, summary.p95, summary.p99],
      'p50, p95, p99 of 10, 20, …, 190 and 1010 ms (throttled requests have no latency)',
    ).toEqual([100, 190, 1_010]);
  });

  it('counts environment-seconds from INIT until reclaimed, and provisioned ones for the whole run', () => {
    // Prepare: INIT 500, keep-alive 2 s. On demand: A's environment lives 0 → 3,500 (busy until
    // 1,500, then 2 s idle); B's from 10,000 until the run ends at 11,500.
    const trace = [at(0, 1_000), at(10_000, 1_000)];
    // Act
    const onDemand = simulate(trace, { initMs: 500, keepAliveMs: 2_000 }).summary;
    // One provisioned environment serves both, warm: the run ends at 11,000.
    const provisioned = simulate(trace, {
      initMs: 500,
      keepAliveMs: 2_000,
      provisioned: 1,
    }).summary;
    // Assess
    expect(onDemand.endMs, 'the run ends when the last request finishes (ms)').toBe(11_500);
    expect(onDemand.environmentsCreated, 'on-demand environments created').toBe(2);
    expect(
      onDemand.environmentSeconds,
      'environment-seconds on demand: 3.5 s (INIT + run + keep-alive) + 1.5 s (until the end)',
    ).toBeCloseTo(5, 6);
    expect(provisioned.endMs, 'the run ends when the last request finishes (ms)').toBe(11_000);
    expect(
      provisioned.environmentsCreated,
      'provisioned environments are not “created” on demand',
    ).toBe(0);
    expect(
      provisioned.environmentSeconds,
      'environment-seconds of one provisioned environment over an 11 s run, busy or idle',
    ).toBeCloseTo(11, 6);
  });
});
