import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLab, loadCourse, suggestLabs } from '../src/manifest/load.ts';
import { course } from './helpers.ts';

describe('the manifest', () => {
  it('loads every lab of the course without problems', () => {
    expect(course.problems).toEqual([]);
    expect(course.labs.length).toBeGreaterThanOrEqual(2);
    for (const lab of course.labs) {
      expect(lab.dir).toBe(`${lab.id}-${lab.slug}`);
      expect(lab.maxScore).toBe(
        lab.tasks.flatMap((t) => t.checks).reduce((s, c) => s + c.points, 0),
      );
    }
  });

  it('finds a lab by id, number, short id, slug and folder name', () => {
    const { labs } = course;
    for (const query of [
      'lab-01',
      '1',
      '01',
      'lab-1',
      'LAB-01',
      'hello-lambda',
      'lab-01-hello-lambda',
      'labs/lab-01-hello-lambda/',
    ]) {
      expect(findLab(labs, query)?.id, query).toBe('lab-01');
    }
    expect(findLab(labs, 'lab-99')).toBeUndefined();
    expect(findLab(labs, 'nope')).toBeUndefined();
  });

  it('suggests the closest labs for a typo', () => {
    expect(suggestLabs(course.labs, 'helo-lambda').map((l) => l.id)).toContain('lab-01');
    expect(suggestLabs(course.labs, 'execution').map((l) => l.id)).toContain('lab-02');
    expect(suggestLabs(course.labs, 'zzzzzzzzzzzzzz')).toEqual([]);
  });

  it('reports every invalid manifest at once, with the file and the field', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
    try {
      const write = (dir: string, value: unknown) => {
        mkdirSync(path.join(root, 'labs', dir), { recursive: true });
        writeFileSync(
          path.join(root, 'labs', dir, 'lab.json'),
          typeof value === 'string' ? value : JSON.stringify(value),
        );
      };
      write('lab-01-a', '{ not json');
      write('lab-02-b', {
        id: 'lab-02',
        slug: 'b',
        title: '',
        summary: 's',
        module: 12,
        platform: 'aws-lambda',
        files: [],
        minutes: 1,
        docs: '/',
        tasks: [],
      });
      write('lab-03-c', {
        id: 'lab-03',
        slug: 'other',
        title: 't',
        summary: 's',
        module: 1,
        platform: 'pure',
        files: ['a.ts'],
        minutes: 1,
        docs: '/',
        tasks: [{ title: '1. T', checks: [{ title: 'c', hints: ['h'] }] }],
      });
      mkdirSync(path.join(root, 'labs', 'lab-04-d'));
      const loaded = loadCourse(root);
      expect(loaded.labs).toEqual([]);
      const messages = loaded.problems.map((p) => `${p.file}: ${p.message}`).join('\n');
      expect(messages).toMatch(/lab-01-a\/lab\.json: not valid JSON/);
      expect(messages).toMatch(/lab-02-b\/lab\.json: .*title: must not be empty/);
      expect(messages).toMatch(/lab-02-b\/lab\.json: .*module/);
      expect(messages).toMatch(
        /lab-03-c\/lab\.json: folder is "lab-03-c" but id and slug say "lab-03-other"/,
      );
      expect(messages).toMatch(/lab-04-d\/lab\.json: missing/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
