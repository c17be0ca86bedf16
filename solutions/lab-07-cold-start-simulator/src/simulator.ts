/**
 * Lab 07 — the cold-start simulator: a Lambda function's pool of execution environments,
 * played over an arrival trace. Reference solution.
 *
 * The model (the README states each rule):
 * - an environment runs one request at a time: busy from the request's arrival until
 *   arrival + latency, and free again at exactly that moment;
 * - a request takes a free environment (warm, latency = duration), or a new one (cold,
 *   latency = INIT + duration), or is throttled (429): never queued;
 * - an idle on-demand environment is reclaimed keepAliveMs after it became idle; a request
 *   arriving at exactly that moment is too late;
 * - provisioned environments are initialised before 0 ms and never reclaimed;
 * - reserved concurrency caps the environments busy at once, INIT included;
 * - at most `scaling.environments` new environments in any `scaling.windowMs` window.
 */
import { summarize } from './report.ts';
import {
  type EnvironmentLife,
  LAMBDA_SCALING_RATE,
  type RequestOutcome,
  type SimulationConfig,
  type SimulationResult,
  type Trace,
} from './types.ts';

/** An environment while the simulation runs. */
interface Environment {
  life: EnvironmentLife;
  /** When its current (or last) invocation ends; it is free from then on. */
  busyUntil: number;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new RangeError(`simulate: ${message}`);
}

function validate(trace: Trace, config: SimulationConfig): void {
  const count = (n: number | undefined) => n === undefined || (Number.isInteger(n) && n >= 0);
  const time = (n: number) => Number.isFinite(n) && n >= 0;
  check(time(config.initMs), 'initMs must be a finite number ≥ 0');
  check(time(config.keepAliveMs), 'keepAliveMs must be a finite number ≥ 0');
  check(count(config.provisioned), 'provisioned must be a whole number ≥ 0');
  check(count(config.reserved), 'reserved must be a whole number ≥ 0');
  check(
    (config.provisioned ?? 0) <= (config.reserved ?? Number.POSITIVE_INFINITY),
    'provisioned concurrency cannot exceed reserved concurrency',
  );
  if (config.scaling) {
    check(count(config.scaling.environments), 'scaling.environments must be a whole number ≥ 0');
    check(config.scaling.windowMs > 0, 'scaling.windowMs must be > 0');
  }
  if (config.warmer) {
    check(config.warmer.intervalMs > 0, 'warmer.intervalMs must be > 0');
    check(count(config.warmer.concurrency), 'warmer.concurrency must be a whole number ≥ 0');
    check(time(config.warmer.durationMs ?? 0), 'warmer.durationMs must be ≥ 0');
  }
  for (const [i, r] of trace.entries())
    check(
      time(r.arrivalMs) && time(r.durationMs),
      `trace[${i}] needs arrivalMs and durationMs ≥ 0`,
    );
}

