/**
 * Lab 15 reference solution: a structured JSON logger. One JSON object per line, the
 * invocation's keys on every line, a level threshold, and DEBUG sampling decided once per
 * invocation.
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
  /** A number in [0, 1); called once per invocation for the sampling decision. */
  random: () => number;
}

const RESERVED = new Set(['level', 'message', 'timestamp', 'service', 'sampled']);

function toJson(value: unknown): unknown {
  // JSON.stringify(new Error()) is "{}": keep what a person needs to debug it.
  if (value instanceof Error)
    return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

export class Logger {
  readonly #options: LoggerOptions;
  #threshold: LogLevel;
  #keys: Partial<InvocationKeys> = {};
  #sampled = false;

  constructor(options: LoggerOptions) {
    this.#options = options;
    this.#threshold = options.level;
  }

  // #region per-invocation
  /**
   * Starts an invocation: sets the keys every line carries and decides, once, whether this
   * invocation logs at DEBUG. Deciding per line would keep random halves of a request's debug
   * trail, useless for following one request.
   */
  startInvocation(keys: InvocationKeys): void {
    this.#keys = { ...keys };
    const { debugSampleRate, random } = this.#options;
    this.#sampled = debugSampleRate > 0 && random() < debugSampleRate;
    this.#threshold = this.#sampled ? 'DEBUG' : this.#options.level;
  }

  /** Ends an invocation: nothing of it may leak into the next one this environment serves. */
  endInvocation(): void {
    this.#keys = {};
    this.#sampled = false;
    this.#threshold = this.#options.level;
  }
  // #endregion per-invocation

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

  // #region write
  #write(level: LogLevel, message: string, extra: Record<string, unknown> = {}): void {
    if (SEVERITY[level] < SEVERITY[this.#threshold]) return;
    const line: Record<string, unknown> = {
      level,
      message,
      timestamp: new Date().toISOString(),
      service: this.#options.serviceName,
      ...this.#keys,
    };
    if (this.#sampled) line.sampled = true;
    for (const [key, value] of Object.entries(extra)) {
      // The standard keys are what queries and alarms rely on: extra data never overwrites them.
      if (!RESERVED.has(key) && !(key in this.#keys)) line[key] = toJson(value);
    }
    // Straight to stdout, one line: in Lambda's text log format the global console prefixes
    // every line with a timestamp, the request id and a level, which breaks pure JSON lines.
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  // #endregion write
}
