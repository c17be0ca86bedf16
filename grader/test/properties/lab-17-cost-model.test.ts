/**
 * Properties of the lab-17 reference cost model (which the site's calculator imports): a bill
 * never falls when requests, duration or memory grow; arm64 never costs more than x86_64; the
 * free tier never makes a line negative nor the bill larger; the lines add up to the total; and
 * the crossover agrees with the cost functions it is built on. Plus: the shipped price table
 * says what FACTS.md says.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type FargateTasks,
  fargateCost,
  workersCost,
} from '../../../solutions/lab-17-cost-model/src/alternatives.ts';
import { crossoverRequests } from '../../../solutions/lab-17-cost-model/src/crossover.ts';
import {
  type LambdaBill,
  type LambdaWorkload,
  lambdaCost,
} from '../../../solutions/lab-17-cost-model/src/lambda.ts';
import { PRICES_2026 as PRICES } from '../../../solutions/lab-17-cost-model/src/prices.ts';

const LINES = ['requests', 'duration', 'init', 'provisioned'] as const;

const workload = fc.record({
  requests: fc.oneof(
    fc.integer({ min: 0, max: 2e6 }),
    fc.double({ min: 0, max: 5e10, noNaN: true }),
  ),
  durationMs: fc.double({ min: 0, max: 900_000, noNaN: true }),
  memoryMb: fc.integer({ min: 128, max: 10_240 }),
  architecture: fc.constantFrom('x86_64' as const, 'arm64' as const),
  coldStartRate: fc.double({ min: 0, max: 1, noNaN: true }),
  initMs: fc.double({ min: 0, max: 10_000, noNaN: true }),
  provisioned: fc.option(
    fc.record({
      concurrency: fc.integer({ min: 0, max: 200 }),
      hours: fc.double({ min: 0, max: 744, noNaN: true }),
    }),
    { nil: undefined },
  ),
});
const freeTier = fc.boolean();

/** b ≥ a, allowing for floating-point noise in the last bits. */
function notBelow(b: number, a: number, what: string): void {
  expect(b, what).toBeGreaterThanOrEqual(a - 1e-9 * Math.max(1, Math.abs(a)));
}

function bill(w: LambdaWorkload, free: boolean): LambdaBill {
  return lambdaCost(w, PRICES, { freeTier: free });
}

describe('lab-17 reference cost model', () => {
  it('never charges less when requests, duration or memory grow', () => {
    fc.assert(
      fc.property(
        workload,
        freeTier,
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 10_000, noNaN: true }),
        fc.integer({ min: 0, max: 4096 }),
        (w, free, moreRequests, moreMs, moreMb) => {
          const base = bill(w, free).total;
          notBelow(
            bill({ ...w, requests: w.requests + moreRequests }, free).total,
            base,
            'requests',
          );
          notBelow(bill({ ...w, durationMs: w.durationMs + moreMs }, free).total, base, 'duration');
          notBelow(
            bill({ ...w, memoryMb: Math.min(10_240, w.memoryMb + moreMb) }, free).total,
            base,
            'memory',
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never prices arm64 above x86_64', () => {
    fc.assert(
      fc.property(workload, freeTier, (w, free) => {
        const arm = bill({ ...w, architecture: 'arm64' }, free).total;
        const x86 = bill({ ...w, architecture: 'x86_64' }, free).total;
        notBelow(x86, arm, 'x86_64 total ≥ arm64 total');
      }),
      { numRuns: 400 },
    );
  });

  it('keeps every line ≥ 0, adds them up, and never lets the free tier raise a bill', () => {
    fc.assert(
      fc.property(workload, (w) => {
        const list = bill(w, false);
        const free = bill(w, true);
        for (const b of [list, free]) {
          for (const line of LINES) expect(b[line], line).toBeGreaterThanOrEqual(0);
          const sum = LINES.reduce((s, line) => s + b[line], 0);
          expect(b.total).toBeCloseTo(sum, 9);
        }
        notBelow(list.total, free.total, 'list total ≥ free-tier total');
      }),
      { numRuns: 400 },
    );
  });

  it('prices Fargate and Workers at or above zero, Fargate linear in tasks', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0.25, 0.5, 1, 2, 4, 8, 16),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0, max: 1e10, noNaN: true }),
        fc.double({ min: 0, max: 300_000, noNaN: true }),
        (vcpu, memoryGb, tasks, requests, cpuMsPerRequest) => {
          const one = fargateCost({ vcpu, memoryGb }, PRICES).total;
          expect(fargateCost({ vcpu, memoryGb, tasks }, PRICES).total).toBeCloseTo(one * tasks, 6);
          const workers = workersCost({ requests, cpuMsPerRequest }, PRICES);
          expect(workers.total).toBeGreaterThanOrEqual(PRICES.workers.monthly);
        },
      ),
    );
  });

  it('finds a crossover that agrees with the cost functions', () => {
    const fargate: fc.Arbitrary<FargateTasks> = fc.record({
      vcpu: fc.constantFrom(0.25, 0.5, 1, 2, 4),
      memoryGb: fc.integer({ min: 1, max: 16 }),
      tasks: fc.integer({ min: 1, max: 10 }),
    });
    fc.assert(
      fc.property(
        workload,
        fargate,
        freeTier,
        fc.constantFrom(1e6, 1e9, 1e12),
        (w, tasks, free, maxRequests) => {
          const { requests: _ignored, ...lambda } = w;
          const n = crossoverRequests({
            lambda,
            fargate: tasks,
            prices: PRICES,
            freeTier: free,
            maxRequests,
          });
          const fixed = fargateCost(tasks, PRICES).total;
          const at = (requests: number) => bill({ ...lambda, requests }, free).total;
          if (n === null) {
            expect(
              at(maxRequests),
              'Lambda at maxRequests when there is no crossover',
            ).toBeLessThanOrEqual(fixed);
          } else {
            expect(
              Number.isInteger(n) && n >= 0 && n <= maxRequests,
              `whole number in range: ${n}`,
            ).toBe(true);
            expect(at(n), 'Lambda at the crossover').toBeGreaterThan(fixed);
            if (n > 0) expect(at(n - 1), 'Lambda one request earlier').toBeLessThanOrEqual(fixed);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the shipped price table (PRICES_2026)', () => {
  it('says what FACTS.md says, for us-east-1', () => {
    expect(PRICES.region).toBe('us-east-1');
    expect(PRICES.hoursPerMonth).toBe(730);
    expect(PRICES.lambda.perMillionRequests).toBe(0.2);
    expect(PRICES.lambda.duration.x86_64[0]).toEqual({
      upToGbSeconds: 6e9,
      perGbSecond: 0.0000166667,
    });
    expect(PRICES.lambda.duration.arm64[0]?.perGbSecond).toBe(0.0000133334);
    expect(PRICES.lambda.provisioned.x86_64).toEqual({
      perGbSecond: 0.0000041667,
      durationPerGbSecond: 0.0000097222,
    });
    expect(PRICES.lambda.freeTier).toEqual({ requests: 1_000_000, gbSeconds: 400_000 });
    expect(PRICES.fargate).toEqual({ perVcpuHour: 0.04048, perGbHour: 0.004445 });
    expect(PRICES.workers).toEqual({
      monthly: 5,
      includedRequests: 10_000_000,
      includedCpuMs: 30_000_000,
      perMillionRequests: 0.3,
      perMillionCpuMs: 0.02,
    });
    for (const tiers of Object.values(PRICES.lambda.duration))
      expect(tiers.at(-1)?.upToGbSeconds, 'the last tier is open-ended').toBe(
        Number.POSITIVE_INFINITY,
      );
  });
});
