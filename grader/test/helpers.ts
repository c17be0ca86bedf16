/**
 * Helpers for the grader's own tests: grade a variant of a reference solution in a temporary
 * target, normalise a result for golden comparison, and compare with (or update) a golden file.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { loadCourse } from '../src/manifest/load.ts';
import type { Lab } from '../src/manifest/schema.ts';
import type { LabResult } from '../src/model/result.ts';
import { Runner, type RunnerOptions } from '../src/runner/run.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
export const course = loadCourse(ROOT);

export function lab(id: string): Lab {
  const found = course.labs.find((l) => l.id === id);
  if (!found) throw new Error(`no lab ${id}`);
  return found;
}

/** A temporary target root; removed by the returned cleanup. */
export function tempTarget(prefix = 'grader-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Writes `lab`'s reference solution into `targetRoot`, with `patch` applied to one file. The
 * patch must change the file (an anchor that no longer exists fails loudly).
 */
export function writeVariant(
  labToCopy: Lab,
  targetRoot: string,
  file: string,
  patch: (source: string) => string,
): void {
  for (const f of labToCopy.files) {
    const from = path.join(ROOT, 'solutions', labToCopy.dir, f);
    const to = path.join(targetRoot, labToCopy.dir, f);
    mkdirSync(path.dirname(to), { recursive: true });
    const source = readFileSync(from, 'utf8');
    const out = f === file ? patch(source) : source;
    if (f === file && out === source)
      throw new Error(`the patch for ${f} changed nothing: its anchor is gone`);
    writeFileSync(to, out);
  }
}

/** Replace exactly one occurrence of `anchor`, or throw. */
export function replaceOnce(source: string, anchor: string, replacement: string): string {
  const at = source.indexOf(anchor);
  if (at < 0 || source.indexOf(anchor, at + 1) >= 0)
    throw new Error(`anchor must occur exactly once: ${anchor}`);
  return source.slice(0, at) + replacement + source.slice(at + anchor.length);
}

export async function gradeOnce(
  options: Omit<RunnerOptions, 'root'> & { root?: string },
  which: Lab,
): Promise<LabResult> {
  const runner = await Runner.open({ root: ROOT, ...options });
  try {
    return await runner.grade(which);
  } finally {
    await runner.close();
  }
}

/** A result without what varies from run to run (durations, absolute paths). */
export function normalise(result: LabResult, targetRoot?: string): unknown {
  const strip = (text: string) =>
    (targetRoot ? text.split(targetRoot).join('<target>') : text)
      .replace(/\d+(\.\d+)? ?ms\b/g, '<n> ms')
      // Node 22+ (newer V8) adds "(line 1 column 2)" to JSON.parse errors; Node 20 does not.
      .replace(/ \(line \d+ column \d+\)/g, '');
  return {
    id: result.id,
    status: result.status,
    score: result.score,
    maxScore: result.maxScore,
    typecheck: {
      status: result.typecheck.status,
      diagnostics: result.typecheck.diagnostics.map(
        (d) => `${d.file}:${d.line}:${d.column} ${d.message}`,
      ),
    },
    errors: result.errors.map(strip),
    checks: result.checks.map((c) => ({
      task: c.taskId,
      title: c.title,
      status: c.status,
      earned: c.earned,
      message: strip(c.message),
      ...(c.file ? { at: `${c.file}:${c.line ?? ''}` } : {}),
    })),
  };
}

/** Compares `actual` with grader/test/fixtures/golden/<name>.json; UPDATE_GOLDEN=1 rewrites it. */
export function expectGolden(name: string, actual: unknown): void {
  const file = path.join(ROOT, 'grader', 'test', 'fixtures', 'golden', `${name}.json`);
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) {
    writeFileSync(file, text);
    if (!process.env.UPDATE_GOLDEN)
      throw new Error(`wrote the missing golden file ${name}.json: review it, then run again`);
    return;
  }
  expect(
    JSON.parse(text),
    `golden ${name}.json (UPDATE_GOLDEN=1 to accept a deliberate change)`,
  ).toEqual(JSON.parse(readFileSync(file, 'utf8')));
}
