/**
 * What the cold-start simulator's two charts draw, computed from the lab simulator's outcomes:
 * latency over time (warm, cold and throttled requests as separate series) and a histogram of
 * the served requests' latency.
 */
import type { RequestOutcome } from '../../../../solutions/lab-07-cold-start-simulator/src/types.ts';

export interface Point {
  /** Arrival time, s. */
  x: number;
  /** Latency, ms (0 for a throttled request, which never ran). */
  y: number;
}

export interface LatencySeries {
  warm: Point[];
  cold: Point[];
  throttled: Point[];
}

export function latencySeries(requests: readonly RequestOutcome[]): LatencySeries {
  const series: LatencySeries = { warm: [], cold: [], throttled: [] };
  for (const r of requests) series[r.status].push({ x: r.arrivalMs / 1000, y: r.latencyMs ?? 0 });
  return series;
}

export interface Histogram {
  /** Bin width, ms. */
  width: number;
  /** Lower edge of each bin, ms. */
  starts: number[];
  warm: number[];
  cold: number[];
}

/** A "nice" bin width (1, 2, 2.5 or 5 × a power of ten) giving at most `bins` bins up to `max`. */
export function binWidth(max: number, bins: number): number {
  const raw = Math.max(max, 1) / bins;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const factor of [1, 2, 2.5, 5, 10]) if (factor * power >= raw) return factor * power;
  return 10 * power;
}

/** Counts of warm and cold latencies per bin (throttled requests have no latency). */
export function histogram(requests: readonly RequestOutcome[], bins = 32): Histogram {
  const served = requests.filter((r) => r.latencyMs !== null);
  const max = served.reduce((m, r) => Math.max(m, r.latencyMs!), 0);
  const width = binWidth(max, bins);
  const count = Math.max(1, Math.floor(max / width) + 1);
  const out: Histogram = {
    width,
    starts: Array.from({ length: count }, (_, i) => i * width),
    warm: new Array(count).fill(0),
    cold: new Array(count).fill(0),
  };
  for (const r of served) {
    const bin = Math.min(count - 1, Math.floor(r.latencyMs! / width));
    if (r.status === 'cold') out.cold[bin]! += 1;
    else out.warm[bin]! += 1;
  }
  return out;
}
