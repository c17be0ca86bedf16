/**
 * Lab 17 reference solution: the monthly bill of one AWS Lambda function (requests, on-demand
 * duration by GB-seconds and tier, the free tier, provisioned concurrency's two rates, and the
 * INIT duration of cold starts). Prices come in as data; nothing here knows a dollar amount.
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

const MS_PER_SECOND = 1000;
const SECONDS_PER_HOUR = 3600;
const MB_PER_GB = 1024;

function requireRange(name: string, value: number, min: number, max = Number.MAX_VALUE): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
    throw new RangeError(`${name} must be a number from ${min} to ${max}; got ${String(value)}`);
}

// #region gb-seconds
/** Lambda bills each invocation's duration rounded up to the next whole millisecond. */
function billedMs(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs));
}

/** GB-seconds of `invocations` runs: memory in GB (MB ÷ 1,024) × billed time in seconds. */
function gbSeconds(invocations: number, memoryMb: number, billedMilliseconds: number): number {
  return invocations * (memoryMb / MB_PER_GB) * (billedMilliseconds / MS_PER_SECOND);
}
// #endregion gb-seconds

/** The price of a month's on-demand GB-seconds, each band at its own rate. */
export function tieredDurationCost(gbs: number, tiers: readonly DurationTier[]): number {
  let cost = 0;
  let bandStart = 0;
  for (const tier of tiers) {
    if (gbs <= bandStart) break;
    cost += (Math.min(gbs, tier.upToGbSeconds) - bandStart) * tier.perGbSecond;
    bandStart = tier.upToGbSeconds;
  }
  return cost;
}

/** The monthly bill of one function under `prices`. */
export function lambdaCost(
  workload: LambdaWorkload,
  prices: Prices,
  options: LambdaOptions = {},
): LambdaBill {
  const { requests, durationMs, memoryMb } = workload;
  const architecture = workload.architecture ?? 'x86_64';
  const coldStartRate = workload.coldStartRate ?? 0;
  const initMs = workload.initMs ?? 0;
  requireRange('requests', requests, 0);
  requireRange('durationMs', durationMs, 0);
  requireRange('memoryMb', memoryMb, 128, 10_240);
  requireRange('coldStartRate', coldStartRate, 0, 1);
  requireRange('initMs', initMs, 0);
  const tiers = prices.lambda.duration[architecture];
  if (!tiers) throw new RangeError(`architecture must be x86_64 or arm64; got ${architecture}`);
  const ms = billedMs(durationMs);

  // #region provisioned
  // Provisioned environments serve requests first, one at a time each, so in `hours` they can
  // run at most hours × 3,600,000 ms ÷ (ms per request) invocations; the rest run on demand.
  const pc = workload.provisioned;
  if (pc) {
    requireRange('provisioned.concurrency', pc.concurrency, 0);
    requireRange('provisioned.hours', pc.hours, 0);
  }
  const hasPc = pc !== undefined && pc.concurrency > 0 && pc.hours > 0;
  let onProvisioned = 0;
  let provisioned = 0;
  if (hasPc) {
    const rates = prices.lambda.provisioned[architecture];
    const configuredSeconds = pc.concurrency * pc.hours * SECONDS_PER_HOUR;
    onProvisioned = Math.min(requests, (configuredSeconds * MS_PER_SECOND) / ms);
    // Two rates: every configured second, busy or idle, plus the time spent running requests.
    provisioned =
      configuredSeconds * (memoryMb / MB_PER_GB) * rates.perGbSecond +
      gbSeconds(onProvisioned, memoryMb, ms) * rates.durationPerGbSecond;
  }
  const onDemand = requests - onProvisioned;
  // #endregion provisioned

  // #region free-tier
  // AWS: the free tier does not apply to functions that have provisioned concurrency enabled.
  // Each allowance is subtracted from its own quantity and never below zero: unused GB-seconds
  // do not pay for requests, and a quiet month costs $0, not a credit.
  const free = options.freeTier && !hasPc ? prices.lambda.freeTier : { requests: 0, gbSeconds: 0 };
  const billableRequests = onProvisioned + Math.max(0, onDemand - free.requests);
  const requestCharge = (billableRequests / 1_000_000) * prices.lambda.perMillionRequests;

  // INIT is billed as on-demand duration (since 1 August 2025): same rate, same tiers, same
  // free allowance. Only on-demand invocations have cold starts; provisioned environments
  // were initialised in advance.
  const durationGbs = gbSeconds(onDemand, memoryMb, ms);
  const initGbs = initMs > 0 ? gbSeconds(onDemand * coldStartRate, memoryMb, Math.ceil(initMs)) : 0;
  const duration = tieredDurationCost(Math.max(0, durationGbs - free.gbSeconds), tiers);
  const withInit = tieredDurationCost(Math.max(0, durationGbs + initGbs - free.gbSeconds), tiers);
  // #endregion free-tier

  const init = withInit - duration;
  return {
    requests: requestCharge,
    duration,
    init,
    provisioned,
    total: requestCharge + duration + init + provisioned,
  };
}
