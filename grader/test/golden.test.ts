/**
 * Golden fixtures of whole grading runs (Exercism's pass / fail / error idea): the lab-01 suite
 * against its solution, its untouched starter, and variants of the solution that each break one
 * thing a learner's code can break. Each result must match its golden file exactly (durations
 * and temporary paths aside).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toExercism } from '../src/reporters/exercism.ts';
import { materializeStarters } from '../src/state/starters.ts';
import {
  expectGolden,
  gradeOnce,
  lab,
  normalise,
  ROOT,
  replaceOnce,
  tempTarget,
  writeVariant,
} from './helpers.ts';

const hello = lab('lab-01');
const FILE = 'src/handler.ts';
const temps: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of temps) cleanup();
});

const VARIANTS: Record<string, (source: string) => string> = {
  'syntax-error': (s) =>
    replaceOnce(
      s,
      'function empty(statusCode: number): APIGatewayProxyResult {',
      'function empty(statusCode: number): APIGatewayProxyResult {\n  const broken = ;',
    ),
  'import-throw': (s) =>
    replaceOnce(
      s,
      'const ALLOWED_METHODS',
      "const settings = JSON.parse(process.env.HELLO_SETTINGS ?? '{not json');\nexport const prefix = settings.prefix;\nconst ALLOWED_METHODS",
    ),
  'process-exit': (s) =>
    replaceOnce(
      s,
      "case 'POST': {\n",
      "case 'POST': {\n      if (request.body === null) process.exit(1);\n",
    ),
  'endless-loop': (s) =>
    replaceOnce(
      s,
      "case 'POST': {\n",
      "case 'POST': {\n      let waiting = true;\n      while (waiting) waiting = request.method === 'POST';\n",
    ),
  'type-error': (s) =>
    replaceOnce(
      s,
      "const name = request.pathParameters.name ?? request.query.name ?? 'world';",
      "const name: number = request.pathParameters.name ?? request.query.name ?? 'world';",
    ),
  'sandbox-write': (s) =>
    replaceOnce(
      replaceOnce(s, 'import type {', "import { appendFileSync } from 'node:fs';\nimport type {"),
      "case 'POST': {\n",
      "case 'POST': {\n      appendFileSync('requests.log', String(request.body));\n",
    ),
};

async function gradeVariant(name: string) {
  const { dir, cleanup } = tempTarget();
  temps.push(cleanup);
  writeVariant(hello, dir, FILE, VARIANTS[name]!);
  return { result: await gradeOnce({ target: dir, labs: [hello] }, hello), dir };
}

/** The 1-based line of `text` in the variant `name` of the solution file. */
function lineOf(name: string, text: string): number {
  const source = VARIANTS[name]!(
    readFileSync(path.join(ROOT, 'solutions', hello.dir, FILE), 'utf8'),
  );
  return source.slice(0, source.indexOf(text)).split('\n').length;
}

describe('golden grading runs of lab-01', () => {
  it('passes the reference solution with full marks', async () => {
    const result = await gradeOnce({ target: 'solutions', labs: [hello] }, hello);
    expect(result.status).toBe('pass');
    expect(result.score).toBe(result.maxScore);
    expectGolden('lab-01-pass', normalise(result));
  });

  it('fails every check of the untouched starter, with a hint under each', async () => {
    const { dir, cleanup } = tempTarget();
    temps.push(cleanup);
    materializeStarters(ROOT, [hello], dir);
    const result = await gradeOnce({ target: dir, labs: [hello] }, hello);
    expect(result.status).toBe('fail');
    expect(result.checks.every((c) => c.status === 'fail' && c.hint.length > 0)).toBe(true);
    expectGolden('lab-01-fail', normalise(result, dir));
    expectGolden('lab-01-fail.exercism', toExercism(result));
  });

  it('reports a syntax error as error with the file and line', async () => {
    const { result, dir } = await gradeVariant('syntax-error');
    expect(result.status).toBe('error');
    const line = lineOf('syntax-error', 'const broken = ;');
    expect(
      result.checks.every((c) => c.status === 'error' && c.file === FILE && c.line === line),
    ).toBe(true);
    expectGolden('lab-01-syntax-error', normalise(result, dir));
  });

  it('reports a throw at import as error with the file and line', async () => {
    const { result, dir } = await gradeVariant('import-throw');
    expect(result.status).toBe('error');
    expect(result.errors[0]).toContain(
      `src/handler.ts threw while loading at line ${lineOf('import-throw', 'const settings')}: SyntaxError`,
    );
    expectGolden('lab-01-import-throw', normalise(result, dir));
  });

  it('reports process.exit as error and keeps the other checks', async () => {
    const { result, dir } = await gradeVariant('process-exit');
    const exited = result.checks.filter((c) => c.status === 'error');
    expect(exited.length).toBeGreaterThan(0);
    expect(exited[0]!.message).toMatch(/process\.exit\(1\)/);
    expect(result.checks.filter((c) => c.status === 'pass').length).toBeGreaterThan(0);
    expectGolden('lab-01-process-exit', normalise(result, dir));
  });

  it('stops an endless loop: that check times out, earlier ones keep their status, later ones are not run', async () => {
    const started = Date.now();
    const { result, dir } = await gradeVariant('endless-loop');
    const elapsed = Date.now() - started;
    const statuses = result.checks.map((c) => c.status);
    const hung = statuses.indexOf('timeout');
    expect(hung).toBe(4);
    expect(statuses.slice(0, hung).every((s) => s === 'pass')).toBe(true);
    expect(statuses.slice(hung + 1).every((s) => s === 'not-run')).toBe(true);
    // Generous bound: the point is that it ends, not how fast (timing is for benchmarks).
    expect(elapsed).toBeLessThan(hello.limits.budgetMs + 10_000);
    expectGolden('lab-01-endless-loop', normalise(result, dir));
  });

  it('reports a type error separately while the checks still run', async () => {
    const { result, dir } = await gradeVariant('type-error');
    expect(result.status).toBe('error');
    expect(result.score).toBe(result.maxScore);
    expect(result.typecheck.diagnostics).toEqual([
      expect.objectContaining({ file: FILE, line: lineOf('type-error', 'const name: number') }),
    ]);
    expectGolden('lab-01-type-error', normalise(result, dir));
  });

  it('refuses a file write from learner code and says so', async () => {
    const { result, dir } = await gradeVariant('sandbox-write');
    const refused = result.checks.filter((c) => c.status === 'error');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.message).toMatch(/sandbox refused FileSystemWrite/);
    expectGolden('lab-01-sandbox-write', normalise(result, dir));
  });
});
