/**
 * Lab 07 — the cold-start simulator: a Lambda function's pool of execution environments,
 * played over an arrival trace. Read labs/lab-07-cold-start-simulator/README.md first (it
 * states every rule, tie-breaks included). Grade with: npm run grade lab-07
 *
 * The shapes you read and return are in src/types.ts (given). Keep this module pure: no
 * Math.random, no Date.now, no timers. Time is only what the trace says.
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

/**
 * A suggestion for what to remember about each environment while the simulation runs (change
 * it as you like): its life (reported in the result) and when its current or last invocation
 * ends. It is free from that moment on.
 */
interface Environment {
  life: EnvironmentLife;
  busyUntil: number;
}

/** Simulates `trace` against a function configured as `config`. Same input, same output. */
export function simulate(trace: Trace, config: SimulationConfig): SimulationResult {
  // TODO(lab-07): task 1 — play the requests in arrival order. For each one:
  //   - first reclaim the on-demand environments whose keep-alive ran out: an environment that
  //     became idle at t (when its last request ended) is gone from t + keepAliveMs on;
  //   - a free environment (busy until ≤ arrival) serves it warm: latency = durationMs;
  //   - otherwise create a new environment: cold, latency = initMs + durationMs, busy until
  //     arrival + latency (INIT is busy time too).
  //   Give each environment a unique id and put it in the outcome's `environment`.

  // TODO(lab-07): task 2 — before serving, throttle the request (status 'throttled',
  //   latencyMs null, environment null) when the busy environments have reached
  //   config.reserved. Before creating an environment, throttle when `scaling.environments`
  //   were already created in the last `scaling.windowMs` (config.scaling, default
  //   LAMBDA_SCALING_RATE). Never queue a request.

  // TODO(lab-07): task 3 — create config.provisioned environments up front (ready at 0, never
  //   reclaimed). With config.warmer, send `concurrency` pings (default 1, each running
  //   `durationMs`, default 50) at 0, intervalMs, 2 × intervalMs, … up to the last arrival:
  //   pings are ordinary invocations, played before requests that arrive at the same time.

  // TODO(lab-07): return { requests (in trace order), pings, environments, summary }, with the
  //   summary from summarize(requests, pings, environments) in src/report.ts. On-demand
  //   environments still alive at the end are reclaimed keepAliveMs after their last
  //   invocation: set their reclaimedMs before summarising.
  throw new Error('TODO(lab-07): simulate() is not implemented yet (see src/simulator.ts)');
}
