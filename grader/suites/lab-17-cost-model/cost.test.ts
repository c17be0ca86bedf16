import type { FargateTasks, WorkersWorkload } from '@lab/lab-17-cost-model/src/alternatives.ts';
import { fargateCost, workersCost } from '@lab/lab-17-cost-model/src/alternatives.ts';
import { type CrossoverInput, crossoverRequests } from '@lab/lab-17-cost-model/src/crossover.ts';
import {
  type LambdaOptions,
  type LambdaWorkload,
  lambdaCost,
} from '@lab/lab-17-cost-model/src/lambda.ts';
import type { Prices } from '@lab/lab-17-cost-model/src/prices.ts';
import { describe, expect, it } from 'vitest';
import { DOUBLED, FACTS } from './facts.ts';

const LINES = ['requests', 'duration', 'init', 'provisioned', 'total'] as const;
type Line = (typeof LINES)[number];

/** Money is compared to the cent: the code returns unrounded dollars, the check rounds once. */
function cents(value: unknown, what: string): number {
  expect(typeof value, `${what} should be a number of dollars`).toBe('number');
  expect(Number.isFinite(value as number), `${what} should be a finite number`).toBe(true);
  return Math.round((value as number) * 100) / 100;
}

function expectDollars(value: unknown, expected: number, what: string): void {
  expect(cents(value, what), what).toBe(expected);
}

function lambda(
  workload: LambdaWorkload,
  options: LambdaOptions = {},
  prices: Prices = FACTS,
): Record<Line, number> {
  const bill = lambdaCost(workload, prices, options) as unknown as Record<Line, number>;
  expect(bill, 'lambdaCost returns a bill object').toBeTypeOf('object');
  return bill;
}

/** The guide's workload: 512 MB, 200 ms, x86. */
const GUIDE = { durationMs: 200, memoryMb: 512 } as const;
const ONE_SMALL_TASK: FargateTasks = { vcpu: 0.5, memoryGb: 1 };
const FULL_MONTH = 730;

describe('1. Price requests and duration', () => {
  it("reproduces the guide's corrected examples at list price", () => {
    // Prepare
    const cases: [LambdaWorkload, number, string][] = [
      [{ requests: 1e6, durationMs: 100, memoryMb: 128 }, 0.41, '1M requests × 100 ms at 128 MB'],
      [{ requests: 1e6, durationMs: 100, memoryMb: 512 }, 1.03, '1M requests × 100 ms at 512 MB'],
      [{ requests: 1e5, ...GUIDE }, 0.19, '100K requests × 200 ms at 512 MB (scenario 1)'],
      [{ requests: 1e7, ...GUIDE }, 18.67, '10M requests × 200 ms at 512 MB'],
      [{ requests: 1e8, ...GUIDE }, 186.67, '100M requests × 200 ms at 512 MB (scenario 2)'],
    ];
    for (const [workload, expected, what] of cases) {
      // Act
      const bill = lambda(workload);
      // Assess
      expectDollars(bill.total, expected, `total for ${what}, no free tier`);
    }
    const bill = lambda({ requests: 1e7, ...GUIDE });
    expectDollars(bill.requests, 2, 'request charge for 10M requests ($0.20 per million)');
    expectDollars(bill.duration, 16.67, 'duration charge for 1,000,000 GB-seconds');
  });

  it('counts 1,024 MB as one GB and milliseconds as thousandths of a second', () => {
    const oneGbSecond = lambda({ requests: 1e6, durationMs: 1000, memoryMb: 1024 });
    expectDollars(
      oneGbSecond.duration,
      16.67,
      'duration charge for 1M invocations × 1,000 ms at 1,024 MB: 1,000,000 GB-s',
    );
    const odd = lambda({ requests: 1e6, durationMs: 250, memoryMb: 1536 });
    expectDollars(
      odd.duration,
      6.25,
      'duration charge for 1M invocations × 250 ms at 1,536 MB: 1.5 GB × 0.25 s × 1M = 375,000 GB-s',
    );
  });

  it("rounds each invocation's duration up to the next millisecond", () => {
    const bill = lambda({ requests: 1e8, durationMs: 1.2, memoryMb: 1024 });
    expectDollars(
      bill.duration,
      3.33,
      'duration charge for 100M invocations of 1.2 ms at 1,024 MB (billed as 2 ms each)',
    );
    const tiny = lambda({ requests: 1e8, durationMs: 0.4, memoryMb: 1024 });
    expectDollars(
      tiny.duration,
      1.67,
      'duration charge for 100M invocations of 0.4 ms at 1,024 MB (billed as 1 ms each)',
    );
  });

  it('uses the prices it is given, not numbers written in the code', () => {
    const bill = lambda({ requests: 1e7, ...GUIDE }, {}, DOUBLED);
    expectDollars(
      bill.requests,
      4,
      'request charge for 10M requests with a price table that says $0.40 per million',
    );
    expectDollars(
      bill.total,
      37.33,
      'total for 10M × 200 ms at 512 MB with a price table whose rates are all doubled',
    );
  });
});

