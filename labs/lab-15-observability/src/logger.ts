/**
 * Lab 15 — Observability, part 1: a structured JSON logger.
 * Read labs/lab-15-observability/README.md first. Grade with: npm run grade lab-15
 */

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

const SEVERITY: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };

/** Reads a level name such as "warn" or "INFO"; anything else gives `fallback`. */
export function parseLevel(value: string | undefined, fallback: LogLevel = 'INFO'): LogLevel {
  const upper = value?.trim().toUpperCase();
  if (upper === 'WARNING') return 'WARN';
  return upper !== undefined && upper in SEVERITY ? (upper as LogLevel) : fallback;
}

/** Reads a sample rate between 0 and 1; anything else is 0 (never sample). */
export function parseSampleRate(value: string | undefined): number {
  const rate = Number(value);
  return Number.isFinite(rate) && rate > 0 ? Math.min(rate, 1) : 0;
}

/** The keys every line of one invocation carries. */
export interface InvocationKeys {
  function_request_id: string;
  function_name: string;
  correlation_id: string;
  cold_start: boolean;
  xray_trace_id?: string;
}

export interface LoggerOptions {
  serviceName: string;
  /** The threshold from LOG_LEVEL. */
  level: LogLevel;
  /** The share of invocations logged at DEBUG whatever the level (LOG_DEBUG_SAMPLE_RATE). */
  debugSampleRate: number;
  /** A number in [0, 1); call it once per invocation for the sampling decision. */
  random: () => number;
}

export class Logger {
  protected readonly options: LoggerOptions;

  constructor(options: LoggerOptions) {
    this.options = options;
  }

  /** Starts an invocation: the keys every line carries, and the DEBUG sampling decision. */
  startInvocation(keys: InvocationKeys): void {
    // TODO(lab-15): task 1 — remember `keys`: every line of this invocation carries them.
    // TODO(lab-15): task 2 — decide ONCE, here, whether this invocation is sampled:
    //   this.options.random() < debugSampleRate. A sampled invocation logs DEBUG lines whatever
    //   the level; the others respect this.options.level.
  }

  /** Ends an invocation: nothing of it may leak into the next one this environment serves. */
  endInvocation(): void {
    // TODO(lab-15): task 1 — forget the invocation's keys and its sampling decision.
  }

  debug(message: string, extra?: Record<string, unknown>): void {
    this.#write('DEBUG', message, extra);
  }
  info(message: string, extra?: Record<string, unknown>): void {
    this.#write('INFO', message, extra);
  }
  warn(message: string, extra?: Record<string, unknown>): void {
    this.#write('WARN', message, extra);
  }
  error(message: string, extra?: Record<string, unknown>): void {
    this.#write('ERROR', message, extra);
  }

  #write(level: LogLevel, message: string, extra: Record<string, unknown> = {}): void {
    // TODO(lab-15): task 2 — skip the line when its level is below the threshold (SEVERITY).
    // TODO(lab-15): task 1 — write ONE JSON object per line: level, message, timestamp (ISO
    //   8601: new Date().toISOString()), service, the invocation's keys, then the extra fields
    //   (an Error needs { name, message, stack }: JSON.stringify(error) is "{}"). Write it with
    //   process.stdout.write(JSON.stringify(line) + '\n').
    console.log(`${level} ${message}`, extra);
  }
}
