/**
 * A fixture cohort graded end to end: a perfect student, an untouched starter, a partial
 * student, a hostile student, and two near-copies. Assertions on the gradebook, the report's
 * data, the similarity pairs, and that nothing outside the output folder was written.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classroomWorkflow,
  doctorWorkflow,
  inlineSolutionIncludes,
  siteSolutionModules,
} from '../src/cohort/classroom.ts';
import type { Gradebook } from '../src/cohort/gradebook.ts';
import { parseCsv, RosterError, readRoster } from '../src/cohort/roster.ts';
import { compare, fingerprint } from '../src/cohort/similarity.ts';
import { materializeStarters } from '../src/state/starters.ts';
import { lab, ROOT, replaceOnce, writeVariant } from './helpers.ts';

const LABS = [lab('lab-01'), lab('lab-02')];
const work = mkdtempSync(path.join(os.tmpdir(), 'cohort-'));
const subs = path.join(work, 'submissions');
const out = path.join(work, 'out');
const outside = path.join(work, 'written-by-hostile-student.txt');

function treeHash(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      hash.update(path.relative(dir, full));
      if (statSync(full).isDirectory()) walk(full);
      else hash.update(readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

function cohort(...args: string[]) {
  return spawnSync(
    process.execPath,
    [path.join(ROOT, 'grader', 'bin', 'course.mjs'), 'cohort', ...args],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } },
  );
}

let before: string;
let gitBefore: string;
let book: Gradebook;
let csv: string[][];

beforeAll(() => {
  const student = (id: string) => path.join(subs, id, 'labs');
  // perfect: the reference solutions
  for (const l of LABS)
    cpSync(path.join(ROOT, 'solutions', l.dir), path.join(student('perfect'), l.dir), {
      recursive: true,
    });
  // untouched: the pristine starters
  materializeStarters(ROOT, LABS, student('untouched'));
  // partial: lab-01 solved, lab-02 untouched
  cpSync(path.join(ROOT, 'solutions', LABS[0]!.dir), path.join(student('partial'), LABS[0]!.dir), {
    recursive: true,
  });
  materializeStarters(ROOT, [LABS[1]!], student('partial'));
  // hostile: loops forever on POST and tries to write outside its folder on GET; exits in lab-02
  writeVariant(LABS[0]!, student('hostile'), 'src/handler.ts', (s) =>
    replaceOnce(
      replaceOnce(s, "case 'POST': {\n", "case 'POST': {\n      for (;;) {}\n"),
      "case 'GET': {\n",
      `case 'GET': {\n      try { (await import('node:fs')).writeFileSync(${JSON.stringify(outside)}, 'pwned'); } catch {}\n      console.log('x'.repeat(5_000_000));\n`,
    ),
  );
  writeVariant(LABS[1]!, student('hostile'), 'src/handler.ts', (s) =>
    replaceOnce(
      s,
      'export const handler = async',
      'process.exit(3);\nexport const handler = async',
    ),
  );
  // near copies: one lab-02 answer, then the same with names changed and comments gone
  const original = readFileSync(
    path.join(ROOT, 'solutions', LABS[1]!.dir, 'src', 'handler.ts'),
    'utf8',
  ).replace('const initStartedAt', 'const startedAt = 0;\nconst initStartedAt');
  const copy = original
    .replace(/\/\/.*$/gm, '')
    .replace(/\binvocations\b/g, 'count')
    .replace(/\bgetS3\b/g, 's3Client')
    .replace(/\bloadConfig\b/g, 'readSettings');
  for (const [id, source] of [
    ['copy-a', original],
    ['copy-b', copy],
  ] as const) {
    materializeStarters(ROOT, [LABS[0]!], student(id));
    mkdirSync(path.join(student(id), LABS[1]!.dir, 'src'), { recursive: true });
    writeFileSync(path.join(student(id), LABS[1]!.dir, 'src', 'handler.ts'), source);
  }
  writeFileSync(
    path.join(work, 'roster.csv'),
    'id,name,email,section\nperfect,Ada Lovelace,ada@example.com,A\nuntouched,Bob,bob@example.com,A\npartial,Cy,cy@example.com,B\nhostile,Eve,eve@example.com,B\ncopy-a,Fay,fay@example.com,B\ncopy-b,Gus,gus@example.com,B\nabsent,Hal,hal@example.com,B\n',
  );
  before = treeHash(subs);
  gitBefore = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: ROOT,
    encoding: 'utf8',
  }).stdout;
  const run = cohort(
    'grade',
    subs,
    '--out',
    out,
    '--labs',
    'lab-01,lab-02',
    '--roster',
    path.join(work, 'roster.csv'),
    '--jobs',
    '2',
    '--similarity',
    '0.8',
  );
  expect(run.status, run.stderr).toBe(0);
  book = JSON.parse(readFileSync(path.join(out, 'gradebook.json'), 'utf8'));
  csv = parseCsv(readFileSync(path.join(out, 'gradebook.csv'), 'utf8')).filter((r) => r.length > 1);
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('cohort grade', () => {
  it('writes one gradebook row per student, id first, a column per lab and a total', () => {
    expect(csv[0]).toEqual(['student_id', 'lab-01', 'lab-02', 'total']);
    const rows = Object.fromEntries(csv.slice(1).map((r) => [r[0], r.slice(1).map(Number)]));
    expect(rows.perfect).toEqual([14, 10, 24]);
    expect(rows.untouched).toEqual([0, 0, 0]);
    expect(rows.partial).toEqual([14, 0, 14]);
    expect(rows.absent).toEqual([0, 0, 0]);
    expect(Object.keys(rows)).toEqual([
      'perfect',
      'untouched',
      'partial',
      'hostile',
      'copy-a',
      'copy-b',
      'absent',
    ]);
  });

  it('contains the hostile student: a timeout and errors, never a crash of the batch', () => {
    const hostile = book.students.find((s) => s.id === 'hostile')!;
    const lab01 = hostile.labs['lab-01']!;
    expect(lab01.status).toBe('error');
    expect(lab01.checks.map((c) => c.status)).toContain('timeout');
    expect(hostile.labs['lab-02']!.checks.every((c) => c.status === 'error')).toBe(true);
    expect(hostile.labs['lab-02']!.checks[0]!.message).toMatch(/process\.exit\(3\)/);
  });

  it('writes nothing outside the output folder', () => {
    expect(existsSync(outside)).toBe(false);
    expect(treeHash(subs)).toBe(before);
    expect(
      spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], {
        cwd: ROOT,
        encoding: 'utf8',
      }).stdout,
    ).toBe(gitBefore);
    expect(readdirSync(out).sort()).toEqual([
      'cache',
      'gradebook.csv',
      'gradebook.json',
      'report.html',
    ]);
  });

  it('keeps the roster order and notes, and the report data', () => {
    expect(book.students.map((s) => s.id)).toEqual([
      'perfect',
      'untouched',
      'partial',
      'hostile',
      'copy-a',
      'copy-b',
      'absent',
    ]);
    expect(book.students.find((s) => s.id === 'absent')!.notes).toEqual([
      'no submission folder for this student',
    ]);
    expect(book.students[0]).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      section: 'A',
      total: 24,
      maxTotal: 24,
    });
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    for (const section of [
      'distribution',
      'pass-rate',
      'heatmap',
      'problems',
      'students',
      'similarity',
    ])
      expect(html).toContain(`id="${section}"`);
    expect(html).not.toMatch(/<script src=|<link [^>]*href="http/);
  });

  it('flags the near-copies side by side, and copies of the reference', () => {
    const pair = book.similarity.pairs.find(
      (p) => p.lab === 'lab-02' && p.a === 'copy-a' && p.b === 'copy-b',
    );
    expect(
      pair,
      JSON.stringify(book.similarity.pairs.map((p) => [p.a, p.b, p.similarity])),
    ).toBeDefined();
    expect(pair!.regions.length).toBeGreaterThan(0);
    expect(pair!.regions[0]!.aText.length).toBeGreaterThan(0);
    expect(book.similarity.pairs.some((p) => p.a === 'untouched' || p.b === 'untouched')).toBe(
      false,
    );
    expect(book.similarity.reference.some((p) => p.a === 'perfect' && p.lab === 'lab-01')).toBe(
      true,
    );
  });

  it('regrades only what changed on a rerun', () => {
    writeFileSync(
      path.join(subs, 'partial', 'labs', LABS[1]!.dir, 'src', 'handler.ts'),
      readFileSync(path.join(ROOT, 'solutions', LABS[1]!.dir, 'src', 'handler.ts')),
    );
    const started = Date.now();
    const run = cohort(
      'grade',
      subs,
      '--out',
      out,
      '--labs',
      'lab-01,lab-02',
      '--roster',
      path.join(work, 'roster.csv'),
      '--jobs',
      '2',
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/6 cached|5 cached/);
    const again: Gradebook = JSON.parse(readFileSync(path.join(out, 'gradebook.json'), 'utf8'));
    expect(again.students.find((s) => s.id === 'partial')!.total).toBe(24);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);
});

describe('cohort inputs and Classroom', () => {
  it('names the line of every roster problem', () => {
    const file = path.join(work, 'bad-roster.csv');
    writeFileSync(
      file,
      'id,name,email\nada,Ada,ada@example.com\n,No Id,x@example.com\nbob,Bob,not-an-email\nada,Again,a2@example.com\n',
    );
    try {
      readRoster(file);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RosterError);
      const text = (error as RosterError).problems.join('\n');
      expect(text).toMatch(/line 3: id: the student id is empty/);
      expect(text).toMatch(/line 4: email: not an email address/);
      expect(text).toMatch(/line 5: student id "ada" is also on line 2/);
    }
  });

  it('writes a Classroom workflow the doctor accepts, and the doctor finds what is broken', () => {
    const workflow = classroomWorkflow(LABS);
    expect(doctorWorkflow(workflow, LABS)).toEqual([]);
    expect(
      doctorWorkflow(
        classroomWorkflow(LABS, { courseRepo: 'acme/course', courseRef: 'abc123' }),
        LABS,
      ),
    ).toEqual([]);
    const broken = workflow
      .replace('checks: write', 'checks: read')
      .replace(/runners: .*/, 'runners: lab01')
      .replace('npm run -s grade -- lab-02 --format classroom || true', 'npm test');
    const problems = doctorWorkflow(broken, LABS).join('\n');
    expect(problems).toMatch(/checks must be "write"/);
    expect(problems).toMatch(/lab-02: step "lab02" must run/);
    expect(problems).toMatch(/lab-02: the reporter's runners do not list "lab02"/);
  });

  it('exports a student edition without solutions/, with a workflow the doctor accepts', () => {
    const edition = path.join(work, 'edition');
    const run = cohort('export-template', edition);
    expect(run.status, run.stderr).toBe(0);
    // Only the pure models the site's simulator and calculator import stay (the site needs them).
    const kept = siteSolutionModules(ROOT);
    for (const lab of LABS) {
      const solution = path.join(edition, 'solutions', lab.dir);
      if (!kept.some((f) => f.startsWith(`solutions/${lab.dir}/`)))
        expect(existsSync(solution), `${lab.dir} has no solution in the edition`).toBe(false);
    }
    for (const file of kept) expect(existsSync(path.join(edition, file)), file).toBe(true);
    const shipped = spawnSync('find', ['solutions', '-type', 'f'], {
      cwd: edition,
      encoding: 'utf8',
    })
      .stdout.split('\n')
      .filter(Boolean)
      .sort();
    expect(shipped, 'the only solution files in the student edition').toEqual(kept);
    expect(existsSync(path.join(edition, 'grader', 'test'))).toBe(false);
    expect(existsSync(path.join(edition, 'grader', 'suites', LABS[0]!.dir))).toBe(true);
    expect(existsSync(path.join(edition, 'labs', LABS[0]!.dir, 'src', 'handler.ts'))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(edition, 'package.json'), 'utf8')).scripts.test).toBe(
      'node grader/bin/course.mjs grade',
    );
    const doctor = cohort('doctor', edition);
    expect(doctor.status, doctor.stdout).toBe(0);
    expect(
      spawnSync('grep', ['-rl', '<<< @/../solutions', path.join(edition, 'docs')], {
        encoding: 'utf8',
      }).stdout,
    ).toBe('');
  });

  it('inlines solution excerpts so the student edition builds without solutions/', () => {
    const md = 'Text\n\n<<< @/../solutions/lab-01-hello-lambda/src/handler.ts#cors\n\nMore';
    const inlined = inlineSolutionIncludes(md, ROOT);
    expect(inlined).toMatch(/```ts\n[\s\S]*CORS_HEADERS[\s\S]*```/);
    expect(inlined).not.toContain('<<<');
  });

  it('sees through renamed identifiers and removed comments, but not the starter', () => {
    const a = fingerprint(
      'function add(first, second) {\n  // sum\n  const total = first + second;\n  if (total > 10) { return total * 2; }\n  return total;\n}\n'.repeat(
        3,
      ),
    );
    const b = fingerprint(
      'function plus(x, y) {\n  const s = x + y;\n  if (s > 99) { return s * 7; }\n  return s;\n}\n'.repeat(
        3,
      ),
    );
    expect(compare(a, b, new Set(), 5)!.similarity).toBe(1);
    expect(compare(a, b, new Set(a.grams.keys()), 5)).toBeNull();
  });
});
