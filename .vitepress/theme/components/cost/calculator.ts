/**
 * The cost calculator's logic, kept out of the .vue file so it is type-checked and unit-tested.
 * Every dollar comes from lab 17's reference solution and its dated price table: the calculator
 * cannot disagree with the lab, because it runs the lab's code.
 */
import {
  type FargateBill,
  fargateCost,
  type WorkersBill,
  workersCost,
} from '../../../../solutions/lab-17-cost-model/src/alternatives.ts';
import {
  crossoverRequests,
  DEFAULT_MAX_REQUESTS,
} from '../../../../solutions/lab-17-cost-model/src/crossover.ts';
import {
  type LambdaBill,
  type LambdaWorkload,
  lambdaCost,
} from '../../../../solutions/lab-17-cost-model/src/lambda.ts';
import {
  type Architecture,
  PRICES_2026,
  type Prices,
} from '../../../../solutions/lab-17-cost-model/src/prices.ts';

export type { Architecture, Prices };
export { PRICES_2026 };

/** Fargate task sizes (valid vCPU / memory pairs), the common ones. */
export const FARGATE_SIZES = [
  { id: '0.25-0.5', vcpu: 0.25, memoryGb: 0.5 },
  { id: '0.25-1', vcpu: 0.25, memoryGb: 1 },
  { id: '0.25-2', vcpu: 0.25, memoryGb: 2 },
  { id: '0.5-1', vcpu: 0.5, memoryGb: 1 },
  { id: '0.5-2', vcpu: 0.5, memoryGb: 2 },
  { id: '0.5-4', vcpu: 0.5, memoryGb: 4 },
  { id: '1-2', vcpu: 1, memoryGb: 2 },
  { id: '1-4', vcpu: 1, memoryGb: 4 },
  { id: '1-8', vcpu: 1, memoryGb: 8 },
  { id: '2-4', vcpu: 2, memoryGb: 4 },
  { id: '2-8', vcpu: 2, memoryGb: 8 },
  { id: '2-16', vcpu: 2, memoryGb: 16 },
  { id: '4-8', vcpu: 4, memoryGb: 8 },
  { id: '4-16', vcpu: 4, memoryGb: 16 },
  { id: '4-30', vcpu: 4, memoryGb: 30 },
  { id: '8-16', vcpu: 8, memoryGb: 16 },
  { id: '16-32', vcpu: 16, memoryGb: 32 },
] as const;
export type FargateSizeId = (typeof FARGATE_SIZES)[number]['id'];

export function fargateSizeLabel(id: string): string {
  const size = FARGATE_SIZES.find((s) => s.id === id);
  return size ? `${size.vcpu} vCPU / ${size.memoryGb} GB` : id;
}

/** Common Lambda memory sizes, offered as suggestions (any whole MB from 128 to 10,240 works). */
export const MEMORY_SUGGESTIONS = [128, 256, 512, 1024, 1769, 2048, 3008, 4096, 10240];

export interface CalculatorInputs {
  requests: number;
  durationMs: number;
  memoryMb: number;
  architecture: Architecture;
  freeTier: boolean;
  pcConcurrency: number;
  pcHours: number;
  coldStartPercent: number;
  initMs: number;
  fargateSize: FargateSizeId;
  fargateTasks: number;
  workersCpuMs: number;
}

export const DEFAULT_INPUTS: Readonly<CalculatorInputs> = {
  requests: 10_000_000,
  durationMs: 200,
  memoryMb: 512,
  architecture: 'x86_64',
  freeTier: false,
  pcConcurrency: 0,
  pcHours: 730,
  coldStartPercent: 0,
  initMs: 300,
  fargateSize: '0.5-1',
  fargateTasks: 1,
  workersCpuMs: 5,
};

/** Numeric inputs: their query-string key and the range the calculator accepts. */
const NUMBERS = {
  requests: { key: 'req', min: 0, max: DEFAULT_MAX_REQUESTS, integer: true },
  durationMs: { key: 'ms', min: 1, max: 900_000, integer: false },
  memoryMb: { key: 'mb', min: 128, max: 10_240, integer: true },
  pcConcurrency: { key: 'pc', min: 0, max: 100_000, integer: true },
  pcHours: { key: 'pch', min: 0, max: 744, integer: false },
  coldStartPercent: { key: 'cold', min: 0, max: 100, integer: false },
  initMs: { key: 'init', min: 0, max: 10_000, integer: false },
  fargateTasks: { key: 'tasks', min: 1, max: 1000, integer: true },
  workersCpuMs: { key: 'cpu', min: 0, max: 300_000, integer: false },
} as const satisfies Record<string, { key: string; min: number; max: number; integer: boolean }>;
type NumberField = keyof typeof NUMBERS;
export const LIMITS: Readonly<Record<NumberField, { min: number; max: number }>> = NUMBERS;

