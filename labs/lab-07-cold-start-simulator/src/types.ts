/**
 * Lab 07 — the shapes the cold-start simulator reads and writes. This file is given: the
 * simulator (src/simulator.ts) and the report (src/report.ts) are yours to write against it.
 * The course site's simulator imports the same types, so keep them as they are.
 *
 * Times are milliseconds on one clock that starts at 0 when the simulation starts.
 */

/** One request of an arrival trace. */
export interface TraceRequest {
  /** When the request arrives, in ms from the start of the simulation (≥ 0). */
  arrivalMs: number;
  /** How long the handler runs, in ms (≥ 0). The same whether the request is cold or warm. */
  durationMs: number;
}

/** Requests in order of arrival (`arrivalMs` never decreases). */
export type Trace = readonly TraceRequest[];

/**
 * How fast a function may add new execution environments: at most `environments` created in
 * any window of `windowMs` milliseconds.
 */
export interface ScalingRate {
  environments: number;
  windowMs: number;
}

/**
 * Lambda's per-function scaling rate: 1,000 new execution environments every 10 seconds, for
 * each function (AWS Lambda developer guide, "Lambda scaling behavior", as of 2026).
 */
export const LAMBDA_SCALING_RATE: ScalingRate = { environments: 1000, windowMs: 10_000 };

/** Scheduled "warmer" pings: `concurrency` simultaneous invocations every `intervalMs`. */
export interface WarmerConfig {
  /** Time between two rounds of pings; the first round is sent at 0 ms. */
  intervalMs: number;
  /** Pings sent at the same moment in each round (default 1). */
  concurrency?: number;
  /** How long the handler takes to answer a ping (default 50 ms). */
  durationMs?: number;
}

/** The function's configuration, as far as cold starts are concerned. */
export interface SimulationConfig {
  /** INIT duration of a new execution environment (the cold-start penalty), in ms. */
  initMs: number;
  /** An idle on-demand environment is reclaimed this long after it became idle, in ms. */
  keepAliveMs: number;
  /** Environments initialised before the first request and never reclaimed (default 0). */
  provisioned?: number;
  /** Most requests the function may run at once; beyond it requests are throttled (default: no limit). */
  reserved?: number;
  /** How fast new on-demand environments may be created (default LAMBDA_SCALING_RATE). */
  scaling?: ScalingRate;
  /** Periodic warmer pings (default: none). */
  warmer?: WarmerConfig;
}

/** What happened to one request (or one warmer ping). */
export type Status = 'cold' | 'warm' | 'throttled';

export interface RequestOutcome {
  /** Copied from the trace. */
  arrivalMs: number;
  /** Copied from the trace. */
  durationMs: number;
  status: Status;
  /** What the caller waited for: INIT (if cold) + duration; null when throttled. */
  latencyMs: number | null;
  /** Id of the environment that served it; null when throttled. */
  environment: number | null;
}

/** The life of one execution environment. */
export interface EnvironmentLife {
  /** Unique among the environments of one simulation. */
  id: number;
  /** Provisioned (kept initialised, never reclaimed) or on-demand. */
  provisioned: boolean;
  /** When its INIT started (0 for provisioned environments, which are ready at 0). */
  createdMs: number;
  /** When it was reclaimed; null if it never is (provisioned environments). */
  reclaimedMs: number | null;
}

/** The aggregate report of one simulation. */
export interface Summary {
  /** Requests in the trace (warmer pings are not requests). */
  requests: number;
  /** Requests that ran: cold + warm. */
  served: number;
  cold: number;
  warm: number;
  /** Requests rejected with a 429 (reserved concurrency or scaling rate reached). */
  throttled: number;
  /** cold / served (0 when nothing was served). */
  coldStartRate: number;
  /** Nearest-rank percentiles of the served requests' latency, in ms (null when nothing was served). */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** On-demand environments created (by requests or pings); provisioned ones are not counted. */
  environmentsCreated: number;
  /** When the last served request or ping finished: the end of the simulation, in ms. */
  endMs: number;
  /** Time environments existed between 0 and endMs, summed over all environments, in seconds. */
  environmentSeconds: number;
}

export interface SimulationResult {
  /** One outcome per trace request, in trace order. */
  requests: RequestOutcome[];
  /** One outcome per warmer ping, in the order they were sent (empty without a warmer). */
  pings: RequestOutcome[];
  /** Every environment of the run, provisioned ones included. */
  environments: EnvironmentLife[];
  summary: Summary;
}
