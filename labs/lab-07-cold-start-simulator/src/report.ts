/**
 * Lab 07 — the report: latency percentiles and the aggregate summary of a simulation.
 * Read labs/lab-07-cold-start-simulator/README.md, step 4. Grade with: npm run grade lab-07
 */
import type { EnvironmentLife, RequestOutcome, Summary } from './types.ts';

/**
 * The nearest-rank percentile of `values`: one of the values. `p` is in [0, 100].
 */
export function percentile(values: readonly number[], p: number): number {
  // TODO(lab-07): task 4 — sort a copy of the values ascending (as numbers!) and return the
  //   value at rank ⌈p × n / 100⌉, ranks counting from 1 (p = 0 gives the smallest value).
  //   Throw a RangeError when there are no values.
  throw new Error('TODO(lab-07): percentile() is not implemented yet (see src/report.ts)');
}

/** The aggregate report of a simulation's outcomes and environments. */
export function summarize(
  requests: readonly RequestOutcome[],
  pings: readonly RequestOutcome[],
  environments: readonly EnvironmentLife[],
): Summary {
  // TODO(lab-07): task 4 — counts of the requests (not the pings): served = cold + warm,
  //   throttled, coldStartRate = cold / served (0 when nothing was served); p50, p95 and p99
  //   of the served requests' latencies with percentile() (null when nothing was served).
  // TODO(lab-07): task 4 — endMs: the latest arrival or end (arrival + latency) of any request
  //   or ping. environmentSeconds: each environment from createdMs until reclaimedMs (or endMs
  //   if that comes first; provisioned ones are never reclaimed), summed, in seconds.
  //   environmentsCreated counts the on-demand environments only.
  // Until then, an empty report (so simulate() can return while you work on tasks 1–3):
  return {
    requests: 0,
    served: 0,
    cold: 0,
    warm: 0,
    throttled: 0,
    coldStartRate: 0,
    p50: null,
    p95: null,
    p99: null,
    environmentsCreated: 0,
    endMs: 0,
    environmentSeconds: 0,
  };
}
