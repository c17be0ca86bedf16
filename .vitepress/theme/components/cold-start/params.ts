/**
 * The cold-start simulator's parameters: their ranges, defaults, how they map to the lab's
 * simulator configuration, and how they travel in a permalink (`?shape=bursty&pc=20…`).
 * The simulation itself is lab 07's reference solution, imported as is, so the page and the
 * lab can never disagree.
 */
import {
  type TrafficShape,
  traffic,
} from '../../../../solutions/lab-07-cold-start-simulator/src/traffic.ts';
import type {
  SimulationConfig,
  TraceRequest,
} from '../../../../solutions/lab-07-cold-start-simulator/src/types.ts';

export { TRAFFIC_SHAPES } from '../../../../solutions/lab-07-cold-start-simulator/src/traffic.ts';
export type { TrafficShape };

/** Every trace lasts ten minutes. */
export const TRACE_MS = 600_000;

export interface SimParams {
  shape: TrafficShape;
  /** Average requests per second. */
  rate: number;
  /** Average handler duration, ms. */
  durationMs: number;
  /** Keep-alive after an environment becomes idle, s. */
  keepAliveS: number;
  provisioned: number;
  /** Reserved concurrency; null = no function-level limit. */
  reserved: number | null;
  initMs: number;
  /** Minutes between warmer rounds; 0 = no warmer. */
  warmerMin: number;
  /** Pings sent at once in each warmer round. */
  warmerPings: number;
  /** Seed of the trace generator. */
  seed: number;
}

export const DEFAULTS: SimParams = {
  shape: 'bursty',
  rate: 2,
  durationMs: 100,
  keepAliveS: 60,
  provisioned: 0,
  reserved: null,
  initMs: 250,
  warmerMin: 0,
  warmerPings: 1,
  seed: 1,
};

export type NumericParam = Exclude<keyof SimParams, 'shape' | 'reserved' | 'seed'>;

export interface Range {
  min: number;
  max: number;
  step: number;
}

export const RANGES: Record<NumericParam | 'reserved', Range> = {
  rate: { min: 0.5, max: 10, step: 0.5 },
  durationMs: { min: 20, max: 1_000, step: 10 },
  keepAliveS: { min: 0, max: 600, step: 10 },
  provisioned: { min: 0, max: 100, step: 1 },
  // The slider's last position (max + 1) means "no limit".
  reserved: { min: 1, max: 100, step: 1 },
  initMs: { min: 0, max: 3_000, step: 10 },
  warmerMin: { min: 0, max: 15, step: 1 },
  warmerPings: { min: 1, max: 20, step: 1 },
};

/** Query-string names, short enough for a link that fits in a chat message. */
export const QUERY_KEYS: Record<keyof SimParams, string> = {
  shape: 'shape',
  rate: 'rate',
  durationMs: 'dur',
  keepAliveS: 'keep',
  provisioned: 'pc',
  reserved: 'rc',
  initMs: 'init',
  warmerMin: 'warm',
  warmerPings: 'pings',
  seed: 'seed',
};

function clampToRange(value: number, range: Range): number {
  const stepped = Math.round((value - range.min) / range.step) * range.step + range.min;
  // Round away floating-point dust (0.5-steps) before clamping.
  return Math.min(range.max, Math.max(range.min, Number(stepped.toFixed(6))));
}

/** The parameters a query string asks for; anything missing or invalid is the default. */
export function readParams(search: string): SimParams {
  const query = new URLSearchParams(search);
  const params: SimParams = { ...DEFAULTS };
  const shape = query.get(QUERY_KEYS.shape);
  if (shape === 'steady' || shape === 'spiky' || shape === 'bursty') params.shape = shape;
  for (const key of Object.keys(RANGES) as (NumericParam | 'reserved')[]) {
    const raw = query.get(QUERY_KEYS[key]);
    if (raw === null || raw.trim() === '') continue;
    if (key === 'reserved') {
      if (raw === 'none') params.reserved = null;
      else if (Number.isFinite(Number(raw)))
        params.reserved = clampToRange(Number(raw), RANGES.reserved);
      continue;
    }
    const value = Number(raw);
    if (Number.isFinite(value)) params[key] = clampToRange(value, RANGES[key]);
  }
  const seed = Number(query.get(QUERY_KEYS.seed));
  if (Number.isInteger(seed) && seed > 0 && seed < 2 ** 31) params.seed = seed;
  return params;
}

/**
 * `search` with the simulator's parameters replaced: defaults are left out (short links),
 * and any other query parameters are kept.
 */
export function writeParams(params: SimParams, search = ''): string {
  const query = new URLSearchParams(search);
  for (const key of Object.keys(QUERY_KEYS) as (keyof SimParams)[]) {
    const name = QUERY_KEYS[key];
    const value = params[key];
    if (value === DEFAULTS[key]) query.delete(name);
    else query.set(name, value === null ? 'none' : String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The effective provisioned concurrency: never more than the reserved concurrency. */
export function effectiveProvisioned(params: SimParams): number {
  return params.reserved === null
    ? params.provisioned
    : Math.min(params.provisioned, params.reserved);
}

/** The lab simulator's configuration for these parameters. */
export function toConfig(params: SimParams): SimulationConfig {
  return {
    initMs: params.initMs,
    keepAliveMs: params.keepAliveS * 1000,
    provisioned: effectiveProvisioned(params),
    ...(params.reserved === null ? {} : { reserved: params.reserved }),
    ...(params.warmerMin > 0
      ? {
          warmer: {
            intervalMs: params.warmerMin * 60_000,
            concurrency: params.warmerPings,
          },
        }
      : {}),
  };
}

/** The ten-minute trace for these parameters (only shape, rate, duration and seed matter). */
export function toTrace(params: SimParams): TraceRequest[] {
  return traffic(
    params.shape,
    { lengthMs: TRACE_MS, ratePerSecond: params.rate, meanDurationMs: params.durationMs },
    params.seed,
  );
}

/** `90` → "1 min 30 s", `0` → "0 s". */
export function formatSeconds(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest} s`;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** `1234.5` → "1,235" (en-US grouping, whatever the browser's locale, to match the prose). */
export function formatInt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
