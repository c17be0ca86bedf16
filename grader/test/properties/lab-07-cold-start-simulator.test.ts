/**
 * Properties of the lab-07 reference simulator over random traces and configurations: every
 * request is accounted for exactly once, busy environments never exceed reserved concurrency,
 * an environment never runs two invocations at once, cold starts never outnumber created
 * environments, enough provisioned concurrency removes every cold start, latency is never
 * below duration, and the same input gives the same output. Plus the nearest-rank definition
 * of percentile() and the determinism of the seeded trace generator.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentile } from '../../../solutions/lab-07-cold-start-simulator/src/report.ts';
import { simulate } from '../../../solutions/lab-07-cold-start-simulator/src/simulator.ts';
import {
  TRAFFIC_SHAPES,
  traffic,
} from '../../../solutions/lab-07-cold-start-simulator/src/traffic.ts';
import type {
  RequestOutcome,
  SimulationConfig,
  TraceRequest,
} from '../../../solutions/lab-07-cold-start-simulator/src/types.ts';

/** Sorted traces with frequent ties (gap 0) and zero durations. */
const traceArb = fc
  .array(
    fc.record({
      gap: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3_000 })),
      durationMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 4_000 })),
    }),
    { maxLength: 60 },
  )
  .map((items) => {
    let t = 0;
    return items.map(({ gap, durationMs }) => {
      t += gap;
      return { arrivalMs: t, durationMs };
    });
  });

const configArb = fc
  .record({
    initMs: fc.integer({ min: 0, max: 2_000 }),
    keepAliveMs: fc.integer({ min: 0, max: 10_000 }),
    provisioned: fc.integer({ min: 0, max: 4 }),
    extraReserved: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
    scaling: fc.option(
      fc.record({
        environments: fc.integer({ min: 0, max: 5 }),
        windowMs: fc.integer({ min: 1, max: 5_000 }),
      }),
      { nil: undefined },
    ),
    warmer: fc.option(
      fc.record({
        intervalMs: fc.integer({ min: 200, max: 20_000 }),
        concurrency: fc.integer({ min: 0, max: 3 }),
        durationMs: fc.integer({ min: 0, max: 300 }),
      }),
      { nil: undefined },
    ),
  })
  .map(
    ({ extraReserved, provisioned, ...rest }): SimulationConfig => ({
      ...rest,
      provisioned,
      ...(extraReserved === undefined ? {} : { reserved: provisioned + extraReserved }),
    }),
  );

const served = (o: RequestOutcome) => o.status !== 'throttled';

/** Most invocations running at one instant, counting [arrival, arrival + latency). */
function peakBusy(outcomes: RequestOutcome[]): number {
  const edges: [number, number][] = [];
  for (const o of outcomes.filter(served)) {
    if (o.latencyMs === 0) continue; // an empty interval is never busy
    edges.push([o.arrivalMs, 1], [o.arrivalMs + o.latencyMs!, -1]);
  }
  // Ends before starts at equal times: an environment is free again when its request ends.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let peak = 0;
  for (const [, delta] of edges) {
    now += delta;
    peak = Math.max(peak, now);
  }
  return peak;
}

/** Environments a trace needs if every request is warm: each request plus those still running. */
function neededEnvironments(trace: TraceRequest[]): number {
  let peak = 0;
  trace.forEach((r, i) => {
    const running = trace.slice(0, i).filter((p) => p.arrivalMs + p.durationMs > r.arrivalMs);
    peak = Math.max(peak, running.length + 1);
  });
  return peak;
}