function clampNumber(field: NumberField, value: unknown): number {
  const spec = NUMBERS[field];
  const n = typeof value === 'number' ? value : Number.NaN;
  if (!Number.isFinite(n)) return DEFAULT_INPUTS[field];
  const clamped = Math.min(spec.max, Math.max(spec.min, n));
  return spec.integer ? Math.round(clamped) : clamped;
}

/** Inputs safe to price: numbers in range (blank or invalid fields fall back to the defaults). */
export function sanitize(inputs: Partial<CalculatorInputs>): CalculatorInputs {
  const out = { ...DEFAULT_INPUTS };
  for (const field of Object.keys(NUMBERS) as NumberField[])
    out[field] = clampNumber(field, inputs[field]);
  out.architecture = inputs.architecture === 'arm64' ? 'arm64' : 'x86_64';
  out.freeTier = inputs.freeTier === true;
  out.fargateSize = FARGATE_SIZES.some((s) => s.id === inputs.fargateSize)
    ? (inputs.fargateSize as FargateSizeId)
    : DEFAULT_INPUTS.fargateSize;
  return out;
}

/** The query string of a permalink: every input, in a fixed order. */
export function toQuery(inputs: CalculatorInputs): string {
  const clean = sanitize(inputs);
  const params = new URLSearchParams();
  for (const field of Object.keys(NUMBERS) as NumberField[])
    params.set(NUMBERS[field].key, String(clean[field]));
  params.set('arch', clean.architecture);
  params.set('free', clean.freeTier ? '1' : '0');
  params.set('task', clean.fargateSize);
  return params.toString();
}

/** Whether a query string carries calculator inputs at all. */
export function hasCalculatorQuery(search: string): boolean {
  const params = new URLSearchParams(search);
  return [...Object.values(NUMBERS).map((n) => n.key), 'arch', 'free', 'task'].some((k) =>
    params.has(k),
  );
}

/** Inputs from a permalink's query string; missing or invalid values keep the defaults. */
export function fromQuery(search: string): CalculatorInputs {
  const params = new URLSearchParams(search);
  const partial: Partial<CalculatorInputs> = {};
  for (const field of Object.keys(NUMBERS) as NumberField[]) {
    const raw = params.get(NUMBERS[field].key);
    if (raw !== null && raw.trim() !== '') partial[field] = Number(raw);
  }
  const arch = params.get('arch');
  if (arch === 'arm64' || arch === 'x86_64') partial.architecture = arch;
  const free = params.get('free');
  if (free !== null) partial.freeTier = free === '1' || free === 'true';
  const task = params.get('task');
  if (task !== null) partial.fargateSize = task as FargateSizeId;
  return sanitize(partial);
}

export interface Preset {
  id: string;
  label: string;
  description: string;
  inputs: CalculatorInputs;
}

/** The guide's two scenarios, as corrected in the module (list prices, no INIT). */
export const PRESETS: readonly Preset[] = [
  {
    id: 'scenario-1',
    label: 'Scenario 1: low traffic',
    description: '100,000 requests a month, 512 MB, 200 ms, against one 0.5 vCPU / 1 GB task',
    inputs: {
      ...DEFAULT_INPUTS,
      requests: 100_000,
      durationMs: 200,
      memoryMb: 512,
      architecture: 'x86_64',
      freeTier: false,
      pcConcurrency: 0,
      coldStartPercent: 0,
      fargateSize: '0.5-1',
      fargateTasks: 1,
      workersCpuMs: 5,
    },
  },
  {
    id: 'scenario-2',
    label: 'Scenario 2: high, steady traffic',
    description: '100 million requests a month, 512 MB, 200 ms, against three 1 vCPU / 2 GB tasks',
    inputs: {
      ...DEFAULT_INPUTS,
      requests: 100_000_000,
      durationMs: 200,
      memoryMb: 512,
      architecture: 'x86_64',
      freeTier: false,
      pcConcurrency: 0,
      coldStartPercent: 0,
      fargateSize: '1-2',
      fargateTasks: 3,
      workersCpuMs: 5,
    },
  },
];

export function lambdaWorkload(inputs: CalculatorInputs): LambdaWorkload {
  return {
    requests: inputs.requests,
    durationMs: inputs.durationMs,
    memoryMb: inputs.memoryMb,
    architecture: inputs.architecture,
    coldStartRate: inputs.coldStartPercent / 100,
    initMs: inputs.initMs,
    provisioned:
      inputs.pcConcurrency > 0
        ? { concurrency: inputs.pcConcurrency, hours: inputs.pcHours }
        : undefined,
  };
}

