/**
 * The benchmark's measuring tools: medians, timed child processes, and the description of the
 * machine the figures come from (a timing means little without it).
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import type { Machine } from './results.ts';

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rounds to `digits` decimals (timings in ms keep one: sub-millisecond noise is not news). */
export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
  };
}

export interface Timed {
  ms: number;
  code: number | null;
  stdout: string;
  /** The tail of stdout and stderr together, for an error message or a summary line. */
  tail: string;
}

/** Runs a command to completion, its output collected (the tail kept), and times it. */
export function timed(
  cmd: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number },
): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(cmd, args, {
      cwd: options.cwd,
      env: { ...process.env, FORCE_COLOR: '0', ...options.env },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-16 * 1024);
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      if (stdout.length < 16 * 1024 * 1024) stdout += chunk.toString('utf8');
      keep(chunk);
    });
    child.stderr?.on('data', keep);
    const timer = options.timeoutMs
      ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
      : undefined;
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${cmd}: ${error.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - start, code, stdout, tail });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** Progress on stderr, so stdout keeps only the table. */
export function progress(text: string): void {
  process.stderr.write(`  … ${text}\n`);
}
