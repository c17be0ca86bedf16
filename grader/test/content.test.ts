/**
 * The content checker finds each kind of inconsistency, all at once, each with a fix.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContent, type SuiteTitles } from '../src/content/check.ts';
import { collectSuiteTitles } from '../src/content/command.ts';
import { loadCourse } from '../src/manifest/load.ts';
import { course, lab, ROOT } from './helpers.ts';

const temp = mkdtempSync(path.join(os.tmpdir(), 'content-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the content checker', () => {
  it('finds the suites of every lab by static collection', async () => {
    const suites = await collectSuiteTitles(course);
    for (const l of course.labs) {
      const titles = suites.get(l.dir)!;
      expect(titles, l.id).toBeDefined();
      for (const task of l.tasks)
        expect(titles.get(task.title), `${l.id} ${task.title}`).toEqual(
          task.checks.map((c) => c.title),
        );
    }
  });

  it('reports every problem of a broken course at once, each with a fix', () => {
    // Prepare: a copy of lab-01 with one of each mistake.
    const hello = lab('lab-01');
    for (const area of ['labs', 'solutions'])
      cpSync(path.join(ROOT, area, hello.dir), path.join(temp, area, hello.dir), {
        recursive: true,
      });
    cpSync(
      path.join(ROOT, 'grader', 'suites', hello.dir),
      path.join(temp, 'grader', 'suites', hello.dir),
      { recursive: true },
    );
    mkdirSync(path.join(temp, 'docs', 'modules', '01-core-concepts'), { recursive: true });
    writeFileSync(
      path.join(temp, 'docs', 'modules', '01-core-concepts', 'index.md'),
      '# Core concepts',
    );
    writeFileSync(
      path.join(temp, 'labs', hello.dir, 'src', 'handler.ts'),
      'export const handler = () => 1; // no marker\n',
    );
    writeFileSync(path.join(temp, 'solutions', hello.dir, 'src', 'extra.ts'), 'export {};\n');
    unlinkSync(path.join(temp, 'grader', 'suites', hello.dir, 'design.md'));
    mkdirSync(path.join(temp, 'solutions', 'lab-77-orphan'), { recursive: true });
    const broken = loadCourse(temp);
    const titles: SuiteTitles = new Map(
      hello.tasks.map((t) => [t.title, t.checks.map((c) => c.title)]),
    );
    titles.set('1. Answer GET /hello with JSON', [
      ...titles.get('1. Answer GET /hello with JSON')!.slice(1),
      'an undeclared test',
    ]);
    // Act
    const problems = checkContent(broken, { suites: new Map([[hello.dir, titles]]) });
    // Assess
    const text = problems.map((p) => `${p.file}: ${p.message}`).join('\n');
    expect(text).toMatch(/src\/handler\.ts: the starter has no TODO\(lab-01\) marker/);
    expect(text).toMatch(
      /solutions\/lab-01-hello-lambda\/src\/extra\.ts: a solution file with no starter twin/,
    );
    expect(text).toMatch(/design\.md: no author design notes/);
    expect(text).toMatch(/solutions\/lab-77-orphan: a folder no lab manifest declares/);
    expect(text).toMatch(
      /check "1\. Answer GET \/hello with JSON" › "returns 200 with a JSON body and a JSON content type" has no test/,
    );
    expect(text).toMatch(
      /test "1\. Answer GET \/hello with JSON" › "an undeclared test" has no manifest entry/,
    );
    expect(text).toMatch(/differs from the recorded starter/);
    expect(problems.every((p) => p.fix.length > 10)).toBe(true);
  });
});