describe('2. Choose the architecture and the duration tier', () => {
  it('bills arm64 duration at the arm64 rate', () => {
    const arm = lambda({ requests: 1e7, ...GUIDE, architecture: 'arm64' });
    expectDollars(arm.duration, 13.33, 'arm64 duration charge for 1,000,000 GB-seconds');
    expectDollars(arm.total, 15.33, 'arm64 total for 10M requests × 200 ms at 512 MB');
    const x86 = lambda({ requests: 1e7, ...GUIDE, architecture: 'x86_64' });
    expectDollars(x86.total, 18.67, 'x86_64 total for the same workload');
  });

  it('prices GB-seconds above 6 billion a month at the cheaper tiers', () => {
    // 10 billion x86 GB-s: 6 billion at the base rate, 4 billion at the second tier.
    const x86 = lambda({ requests: 1e10, durationMs: 500, memoryMb: 2048 });
    expectDollars(x86.duration, 160000.2, 'x86_64 duration charge for 10 billion GB-seconds');
    expectDollars(x86.total, 162000.2, 'x86_64 total for 10 billion requests × 500 ms at 2 GB');
    // 20 billion arm64 GB-s: 7.5 billion, then 11.25 billion, then 1.25 billion in the third.
    const arm = lambda({
      requests: 2e10,
      durationMs: 1000,
      memoryMb: 1024,
      architecture: 'arm64',
    });
    expectDollars(arm.duration, 248335, 'arm64 duration charge for 20 billion GB-seconds');
  });
});

describe('3. Apply the free tier', () => {
  it("applies the free tier to the guide's examples", () => {
    const ten = lambda({ requests: 1e7, ...GUIDE }, { freeTier: true });
    expectDollars(ten.requests, 1.8, 'request charge for 10M requests less 1M free');
    expectDollars(ten.duration, 10, 'duration charge for 1,000,000 GB-s less 400,000 free');
    expectDollars(ten.total, 11.8, 'total for 10M × 200 ms at 512 MB with the free tier');
    const hundred = lambda({ requests: 1e8, ...GUIDE }, { freeTier: true });
    expectDollars(hundred.total, 179.8, 'total for 100M × 200 ms at 512 MB with the free tier');
    const arm = lambda({ requests: 1e7, ...GUIDE, architecture: 'arm64' }, { freeTier: true });
    expectDollars(arm.total, 9.8, 'arm64 total for 10M × 200 ms at 512 MB with the free tier');
    const list = lambda({ requests: 1e7, ...GUIDE }, { freeTier: false });
    expectDollars(list.total, 18.67, 'the same with freeTier: false (list price)');
  });

  it('subtracts each allowance on its own and never goes below zero', () => {
    // Both quantities inside the allowances: nothing to pay, and no line is a credit.
    const quiet = lambda({ requests: 1e5, ...GUIDE }, { freeTier: true });
    for (const line of LINES)
      expect(
        cents(quiet[line], `${line} for 100K requests with the free tier`),
        `${line} for 100K requests × 200 ms at 512 MB with the free tier (never negative)`,
      ).toBe(0);
    // Requests over their allowance, GB-seconds under theirs (6,250 GB-s).
    const chatty = lambda({ requests: 5e6, durationMs: 10, memoryMb: 128 }, { freeTier: true });
    expectDollars(chatty.requests, 0.8, 'request charge for 5M requests less 1M free');
    expectDollars(chatty.duration, 0, 'duration charge for 6,250 GB-s, inside the 400,000 free');
    expectDollars(chatty.total, 0.8, 'total for 5M × 10 ms at 128 MB with the free tier');
    // GB-seconds over their allowance (1,000,000 GB-s), requests under theirs.
    const heavy = lambda({ requests: 5e5, durationMs: 1000, memoryMb: 2048 }, { freeTier: true });
    expectDollars(heavy.requests, 0, 'request charge for 500K requests, inside the 1M free');
    expectDollars(heavy.total, 10, 'total for 500K × 1 s at 2 GB with the free tier');
  });
});

