/**
 * Lab 17 — A cost model. Read labs/lab-17-cost-model/README.md first.
 * Grade with: npm run grade lab-17
 *
 * The monthly bill of one AWS Lambda function. Every price comes from the `prices` parameter
 * (see ./prices.ts): write no dollar amount, allowance or tier boundary in this file.
 * Explanations: docs/modules/07-cost/index.md, "The Lambda pricing model".
 */
import type { Architecture, DurationTier, Prices } from './prices.ts';

export interface ProvisionedConcurrency {
  /** Execution environments kept initialised. */
  concurrency: number;
  /** Hours a month they are configured (the whole month is `prices.hoursPerMonth`). */
  hours: number;
}

export interface LambdaWorkload {
  /** Invocations per month. */
  requests: number;
  /** Average duration of one invocation in milliseconds; billed rounded up to a whole ms. */
  durationMs: number;
  /** Configured memory in MB (128–10,240); 1 GB is 1,024 MB. */
  memoryMb: number;
  /** Default `x86_64`. */
  architecture?: Architecture;
  /** Fraction (0–1) of the on-demand invocations that are cold starts. Default 0. */
  coldStartRate?: number;
  /** INIT duration of one cold start in milliseconds. Default 0. */
  initMs?: number;
  /** Provisioned concurrency, if the function has it. */
  provisioned?: ProvisionedConcurrency;
}

export interface LambdaOptions {
  /** Subtract the monthly free tier. Default false (list prices). */
  freeTier?: boolean;
}

/** A month's bill in dollars, unrounded: round once, when you show it. */
export interface LambdaBill {
  /** The request charge, for every invocation. */
  requests: number;
  /** On-demand duration (without INIT). */
  duration: number;
  /** What the INIT duration of cold starts adds to the duration charge. */
  init: number;
  /** Provisioned concurrency: the standing charge plus the duration of the requests it served. */
  provisioned: number;
  total: number;
}

/** The monthly bill of one function under `prices`. */
export function lambdaCost(
  workload: LambdaWorkload,
  prices: Prices,
  options: LambdaOptions = {},
): LambdaBill {
  // TODO(lab-17): task 1 — requests: requests ÷ 1,000,000 × prices.lambda.perMillionRequests.
  // TODO(lab-17): task 1 — duration: GB-seconds = memory in GB (MB ÷ 1,024) × billed seconds,
  //   where each invocation's duration is rounded UP to a whole millisecond first.
  // TODO(lab-17): task 2 — price GB-seconds at the rate of workload.architecture, band by band
  //   through prices.lambda.duration[architecture] (a helper for the tiers keeps this short).
  // TODO(lab-17): task 3 — options.freeTier: subtract prices.lambda.freeTier's requests from
  //   the requests and its GB-seconds from the GB-seconds, each on its own, never below zero.
  // TODO(lab-17): task 4 — provisioned concurrency (two rates, no free tier, serves requests
  //   first up to its capacity) and INIT (cold starts × init ms, billed as on-demand duration).
  //   The README spells out the model.
  throw new Error('TODO(lab-17): lambdaCost is not written yet');
}
