/**
 * Captures what code under test logs, the way CloudWatch would see it: one entry per line
 * written through `console.*` or straight to `process.stdout` / `process.stderr`.
 */
import { format } from 'node:util';
import { vi } from 'vitest';

export interface LogLine {
  stream: 'stdout' | 'stderr';
  /** `log`, `info`, `warn`, `error`, `debug`, or `write` for raw stream writes. */
  method: string;
  text: string;
}

export interface LogCapture {
  readonly lines: LogLine[];
  /** Every captured line's text. */
  texts(): string[];
  /** Lines that parse as JSON objects (structured logs, EMF documents), parsed. */
  json(): Record<string, unknown>[];
  clear(): void;
  restore(): void;
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/** Start capturing; call `restore()` (or rely on `vi.restoreAllMocks()`) when done. */
export function captureLogs(): LogCapture {
  const lines: LogLine[] = [];
  const push = (stream: LogLine['stream'], method: string, text: string) => {
    for (const line of text.replace(/\n$/, '').split('\n'))
      lines.push({ stream, method, text: line });
  };
  const spies = CONSOLE_METHODS.map((method) =>
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      push(method === 'error' || method === 'warn' ? 'stderr' : 'stdout', method, format(...args));
    }),
  );
  const writeSpy = (stream: 'stdout' | 'stderr') =>
    vi.spyOn(process[stream], 'write').mockImplementation(((chunk: string | Uint8Array) => {
      push(
        stream,
        'write',
        typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'),
      );
      return true;
    }) as typeof process.stdout.write);
  const streamSpies = [writeSpy('stdout'), writeSpy('stderr')];
  return {
    lines,
    texts: () => lines.map((l) => l.text),
    json: () =>
      lines.flatMap((l) => {
        const text = l.text.trim();
        if (!text.startsWith('{')) return [];
        try {
          const value: unknown = JSON.parse(text);
          return value && typeof value === 'object' && !Array.isArray(value)
            ? [value as Record<string, unknown>]
            : [];
        } catch {
          return [];
        }
      }),
    clear: () => {
      lines.length = 0;
    },
    restore: () => {
      for (const spy of [...spies, ...streamSpies]) spy.mockRestore();
    },
  };
}