describe('4. Add provisioned concurrency and INIT', () => {
  it("charges provisioned concurrency's standing rate for every configured second", () => {
    const cases: [LambdaWorkload, number, string][] = [
      [
        {
          requests: 0,
          durationMs: 100,
          memoryMb: 1024,
          provisioned: { concurrency: 1, hours: FULL_MONTH },
        },
        10.95,
        'one 1,024 MB environment for 730 h, no requests',
      ],
      [
        {
          requests: 0,
          durationMs: 100,
          memoryMb: 512,
          provisioned: { concurrency: 10, hours: FULL_MONTH },
        },
        54.75,
        'ten 512 MB environments for 730 h, no requests',
      ],
      [
        {
          requests: 0,
          durationMs: 100,
          memoryMb: 1024,
          provisioned: { concurrency: 2, hours: 365 },
        },
        10.95,
        'two 1,024 MB environments for 365 h, no requests',
      ],
      [
        {
          requests: 0,
          durationMs: 100,
          memoryMb: 1024,
          architecture: 'arm64',
          provisioned: { concurrency: 1, hours: FULL_MONTH },
        },
        8.76,
        'one arm64 1,024 MB environment for 730 h, no requests',
      ],
    ];
    for (const [workload, expected, what] of cases) {
      const bill = lambda(workload);
      expectDollars(bill.provisioned, expected, `provisioned charge for ${what}`);
      expectDollars(bill.total, expected, `total for ${what}`);
    }
  });

  it('bills requests served by provisioned environments at the provisioned duration rate', () => {
    // Five 1 GB environments can run 131M invocations of 100 ms in a month: all 10M fit.
    const bill = lambda({
      requests: 1e7,
      durationMs: 100,
      memoryMb: 1024,
      coldStartRate: 0.01,
      initMs: 300,
      provisioned: { concurrency: 5, hours: FULL_MONTH },
    });
    expectDollars(
      bill.provisioned,
      64.47,
      'provisioned charge: $54.75 standing + 1,000,000 GB-s at $0.0000097222',
    );
    expectDollars(bill.requests, 2, 'request charge for 10M requests served by provisioned ones');
    expectDollars(bill.duration, 0, 'on-demand duration when provisioned environments serve all');
    expectDollars(bill.init, 0, 'INIT charge when no invocation runs on demand (no cold starts)');
    expectDollars(bill.total, 66.47, 'total');
  });

  it('runs the requests beyond the provisioned capacity on demand', () => {
    // One 1 GB environment runs at most 2,628,000 s ÷ 0.2 s = 13.14M invocations of 200 ms.
    const bill = lambda({
      requests: 2e7,
      durationMs: 200,
      memoryMb: 1024,
      provisioned: { concurrency: 1, hours: FULL_MONTH },
    });
    expectDollars(
      bill.provisioned,
      36.5,
      'provisioned charge: $10.95 standing + 13.14M × 0.2 GB-s at the provisioned duration rate',
    );
    expectDollars(
      bill.duration,
      22.87,
      'on-demand duration charge for the 6.86M invocations beyond the capacity',
    );
    expectDollars(bill.total, 63.37, 'total for 20M × 200 ms at 1 GB with one environment');
  });

  it('does not apply the free tier to a function with provisioned concurrency', () => {
    const busy = lambda(
      {
        requests: 2e7,
        durationMs: 200,
        memoryMb: 1024,
        provisioned: { concurrency: 1, hours: FULL_MONTH },
      },
      { freeTier: true },
    );
    expectDollars(busy.total, 63.37, 'total with freeTier: true and provisioned concurrency on');
    const quiet = lambda(
      {
        requests: 1e5,
        durationMs: 100,
        memoryMb: 128,
        provisioned: { concurrency: 1, hours: FULL_MONTH },
      },
      { freeTier: true },
    );
    expectDollars(quiet.requests, 0.02, 'request charge for 100K requests (no free tier with PC)');
    expectDollars(quiet.total, 1.4, 'total for one 128 MB environment serving 100K requests');
  });

  it('bills the INIT duration of cold starts as on-demand duration', () => {
    const lean = lambda({
      requests: 1e7,
      durationMs: 100,
      memoryMb: 512,
      coldStartRate: 0.01,
      initMs: 300,
    });
    expectDollars(lean.init, 0.25, 'INIT charge: 100,000 cold starts × 0.3 s × 0.5 GB');
    expectDollars(lean.total, 10.58, 'total for 10M × 100 ms at 512 MB with 1% cold starts');
    const heavy = lambda({
      requests: 1e7,
      durationMs: 100,
      memoryMb: 1024,
      coldStartRate: 0.05,
      initMs: 2000,
    });
    expectDollars(heavy.init, 16.67, 'INIT charge: 500,000 cold starts × 2 s × 1 GB');
    const shared = lambda(
      { requests: 1e6, durationMs: 100, memoryMb: 512, coldStartRate: 0.1, initMs: 10_000 },
      { freeTier: true },
    );
    expectDollars(
      shared.total,
      2.5,
      'total with the free tier: 50,000 GB-s of duration + 500,000 of INIT − 400,000 free',
    );
  });
});

