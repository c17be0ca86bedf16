/**
 * Lab 17 — A cost model. Read labs/lab-17-cost-model/README.md first.
 * Grade with: npm run grade lab-17
 *
 * The monthly request volume from which containers are cheaper than Lambda for one workload.
 * Explanations: docs/modules/07-cost/index.md, "The crossover".
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

/**
 * The smallest whole number of requests a month at which Lambda costs more than the Fargate
 * tasks; 0 when Lambda already does at zero requests (provisioned concurrency can), and null
 * when Lambda is still not dearer at `maxRequests`.
 */
export function crossoverRequests(input: CrossoverInput): number | null {
  // TODO(lab-17): task 6 — the containers cost a fixed amount: fargateCost(...).total.
  //   Lambda's total (your lambdaCost, with input.freeTier) never falls as requests grow, so
  //   you can bisect on the request count between 0 and maxRequests. A closed formula is fine
  //   too, if it keeps the request charge and the free tier.
  throw new Error('TODO(lab-17): crossoverRequests is not written yet');
}