describe('lab-07 reference simulator', () => {
  it('accounts for every request exactly once, with consistent statuses, latencies and counts', () => {
    fc.assert(
      fc.property(traceArb, configArb, (trace, config) => {
        const { requests, summary } = simulate(trace, config);
        expect(requests).toHaveLength(trace.length);
        requests.forEach((o, i) => {
          expect([o.arrivalMs, o.durationMs]).toEqual([trace[i]!.arrivalMs, trace[i]!.durationMs]);
          if (o.status === 'throttled') {
            expect(o.latencyMs).toBeNull();
            expect(o.environment).toBeNull();
          } else {
            expect(o.environment).not.toBeNull();
            expect(o.latencyMs).toBeGreaterThanOrEqual(o.durationMs);
            expect(o.latencyMs).toBe(o.durationMs + (o.status === 'cold' ? config.initMs : 0));
          }
        });
        expect(summary.requests).toBe(trace.length);
        expect(summary.served + summary.throttled).toBe(trace.length);
        expect(summary.cold + summary.warm).toBe(summary.served);
        expect(summary.cold).toBe(requests.filter((o) => o.status === 'cold').length);
      }),
      { numRuns: 400 },
    );
  });

  it('never runs more invocations at once than reserved concurrency, nor two in one environment', () => {
    fc.assert(
      fc.property(traceArb, configArb, (trace, config) => {
        const { requests, pings } = simulate(trace, config);
        const all = [...requests, ...pings];
        if (config.reserved !== undefined)
          expect(peakBusy(all)).toBeLessThanOrEqual(config.reserved);
        const byEnvironment = new Map<number, RequestOutcome[]>();
        for (const o of all.filter(served))
          byEnvironment.set(o.environment!, [...(byEnvironment.get(o.environment!) ?? []), o]);
        for (const runs of byEnvironment.values()) expect(peakBusy(runs)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 400 },
    );
  });

  it('starts no more cold invocations than environments it creates', () => {
    fc.assert(
      fc.property(traceArb, configArb, (trace, config) => {
        const { requests, pings, summary, environments } = simulate(trace, config);
        const coldPings = pings.filter((o) => o.status === 'cold').length;
        expect(summary.cold).toBeLessThanOrEqual(summary.environmentsCreated);
        // Each on-demand environment is created by exactly one cold invocation.
        expect(summary.cold + coldPings).toBe(summary.environmentsCreated);
        expect(environments.filter((e) => e.provisioned)).toHaveLength(config.provisioned ?? 0);
        const busyMs = [...requests, ...pings]
          .filter(served)
          .reduce((sum, o) => sum + o.latencyMs!, 0);
        expect(summary.environmentSeconds * 1000).toBeGreaterThanOrEqual(busyMs - 1e-6);
      }),
      { numRuns: 300 },
    );
  });

  it('has no cold starts and no throttles when provisioned concurrency covers the peak', () => {
    fc.assert(
      fc.property(
        traceArb,
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 3 }),
        (trace, initMs, keepAliveMs, spare) => {
          const provisioned = neededEnvironments(trace) + spare;
          const { summary } = simulate(trace, {
            initMs,
            keepAliveMs,
            provisioned,
            reserved: provisioned,
          });
          expect(summary.cold).toBe(0);
          expect(summary.throttled).toBe(0);
          expect(summary.environmentsCreated).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same result for the same input', () => {
    fc.assert(
      fc.property(traceArb, configArb, (trace, config) => {
        expect(simulate(trace, config)).toEqual(simulate(trace, config));
      }),
      { numRuns: 100 },
    );
  });
});

describe('lab-07 percentile() and traffic()', () => {
  it('returns the nearest-rank value: one of the values, at rank ⌈p × n / 100⌉', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1_000, max: 1_000 }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 0, max: 100 }),
        (values, p) => {
          const copy = [...values];
          const result = percentile(values, p);
          expect(values).toEqual(copy);
          const rank = Math.max(1, Math.ceil((p * values.length) / 100));
          expect(values.filter((v) => v <= result).length).toBeGreaterThanOrEqual(rank);
          expect(values.filter((v) => v < result).length).toBeLessThan(rank);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('generates the same sorted trace for the same seed, inside the requested length', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TRAFFIC_SHAPES),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 1, max: 20 }),
        (shape, seed, rate) => {
          const options = { lengthMs: 120_000, ratePerSecond: rate, meanDurationMs: 100 };
          const trace = traffic(shape, options, seed);
          const again = traffic(shape, options, seed);
          const same =
            again.length === trace.length &&
            again.every(
              (r, i) =>
                r.arrivalMs === trace[i]!.arrivalMs && r.durationMs === trace[i]!.durationMs,
            );
          expect(same, 'same seed, same trace').toBe(true);
          const bad = trace.findIndex(
            (r, i) =>
              r.arrivalMs < (i > 0 ? trace[i - 1]!.arrivalMs : 0) ||
              r.arrivalMs >= options.lengthMs ||
              !(r.durationMs >= 1),
          );
          expect(bad, 'index of the first unsorted or out-of-range request').toBe(-1);
        },
      ),
      { numRuns: 40 },
    );
  });
});