describe('5. Price Fargate and Workers', () => {
  it('prices Fargate tasks by vCPU-hours and GB-hours over a 730-hour month', () => {
    const small = fargateCost(ONE_SMALL_TASK, FACTS);
    expectDollars(small.total, 18.02, 'one 0.5 vCPU / 1 GB task for a month');
    expectDollars(small.vcpu, 14.78, 'its vCPU charge: 0.5 × 730 h × $0.04048');
    expectDollars(
      fargateCost({ vcpu: 1, memoryGb: 2 }, FACTS).total,
      36.04,
      'one 1 vCPU / 2 GB task',
    );
    expectDollars(
      fargateCost({ vcpu: 1, memoryGb: 2, tasks: 3 }, FACTS).total,
      108.12,
      'three 1 vCPU / 2 GB tasks (scenario 2)',
    );
    expectDollars(
      fargateCost({ ...ONE_SMALL_TASK, hours: 200 }, FACTS).total,
      4.94,
      'one 0.5 vCPU / 1 GB task for 200 hours',
    );
    expectDollars(
      fargateCost(ONE_SMALL_TASK, DOUBLED).total,
      36.04,
      'one 0.5 vCPU / 1 GB task with a price table whose rates are doubled',
    );
  });

  it('prices Workers Standard above its included requests and CPU time', () => {
    const cases: [WorkersWorkload, number, string][] = [
      [{ requests: 1e6, cpuMsPerRequest: 1 }, 5, '1M requests × 1 ms CPU (inside both allowances)'],
      [{ requests: 1e7, cpuMsPerRequest: 5 }, 5.4, '10M requests × 5 ms CPU'],
      [{ requests: 2e7, cpuMsPerRequest: 1 }, 8, '20M requests × 1 ms CPU'],
      [{ requests: 1e8, cpuMsPerRequest: 5 }, 41.4, '100M requests × 5 ms CPU'],
      [{ requests: 1e8, cpuMsPerRequest: 20 }, 71.4, '100M requests × 20 ms CPU'],
    ];
    for (const [workload, expected, what] of cases)
      expectDollars(workersCost(workload, FACTS).total, expected, `Workers total for ${what}`);
    const quiet = workersCost({ requests: 1e6, cpuMsPerRequest: 1 }, FACTS);
    expectDollars(quiet.requests, 0, 'request charge inside the included 10M (never negative)');
    expectDollars(quiet.cpu, 0, 'CPU charge inside the included 30M CPU-ms (never negative)');
    expectDollars(
      workersCost({ requests: 1e8, cpuMsPerRequest: 5 }, DOUBLED).total,
      82.8,
      'Workers total for 100M × 5 ms with a price table whose rates are doubled',
    );
  });
});

describe('6. Find the crossover', () => {
  function expectRequests(actual: unknown, expected: number, what: string): void {
    expect(typeof actual, `${what} should be a number of requests`).toBe('number');
    const n = actual as number;
    expect(
      Math.abs(n - expected) <= Math.max(1, expected * 1e-6),
      `${what}: expected ${expected.toLocaleString('en-US')} requests a month, got ${n.toLocaleString('en-US')}`,
    ).toBe(true);
  }
  const input = (over: Partial<CrossoverInput> = {}): CrossoverInput => ({
    lambda: { ...GUIDE },
    fargate: ONE_SMALL_TASK,
    prices: FACTS,
    ...over,
  });

  it('finds the request volume where the Fargate tasks become cheaper', () => {
    expectRequests(
      crossoverRequests(input()),
      9_653_581,
      'crossover of 512 MB × 200 ms against one 0.5 vCPU / 1 GB task ($18.02)',
    );
    expectRequests(
      crossoverRequests(input({ fargate: { vcpu: 1, memoryGb: 2, tasks: 3 } })),
      57_921_486,
      'crossover of 512 MB × 200 ms against three 1 vCPU / 2 GB tasks ($108.12)',
    );
  });

  it('keeps the free tier in the crossover', () => {
    expectRequests(
      crossoverRequests(input({ freeTier: true })),
      13_332_153,
      'crossover of 512 MB × 200 ms against one 0.5 vCPU / 1 GB task, with the free tier',
    );
  });

  it('answers 0 or null at the ends of the search', () => {
    const standing = crossoverRequests(
      input({
        lambda: { ...GUIDE, memoryMb: 1024, provisioned: { concurrency: 10, hours: FULL_MONTH } },
      }),
    );
    expect(
      standing,
      'crossover when ten provisioned 1 GB environments ($109.50) already cost more than the task at 0 requests',
    ).toBe(0);
    const beyond = crossoverRequests(input({ maxRequests: 5_000_000 }));
    expect(beyond, 'crossover (≈ 9.65M) searched only up to maxRequests = 5M').toBeNull();
  });
});
