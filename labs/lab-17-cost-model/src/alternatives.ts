/**
 * Lab 17 — A cost model. Read labs/lab-17-cost-model/README.md first.
 * Grade with: npm run grade lab-17
 *
 * What the same work costs elsewhere: a Fargate task bills the hours it runs, whatever the
 * traffic; Workers Standard bills requests and CPU time above a monthly allowance. Every price
 * comes from the `prices` parameter (see ./prices.ts).
 * Explanations: docs/modules/07-cost/index.md, "Serverless versus containers, fairly" and
 * "Cloudflare Workers Standard".
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

/** Fargate bills vCPU-hours and GB-hours for as long as each task runs, busy or idle. */
export function fargateCost(spec: FargateTasks, prices: Prices): FargateBill {
  // TODO(lab-17): task 5 — vCPU × hours × tasks × prices.fargate.perVcpuHour, and the same
  //   for GB. When spec.hours is missing, the month is prices.hoursPerMonth long.
  throw new Error('TODO(lab-17): fargateCost is not written yet');
}

/** Workers Standard: a monthly minimum with allowances, then requests and CPU-ms beyond them. */
export function workersCost(workload: WorkersWorkload, prices: Prices): WorkersBill {
  // TODO(lab-17): task 5 — prices.workers.monthly, plus the requests beyond includedRequests
  //   and the CPU-ms (requests × cpuMsPerRequest) beyond includedCpuMs, each at its
  //   per-million rate.
  throw new Error('TODO(lab-17): workersCost is not written yet');
}
