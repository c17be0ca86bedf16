/**
 * Turns what vitest reports (serialized errors) into what a learner can act on: a status, one
 * readable paragraph, and the file and line in *their* code when the problem is there.
 */
import path from 'node:path';
import type { CheckStatus } from '../model/result.ts';

/** The subset of vitest's serialized error the grader reads. */
export interface ReportedError {
  message?: string;
  name?: string;
  stack?: string;
  code?: string;
  permission?: string;
  resource?: string;
  stacks?: { file: string; line: number; column: number; method?: string }[];
  __vitest_rollup_error__?: { id?: string; plugin?: string };
}

export interface Explanation {
  status: Extract<CheckStatus, 'fail' | 'error' | 'timeout'>;
  message: string;
  /** Relative to the lab folder. */
  file?: string;
  line?: number;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are control characters.
const ANSI = /\u001b\[[0-9;]*m/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Trims a message to at most `lines` lines and `chars` characters. */
export function trimMessage(text: string, lines = 6, chars = 600): string {
  let out = stripAnsi(text).trim().split('\n').slice(0, lines).join('\n');
  if (out.length > chars) out = `${out.slice(0, chars - 1)}…`;
  return out;
}

function relativeTo(labDir: string, file: string): string | undefined {
  const clean = file.replace(/^file:\/\//, '');
  const rel = path.relative(labDir, clean);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/** The first stack frame that lies in the learner's lab folder. */
function learnerFrame(
  error: ReportedError,
  labDir: string,
): { file: string; line: number; column: number } | undefined {
  for (const frame of error.stacks ?? []) {
    const file = relativeTo(labDir, frame.file);
    if (file) return { file, line: frame.line, column: frame.column };
  }
  // Unparsed stacks (errors raised while loading a module): look for "<labDir>/…:line:col".
  const match = new RegExp(`${escapeRegExp(labDir)}/([^:\\s)]+):(\\d+):(\\d+)`).exec(
    error.stack ?? '',
  );
  if (match) return { file: match[1]!, line: Number(match[2]), column: Number(match[3]) };
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function at(frame: { file: string; line: number; column?: number } | undefined): string {
  if (!frame) return '';
  return ` (${frame.file}:${frame.line}${frame.column ? `:${frame.column}` : ''})`;
}

/** A syntax error found while transforming a learner file. */
function explainTransformError(error: ReportedError, labDir: string): Explanation | undefined {
  const id = error.__vitest_rollup_error__?.id;
  const text = stripAnsi(error.message ?? '');
  if (!id && !/Transform failed|PARSE_ERROR/.test(text)) return undefined;
  const location = /\[\s*([^\]\s]+):(\d+):(\d+)\s*\]/.exec(text);
  const reason =
    /\[PARSE_ERROR\]\s*(.+)/.exec(text)?.[1]?.trim() ??
    text
      .split('\n')
      .find((l) => l.trim() && !/Transform failed/.test(l))
      ?.trim() ??
    'invalid syntax';
  const file = id ? relativeTo(labDir, id) : undefined;
  const line = location ? Number(location[2]) : undefined;
  const column = location ? Number(location[3]) : undefined;
  const where = file
    ? `${file}${line ? ` line ${line}${column ? `, column ${column}` : ''}` : ''}`
    : 'a file the suite imports';
  return {
    status: 'error',
    message: `Syntax error in ${where}: ${reason}. The file cannot be loaded until this is fixed, so its checks could not run.`,
    file,
    line,
  };
}

/**
 * Explains an error reported for one check (or for a module that failed to load when
 * `loading` is true).
 */
export function explainError(error: ReportedError, labDir: string, loading = false): Explanation {
  const transform = explainTransformError(error, labDir);
  if (transform) return transform;

  const message = stripAnsi(error.message ?? String(error));
  const frame = learnerFrame(error, labDir);

  const exit = /process\.exit unexpectedly called with "?([^"]*)"?/.exec(message);
  if (exit) {
    return {
      status: 'error',
      message: `Your code called process.exit(${exit[1] ?? ''})${at(frame)}. A handler returns a value or throws an error; exiting the process would kill the execution environment (and the grader's checks).`,
      file: frame?.file,
      line: frame?.line,
    };
  }

  if (error.code === 'ERR_ACCESS_DENIED') {
    const what = error.permission
      ? `${error.permission}${error.resource ? ` on ${error.resource}` : ''}`
      : 'an operation';
    return {
      status: 'error',
      message: `The grading sandbox refused ${what}${at(frame)}. Code under test may not write files, read outside its lab folder or start processes; return data instead.`,
      file: frame?.file,
      line: frame?.line,
    };
  }

  if (/^Test timed out in \d+ms/.test(message) || /^Hook timed out in \d+ms/.test(message)) {
    const ms = /(\d+)ms/.exec(message)?.[1];
    return {
      status: 'timeout',
      message: `Did not finish within ${ms} ms: a promise that never settles (a missing await or return?) or work that never ends.`,
    };
  }

  if (loading) {
    return {
      status: 'error',
      message: `${frame ? frame.file : 'A module'} threw while loading${frame ? ` at line ${frame.line}` : ''}: ${error.name ?? 'Error'}: ${trimMessage(message, 3, 300)}. Code at the top level of a module runs at import (during the cold start); it must not fail.`,
      file: frame?.file,
      line: frame?.line,
    };
  }

  if (error.name === 'AssertionError' || /^expected /.test(message)) {
    return {
      status: 'fail',
      message: trimMessage(message.replace(/ \/\/ Object\.is equality/g, '')),
    };
  }

  if (frame) {
    return {
      status: 'fail',
      message: `Your code threw ${error.name ?? 'an error'}: ${trimMessage(message, 3, 300)}${at(frame)}`,
      file: frame.file,
      line: frame.line,
    };
  }
  return {
    status: 'fail',
    message: trimMessage(
      `${error.name && error.name !== 'Error' ? `${error.name}: ` : ''}${message}`,
    ),
  };
}
