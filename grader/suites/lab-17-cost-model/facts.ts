/**
 * The suite's own price tables. FACTS is the checked us-east-1 list (FACTS.md, November 2026),
 * written out here rather than read from the learner's folder, so the expected dollars never
 * depend on the code under test. DOUBLED is a fictional table that no real region has: a
 * cost model that reads its prices from the parameter doubles its answers with it.
 */
import type { Prices } from '@lab/lab-17-cost-model/src/prices.ts';

const INF = Number.POSITIVE_INFINITY;

export const FACTS: Prices = {
  asOf: '2026-11',
  region: 'us-east-1',
  currency: 'USD',
  hoursPerMonth: 730,
  sources: {
    lambda: { title: 'Lambda', url: 'https://aws.amazon.com/lambda/pricing/' },
    lambdaInit: { title: 'INIT', url: 'https://aws.amazon.com/blogs/compute/' },
    lambdaTiers: { title: 'Tiers', url: 'https://aws.amazon.com/blogs/compute/' },
    fargate: { title: 'Fargate', url: 'https://aws.amazon.com/fargate/pricing/' },
    workers: {
      title: 'Workers',
      url: 'https://developers.cloudflare.com/workers/platform/pricing/',
    },
  },
  lambda: {
    perMillionRequests: 0.2,
    duration: {
      x86_64: [
        { upToGbSeconds: 6e9, perGbSecond: 0.0000166667 },
        { upToGbSeconds: 15e9, perGbSecond: 0.000015 },
        { upToGbSeconds: INF, perGbSecond: 0.0000133334 },
      ],
      arm64: [
        { upToGbSeconds: 7.5e9, perGbSecond: 0.0000133334 },
        { upToGbSeconds: 18.75e9, perGbSecond: 0.0000120001 },
        { upToGbSeconds: INF, perGbSecond: 0.0000106667 },
      ],
    },
    provisioned: {
      x86_64: { perGbSecond: 0.0000041667, durationPerGbSecond: 0.0000097222 },
      arm64: { perGbSecond: 0.0000033334, durationPerGbSecond: 0.0000077778 },
    },
    freeTier: { requests: 1_000_000, gbSeconds: 400_000 },
  },
  fargate: { perVcpuHour: 0.04048, perGbHour: 0.004445 },
  workers: {
    monthly: 5,
    includedRequests: 10_000_000,
    includedCpuMs: 30_000_000,
    perMillionRequests: 0.3,
    perMillionCpuMs: 0.02,
  },
};

/** Every rate × 2; allowances, tier boundaries and the month unchanged. */
export const DOUBLED: Prices = {
  ...FACTS,
  region: 'test-doubled',
  lambda: {
    ...FACTS.lambda,
    perMillionRequests: 0.4,
    duration: {
      x86_64: FACTS.lambda.duration.x86_64.map((t) => ({ ...t, perGbSecond: t.perGbSecond * 2 })),
      arm64: FACTS.lambda.duration.arm64.map((t) => ({ ...t, perGbSecond: t.perGbSecond * 2 })),
    },
    provisioned: {
      x86_64: { perGbSecond: 0.0000083334, durationPerGbSecond: 0.0000194444 },
      arm64: { perGbSecond: 0.0000066668, durationPerGbSecond: 0.0000155556 },
    },
  },
  fargate: { perVcpuHour: 0.08096, perGbHour: 0.00889 },
  workers: { ...FACTS.workers, monthly: 10, perMillionRequests: 0.6, perMillionCpuMs: 0.04 },
};