/** Simulates `trace` against a function configured as `config`. Pure: same input, same output. */
export function simulate(trace: Trace, config: SimulationConfig): SimulationResult {
  validate(trace, config);
  const { initMs, keepAliveMs } = config;
  const reserved = config.reserved ?? Number.POSITIVE_INFINITY;
  const scaling = config.scaling ?? LAMBDA_SCALING_RATE;

  const lives: EnvironmentLife[] = [];
  /** Environments not reclaimed yet. */
  let live: Environment[] = [];
  for (let id = 0; id < (config.provisioned ?? 0); id++) {
    const life = { id, provisioned: true, createdMs: 0, reclaimedMs: null };
    lives.push(life);
    live.push({ life, busyUntil: 0 });
  }
  /** Creation times of on-demand environments, oldest first; `inWindow` indexes the window. */
  const creations: number[] = [];
  let inWindow = 0;

  // #region keep-alive
  /** Reclaims the on-demand environments whose keep-alive ran out at or before `now`. */
  function reclaimExpired(now: number): void {
    live = live.filter((env) => {
      if (env.life.provisioned) return true; // provisioned concurrency is never reclaimed
      // Keep-alive counts from when the environment became idle (its last request ended),
      // not from that request's arrival: a long request must not expire its own environment.
      const expiresAt = env.busyUntil + keepAliveMs;
      if (expiresAt > now) return true;
      env.life.reclaimedMs = expiresAt;
      return false;
    });
  }
  // #endregion keep-alive

  /** Plays one invocation (a request or a ping) arriving at `now`. */
  function invoke(now: number, durationMs: number): RequestOutcome {
    reclaimExpired(now);
    const throttled: RequestOutcome = {
      arrivalMs: now,
      durationMs,
      status: 'throttled',
      latencyMs: null,
      environment: null,
    };
    // #region concurrency
    // Reserved concurrency caps busy environments, those still in INIT included. Over the cap
    // a synchronous invocation fails at once with a 429: Lambda does not queue it.
    const busy = live.filter((env) => env.busyUntil > now).length;
    if (busy >= reserved) return throttled;

    // One request per environment at a time: only a free environment can take it. Provisioned
    // ones first (that is what they are paid for), then the most recently idle on-demand one,
    // which lets surplus environments age out as traffic falls.
    let chosen: Environment | undefined;
    for (const env of live) {
      if (env.busyUntil > now) continue;
      if (
        !chosen ||
        (env.life.provisioned && !chosen.life.provisioned) ||
        (env.life.provisioned === chosen.life.provisioned && env.busyUntil > chosen.busyUntil)
      )
        chosen = env;
    }
    if (chosen) {
      chosen.busyUntil = now + durationMs; // warm: no INIT in the latency
      return { ...throttled, status: 'warm', latencyMs: durationMs, environment: chosen.life.id };
    }

    // No free environment: scale out, if the scaling rate allows another one in this window.
    while (inWindow < creations.length && creations[inWindow]! <= now - scaling.windowMs)
      inWindow += 1;
    if (creations.length - inWindow >= scaling.environments) return throttled;
    // #endregion concurrency
    creations.push(now);
    const life: EnvironmentLife = {
      id: lives.length,
      provisioned: false,
      createdMs: now,
      reclaimedMs: null,
    };
    lives.push(life);
    const latencyMs = initMs + durationMs; // cold: the caller waits for INIT, then the handler
    live.push({ life, busyUntil: now + latencyMs });
    return { ...throttled, status: 'cold', latencyMs, environment: life.id };
  }

  // Requests in arrival order (the sort is stable: equal times keep trace order), answered in
  // trace order. Pings are sent from 0 ms until the last request has arrived.
  const order = trace.map((_, i) => i).sort((a, b) => trace[a]!.arrivalMs - trace[b]!.arrivalMs);
  const requests: RequestOutcome[] = new Array(trace.length);
  const pings: RequestOutcome[] = [];
  const warmer = config.warmer;
  let nextPing = warmer ? 0 : Number.POSITIVE_INFINITY;

  // #region warmer
  for (const index of order) {
    const request = trace[index]!;
    // Pings due at or before this arrival go first (at equal times, the ping wins the race).
    // Each ping is an ordinary invocation: it needs a free environment (or a new, cold one)
    // and keeps exactly that one environment busy, then warm.
    while (warmer && nextPing <= request.arrivalMs) {
      for (let i = 0; i < (warmer.concurrency ?? 1); i++)
        pings.push(invoke(nextPing, warmer.durationMs ?? 50));
      nextPing += warmer.intervalMs;
    }
    requests[index] = invoke(request.arrivalMs, request.durationMs);
  }
  // #endregion warmer

  // The rest of the on-demand environments are reclaimed once their keep-alive runs out.
  for (const env of live)
    if (!env.life.provisioned) env.life.reclaimedMs = env.busyUntil + keepAliveMs;

  return {
    requests,
    pings,
    environments: lives,
    summary: summarize(requests, pings, lives),
  };
}
