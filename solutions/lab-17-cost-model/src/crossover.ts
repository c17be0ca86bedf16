/**
 * Lab 17 reference solution: the monthly request volume from which containers are cheaper
 * than Lambda for one workload.
 */
import { type FargateTasks, fargateCost } from './alternatives.ts';
import { type LambdaWorkload, lambdaCost } from './lambda.ts';
import type { Prices } from './prices.ts';

/** How far the search goes by default: a trillion requests a month (≈ 380,000 a second). */
export const DEFAULT_MAX_REQUESTS = 1e12;

export interface CrossoverInput {
  /** The Lambda side, without a request count: that is what we solve for. */
  lambda: Omit<LambdaWorkload, 'requests'>;
  /** The container side, a fixed monthly cost. */
  fargate: FargateTasks;
  prices: Prices;
  /** Apply Lambda's free tier. Default false. */
  freeTier?: boolean;
  /** Search no further than this many requests a month. Default {@link DEFAULT_MAX_REQUESTS}. */
  maxRequests?: number;
}

// #region crossover
/**
 * The smallest whole number of requests a month at which Lambda costs more than the Fargate
 * tasks; 0 when Lambda already does at zero requests (provisioned concurrency can), and null
 * when Lambda is still not dearer at `maxRequests`.
 */
export function crossoverRequests(input: CrossoverInput): number | null {
  const containers = fargateCost(input.fargate, input.prices).total;
  const lambda = (requests: number) =>
    lambdaCost({ ...input.lambda, requests }, input.prices, { freeTier: input.freeTier }).total;
  const max = Math.floor(input.maxRequests ?? DEFAULT_MAX_REQUESTS);

  if (lambda(0) > containers) return 0;
  if (lambda(max) <= containers) return null;
  // Lambda's bill never falls as requests grow, so bisect on whole requests, keeping
  // lambda(cheaper) ≤ containers < lambda(dearer). Reusing lambdaCost means the free tier,
  // the request charge, tiers and provisioned concurrency all count, with no second formula.
  let cheaper = 0;
  let dearer = max;
  while (dearer - cheaper > 1) {
    const middle = Math.floor((cheaper + dearer) / 2);
    if (lambda(middle) > containers) dearer = middle;
    else cheaper = middle;
  }
  return dearer;
}
// #endregion crossover
