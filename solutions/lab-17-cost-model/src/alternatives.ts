/**
 * Lab 17 reference solution: what the same work costs elsewhere. A Fargate task bills the
 * hours it runs, whatever the traffic; Workers Standard bills requests and CPU time above a
 * monthly allowance.
 */
import type { Prices } from './prices.ts';

export interface FargateTasks {
  /** vCPUs of one task (0.25, 0.5, 1, 2, 4, 8 or 16). */
  vcpu: number;
  /** Memory of one task in GB. */
  memoryGb: number;
  /** Tasks running side by side. Default 1. */
  tasks?: number;
  /** Hours each task runs in the month. Default `prices.hoursPerMonth` (730). */
  hours?: number;
}

/** Dollars a month, unrounded. */
export interface FargateBill {
  vcpu: number;
  memory: number;
  total: number;
}

export interface WorkersWorkload {
  /** Requests per month. */
  requests: number;
  /** CPU time of one request in ms: time spent waiting on I/O is not CPU time. */
  cpuMsPerRequest: number;
}

/** Dollars a month, unrounded. */
export interface WorkersBill {
  /** The monthly minimum, which includes the request and CPU allowances. */
  base: number;
  requests: number;
  cpu: number;
  total: number;
}

function requireNonNegative(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new RangeError(`${name} must be a number ≥ 0; got ${String(value)}`);
}

/** Fargate bills vCPU-hours and GB-hours for as long as each task runs, busy or idle. */
export function fargateCost(spec: FargateTasks, prices: Prices): FargateBill {
  const tasks = spec.tasks ?? 1;
  // A month is 730 hours (365 × 24 ÷ 12), not 720: take it from the table, never from code.
  const hours = spec.hours ?? prices.hoursPerMonth;
  for (const [name, value] of Object.entries({
    vcpu: spec.vcpu,
    memoryGb: spec.memoryGb,
    tasks,
    hours,
  }))
    requireNonNegative(name, value);
  const taskHours = tasks * hours;
  const vcpu = spec.vcpu * taskHours * prices.fargate.perVcpuHour;
  const memory = spec.memoryGb * taskHours * prices.fargate.perGbHour;
  return { vcpu, memory, total: vcpu + memory };
}

/** Workers Standard: a monthly minimum with allowances, then requests and CPU-ms beyond them. */
export function workersCost(workload: WorkersWorkload, prices: Prices): WorkersBill {
  requireNonNegative('requests', workload.requests);
  requireNonNegative('cpuMsPerRequest', workload.cpuMsPerRequest);
  const w = prices.workers;
  const extraRequests = Math.max(0, workload.requests - w.includedRequests);
  const extraCpuMs = Math.max(0, workload.requests * workload.cpuMsPerRequest - w.includedCpuMs);
  const requests = (extraRequests / 1_000_000) * w.perMillionRequests;
  const cpu = (extraCpuMs / 1_000_000) * w.perMillionCpuMs;
  return { base: w.monthly, requests, cpu, total: w.monthly + requests + cpu };
}
