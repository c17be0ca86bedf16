import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCommand } from '../src/commands/reset.ts';
import type { Course } from '../src/manifest/load.ts';
import type { LabResult } from '../src/model/result.ts';
import { PROGRESS_FILE, readProgress, recordGrades, writeProgress } from '../src/state/progress.ts';
import { readSnapshot, snapshotFromLabs, writeSnapshot } from '../src/state/starters.ts';
import { lab } from './helpers.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'state-'));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

function result(id: string, score: number, status: LabResult['status']): LabResult {
  return {
    id,
    slug: 's',
    title: 't',
    module: 1,
    status,
    score,
    maxScore: 10,
    durationMs: 1,
    typecheck: { status: 'pass', diagnostics: [] },
    errors: [],
    checks: [
      {
        task: '1. T',
        taskId: 1,
        title: 'c',
        status: status === 'pass' ? 'pass' : 'fail',
        points: 1,
        earned: 0,
        message: '',
        hint: '',
        durationMs: 1,
        cards: ['card-a'],
      },
    ],
  };
}

describe('the progress file', () => {
  it('keeps the best score, the last one, attempts and the first pass', () => {
    recordGrades(root, [result('lab-01', 4, 'fail')], new Date('2026-11-01T10:00:00Z'));
    recordGrades(root, [result('lab-01', 10, 'pass')], new Date('2026-11-02T10:00:00Z'));
    recordGrades(root, [result('lab-01', 7, 'fail')], new Date('2026-11-03T10:00:00Z'));
    const p = readProgress(root).labs['lab-01']!;
    expect(p).toMatchObject({
      bestScore: 10,
      lastScore: 7,
      attempts: 3,
      lastStatus: 'fail',
      firstPassedAt: '2026-11-02T10:00:00.000Z',
      lastGradedAt: '2026-11-03T10:00:00.000Z',
    });
    expect(readProgress(root).lastFailures).toEqual([
      { lab: 'lab-01', task: '1. T', title: 'c', cards: ['card-a'] },
    ]);
  });

  it('writes atomically and leaves no temporary file', () => {
    writeProgress(root, readProgress(root));
    expect(readdirSync(root)).toEqual([PROGRESS_FILE]);
  });

  it('keeps a damaged file aside instead of deleting it', () => {
    writeFileSync(path.join(root, PROGRESS_FILE), '{ half a fi');
    expect(readProgress(root).labs).toEqual({});
    const aside = readdirSync(root).find((f) => f.includes('.damaged-'));
    expect(aside).toBeDefined();
    expect(readFileSync(path.join(root, aside!), 'utf8')).toBe('{ half a fi');
  });
});

describe('reset', () => {
  const hello = lab('lab-01');
  function fakeCourse(): Course {
    const labDir = path.join(root, 'labs', hello.dir, 'src');
    mkdirSync(labDir, { recursive: true });
    mkdirSync(path.join(root, 'grader'), { recursive: true });
    writeFileSync(path.join(labDir, 'handler.ts'), 'export const starter = true;\n');
    const c: Course = { root, labs: [hello], problems: [] };
    writeSnapshot(root, snapshotFromLabs(root, c.labs));
    return c;
  }

  it('backs up every file of the lab, then restores the starter, and deletes nothing', async () => {
    const c = fakeCourse();
    const handler = path.join(root, 'labs', hello.dir, 'src', 'handler.ts');
    const mine = path.join(root, 'labs', hello.dir, 'src', 'notes.md');
    writeFileSync(handler, 'export const mine = "my work";\n');
    writeFileSync(mine, 'my notes');
    expect(await resetCommand(c, ['lab-01', '--yes'])).toBe(0);
    expect(readFileSync(handler, 'utf8')).toBe('export const starter = true;\n');
    expect(readFileSync(mine, 'utf8')).toBe('my notes');
    const [stamp] = readdirSync(path.join(root, '.lab-backups', hello.dir));
    const backup = path.join(root, '.lab-backups', hello.dir, stamp!);
    expect(readFileSync(path.join(backup, 'src', 'handler.ts'), 'utf8')).toBe(
      'export const mine = "my work";\n',
    );
    expect(readFileSync(path.join(backup, 'src', 'notes.md'), 'utf8')).toBe('my notes');
  });

  it('refuses without --yes when it cannot ask', async () => {
    const c = fakeCourse();
    writeFileSync(path.join(root, 'labs', hello.dir, 'src', 'handler.ts'), 'changed');
    const stdin = process.stdin.isTTY;
    Object.defineProperty(process.stdin, 'isTTY', { value: false, configurable: true });
    try {
      await expect(resetCommand(c, ['lab-01'])).rejects.toThrow(/needs a confirmation/);
    } finally {
      Object.defineProperty(process.stdin, 'isTTY', { value: stdin, configurable: true });
    }
    expect(readFileSync(path.join(root, 'labs', hello.dir, 'src', 'handler.ts'), 'utf8')).toBe(
      'changed',
    );
    expect(existsSync(path.join(root, '.lab-backups'))).toBe(false);
  });

  it('says so when there is nothing to reset', async () => {
    const c = fakeCourse();
    expect(await resetCommand(c, ['lab-01', '--yes'])).toBe(0);
    expect(existsSync(path.join(root, '.lab-backups'))).toBe(false);
  });

  it('records the starters of every lab in the snapshot', () => {
    fakeCourse();
    expect(readSnapshot(root).labs[hello.dir]).toEqual({
      'src/handler.ts': 'export const starter = true;\n',
    });
  });
});
