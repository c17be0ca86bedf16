/**
 * Lab 07 — the report: latency percentiles and the aggregate summary of a simulation.
 * Reference solution.
 */
import type { EnvironmentLife, RequestOutcome, Summary } from './types.ts';

// #region percentile
/**
 * The nearest-rank percentile: sort the values ascending and take the one at rank
 * ⌈p/100 × n⌉ (ranks count from 1), so the result is always one of the values. `p` is in
 * [0, 100]; p = 0 gives the smallest value.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile: no values');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: p must be in [0, 100], got ${p}`);
  // Copy before sorting (the caller's array stays as it was) and compare as numbers:
  // the default sort compares strings, which puts 100 before 9.
  const sorted = [...values].sort((a, b) => a - b);
  // p × n / 100 rather than p / 100 × n: 7 / 100 × 100 is 7.000000000000001 in floating point.
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100));
  return sorted[rank - 1]!;
}
// #endregion percentile

/** When an invocation finished, or when it was turned away. */
function endOf(outcome: RequestOutcome): number {
  return outcome.arrivalMs + (outcome.latencyMs ?? 0);
}

/** The aggregate report of a simulation's outcomes and environments. */
export function summarize(
  requests: readonly RequestOutcome[],
  pings: readonly RequestOutcome[],
  environments: readonly EnvironmentLife[],
): Summary {
  const served = requests.filter((r) => r.status !== 'throttled');
  const cold = served.filter((r) => r.status === 'cold').length;
  // Throttled requests never ran: they have no latency and no place in the percentiles.
  const latencies = served.map((r) => r.latencyMs as number);
  const pick = (p: number) => (latencies.length > 0 ? percentile(latencies, p) : null);

  // #region environment-seconds
  // The run ends when the last invocation finishes. An environment counts from the start of
  // its INIT (INIT is billed too) until it is reclaimed or the run ends, whichever is first;
  // a provisioned one counts for the whole run, busy or not: that is what it costs.
  let endMs = 0;
  for (const outcome of [...requests, ...pings]) endMs = Math.max(endMs, endOf(outcome));
  let environmentMs = 0;
  for (const env of environments) {
    const until = Math.min(env.reclaimedMs ?? endMs, endMs);
    environmentMs += Math.max(0, until - env.createdMs);
  }
  // #endregion environment-seconds

  return {
    requests: requests.length,
    served: served.length,
    cold,
    warm: served.length - cold,
    throttled: requests.length - served.length,
    coldStartRate: served.length > 0 ? cold / served.length : 0,
    p50: pick(50),
    p95: pick(95),
    p99: pick(99),
    environmentsCreated: environments.filter((e) => !e.provisioned).length,
    endMs,
    environmentSeconds: environmentMs / 1000,
  };
}