export function fargateTasks(inputs: CalculatorInputs) {
  const size = FARGATE_SIZES.find((s) => s.id === inputs.fargateSize) ?? FARGATE_SIZES[3];
  return { vcpu: size.vcpu, memoryGb: size.memoryGb, tasks: inputs.fargateTasks };
}

export interface Costs {
  lambda: LambdaBill;
  /** Lambda's total with the free tier switched the other way (for comparison). */
  lambdaOtherFreeTier: number;
  /** Whether the free tier can apply at all (not with provisioned concurrency). */
  freeTierApplies: boolean;
  fargate: FargateBill;
  workers: WorkersBill;
  /** Requests a month from which Fargate is cheaper than Lambda; see crossoverRequests. */
  crossover: number | null;
}

export function computeCosts(raw: Partial<CalculatorInputs>, prices: Prices = PRICES_2026): Costs {
  const inputs = sanitize(raw);
  const workload = lambdaWorkload(inputs);
  const { requests: _solvedFor, ...perRequest } = workload;
  const tasks = fargateTasks(inputs);
  return {
    lambda: lambdaCost(workload, prices, { freeTier: inputs.freeTier }),
    lambdaOtherFreeTier: lambdaCost(workload, prices, { freeTier: !inputs.freeTier }).total,
    freeTierApplies: !(inputs.pcConcurrency > 0 && inputs.pcHours > 0),
    fargate: fargateCost(tasks, prices),
    workers: workersCost(
      { requests: inputs.requests, cpuMsPerRequest: inputs.workersCpuMs },
      prices,
    ),
    crossover: crossoverRequests({
      lambda: perRequest,
      fargate: tasks,
      prices,
      freeTier: inputs.freeTier,
    }),
  };
}

export interface Series {
  /** Monthly requests, increasing (log-spaced, plus the crossover itself when in range). */
  requests: number[];
  lambda: number[];
  fargate: number[];
  workers: number[];
  crossover: { requests: number; cost: number } | null;
}

/** The x range of the chart: decades around the current volume and the crossover. */
export function chartRange(requests: number, crossover: number | null): [number, number] {
  const points = [Math.max(requests, 1)];
  if (crossover !== null && crossover > 0) points.push(crossover);
  const low = 10 ** Math.max(3, Math.floor(Math.log10(Math.min(...points))) - 1);
  const high = 10 ** Math.min(12, Math.max(Math.ceil(Math.log10(Math.max(...points))) + 1, 6));
  return [low, Math.max(high, low * 1000)];
}

/** Cost of each platform against monthly requests, for the chart. */
export function costSeries(
  raw: Partial<CalculatorInputs>,
  prices: Prices = PRICES_2026,
  perDecade = 12,
): Series {
  const inputs = sanitize(raw);
  const { crossover } = computeCosts(inputs, prices);
  const [low, high] = chartRange(inputs.requests, crossover);
  const decades = Math.log10(high / low);
  const xs = new Set<number>();
  for (let i = 0; i <= decades * perDecade; i++) xs.add(Math.round(low * 10 ** (i / perDecade)));
  if (crossover !== null && crossover > low && crossover < high) xs.add(crossover);
  const requests = [...xs].sort((a, b) => a - b);
  const workload = lambdaWorkload(inputs);
  const fixed = fargateCost(fargateTasks(inputs), prices).total;
  return {
    requests,
    lambda: requests.map(
      (n) => lambdaCost({ ...workload, requests: n }, prices, { freeTier: inputs.freeTier }).total,
    ),
    fargate: requests.map(() => fixed),
    workers: requests.map(
      (n) => workersCost({ requests: n, cpuMsPerRequest: inputs.workersCpuMs }, prices).total,
    ),
    crossover:
      crossover !== null && crossover > low && crossover < high
        ? { requests: crossover, cost: fixed }
        : null,
  };
}

const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** Dollars to the cent, rounded once here; a positive amount under half a cent reads "< $0.01". */
export function formatDollars(value: number): string {
  if (value > 0 && value < 0.005) return '< $0.01';
  return USD.format(Math.round(value * 100) / 100);
}

export function formatCount(value: number): string {
  return COUNT.format(value);
}

/** "9.65 million", "100,000", "1.2 billion": requests in words people read. */
export function formatRequests(value: number): string {
  if (value >= 1e9) return `${ONE_DECIMAL.format(value / 1e9)} billion`;
  if (value >= 1e6)
    return `${new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 }).format(value / 1e6)} million`;
  return COUNT.format(value);
}

/** Average requests per second over a 730-hour month. */
export function perSecond(requestsPerMonth: number, prices: Prices = PRICES_2026): number {
  return requestsPerMonth / (prices.hoursPerMonth * 3600);
}

/** "November 2026" from an ISO date or year-month. */
export function formatAsOf(asOf: string): string {
  const [year, month, day] = asOf.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
  return new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'long',
    ...(day ? { day: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(date);
}
