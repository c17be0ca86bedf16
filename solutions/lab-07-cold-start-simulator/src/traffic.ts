/**
 * Lab 07 — arrival traces to feed the simulator. This file is given (the course site's
 * simulator uses it too): it turns a traffic shape, a rate and a seed into a trace. Same seed,
 * same trace: all randomness comes from the seeded generator below, never from Math.random.
 */
import type { TraceRequest } from './types.ts';

/** The traffic patterns the site's simulator offers. */
export type TrafficShape = 'steady' | 'spiky' | 'bursty';

export const TRAFFIC_SHAPES: readonly TrafficShape[] = ['steady', 'spiky', 'bursty'];

export interface TrafficOptions {
  /** Length of the trace: requests arrive in [0, lengthMs). */
  lengthMs: number;
  /** Average arrival rate over the whole trace, in requests per second. */
  ratePerSecond: number;
  /** Average handler duration in ms; each request's duration varies around it (log-normal). */
  meanDurationMs: number;
}

/**
 * A small, fast, seeded pseudo-random generator (mulberry32): numbers in [0, 1), the same
 * sequence for the same seed on every machine.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Arrival times of a Poisson process at `perMs` requests per ms in [from, to). */
function poisson(random: () => number, perMs: number, from: number, to: number): number[] {
  const out: number[] = [];
  if (perMs <= 0) return out;
  let t = from;
  for (;;) {
    t += -Math.log(1 - random()) / perMs;
    if (t >= to) return out;
    out.push(Math.floor(t));
  }
}

/** A handler duration around `mean` ms: log-normal (σ = 0.5), at least 1 ms. */
function duration(random: () => number, mean: number): number {
  const sigma = 0.5;
  // Box–Muller: a standard normal from two uniforms (1 − u avoids log(0)).
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const value = mean * Math.exp(sigma * z - (sigma * sigma) / 2);
  return Math.max(1, Math.round(Math.min(value, mean * 20)));
}

/**
 * A trace of the given shape, sorted by arrival time:
 * - `steady`: arrivals at random (a Poisson process) at a constant average rate;
 * - `spiky`: half the traffic steady, the other half in 2-second spikes about every 30 s,
 *   each spike running at ~15× the steady rate;
 * - `bursty`: a trickle (20 % of the traffic) between bursts 60–120 s apart, each burst
 *   delivering the traffic of the quiet gap before it within 3 seconds.
 * The average rate over the trace is close to `ratePerSecond` for every shape.
 */
export function traffic(
  shape: TrafficShape,
  options: TrafficOptions,
  seed: number,
): TraceRequest[] {
  const { lengthMs, ratePerSecond, meanDurationMs } = options;
  const random = mulberry32(seed);
  const perMs = Math.max(0, ratePerSecond) / 1000;
  let arrivals: number[];
  if (shape === 'steady') {
    arrivals = poisson(random, perMs, 0, lengthMs);
  } else if (shape === 'spiky') {
    const periodMs = 30_000;
    const spikeMs = 2_000;
    arrivals = poisson(random, perMs / 2, 0, lengthMs);
    for (let start = 0; start < lengthMs; start += periodMs) {
      const at = start + random() * (periodMs - spikeMs);
      const spikeRate = ((perMs / 2) * periodMs) / spikeMs;
      arrivals.push(...poisson(random, spikeRate, at, Math.min(at + spikeMs, lengthMs)));
    }
  } else {
    const burstMs = 3_000;
    arrivals = poisson(random, perMs / 5, 0, lengthMs);
    let at = 5_000 + random() * 10_000;
    while (at < lengthMs) {
      const gapMs = 60_000 + random() * 60_000;
      const count = Math.round(perMs * 0.8 * gapMs);
      for (let i = 0; i < count; i++) {
        const t = Math.floor(at + random() * burstMs);
        if (t < lengthMs) arrivals.push(t);
      }
      at += gapMs;
    }
  }
  arrivals.sort((a, b) => a - b);
  return arrivals.map((arrivalMs) => ({ arrivalMs, durationMs: duration(random, meanDurationMs) }));
}
