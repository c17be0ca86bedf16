/**
 * `npm run bench`: the course's performance figures, measured on this machine and held to the
 * issue's targets. Grade latency per lab against the bare vitest run of its suite, every lab in
 * one command, bundle sizes, cold init of each bundle against an empty handler, the site's build
 * time and home-page JavaScript, and optionally `npm test`'s wall time. Medians of repeated
 * runs, printed as a table and written as JSON (by default docs/public/bench/latest.json, which
 * the site's Performance page shows). Not part of `npm test`: timings on a shared machine are
 * for reading, not for asserting.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../cli/usage.ts';
import type { Course } from '../manifest/load.ts';
import { measureBundles } from './bundles.ts';
import { measureGrade } from './grade.ts';
import { measureInit } from './init.ts';
import { machine, progress, round, timed } from './measure.ts';
import { type BenchResults, type Load, TARGETS } from './results.ts';
import { measureSite } from './site.ts';
import { renderTables } from './table.ts';

const SECTIONS = ['grade', 'bundles', 'init', 'site', 'test'] as const;
type Section = (typeof SECTIONS)[number];

export const BENCH_USAGE = `Usage: npm run bench [-- options]
  --runs N            repetitions of each measurement; medians are reported (default 5;
                      cold init runs at least 9 times: each run takes a fraction of a second)
  --only a,b          sections: ${SECTIONS.join(', ')} (default: all but test)
  --labs lab-01,…     the labs to grade (default: every lab)
  --with-test         also time one full npm test (minutes)
  --out <file>        where to write the JSON (default docs/public/bench/latest.json); the
                      sections measured replace those in the file, the others are kept
  --json              print the JSON instead of the tables
  --show              measure nothing: print the tables of the results file`;

/** The previous results' sections, if they were measured on this machine (figures from elsewhere go). */
function previous(file: string, current: BenchResults['machine']): Partial<BenchResults> {
  if (!existsSync(file)) return {};
  try {
    const old = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
    const same =
      old.version === 1 &&
      old.machine?.cpu === current.cpu &&
      old.machine.cores === current.cores &&
      old.machine.node === current.node;
    if (!same) return {};
    const { grade, bundles, init, site, test } = old;
    return { grade, bundles, init, site, test };
  } catch {
    return {};
  }
}

/** Writes atomically, then lets Biome format it as `npm test`'s lint expects (if installed). */
function writeResults(root: string, file: string, results: BenchResults): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(temp, file);
  const biome = path.join(root, 'node_modules', '.bin', 'biome');
  if (existsSync(biome))
    spawnSync(biome, ['format', '--write', file], { cwd: root, stdio: 'ignore' });
}

export async function benchCommand(course: Course, argv: string[]): Promise<number> {
  let values: {
    runs?: string;
    only?: string;
    labs?: string;
    out?: string;
    'with-test'?: boolean;
    json?: boolean;
    show?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        runs: { type: 'string' },
        only: { type: 'string' },
        labs: { type: 'string' },
        out: { type: 'string' },
        'with-test': { type: 'boolean' },
        json: { type: 'boolean' },
        show: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message, BENCH_USAGE);
  }
  if (values.help) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return 0;
  }
  const runs = Number(values.runs ?? 5);
  if (!Number.isInteger(runs) || runs < 1)
    throw new UsageError(`--runs must be a whole number ≥ 1, not "${values.runs}".`, BENCH_USAGE);
  const only = values.only?.split(',').map((s) => s.trim()) ?? [];
  const unknown = only.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length > 0)
    throw new UsageError(`Unknown section(s): ${unknown.join(', ')}.`, BENCH_USAGE);
  const sections = new Set<Section>(
    only.length > 0
      ? (only as Section[])
      : SECTIONS.filter((s) => s !== 'test' || values['with-test']),
  );
  if (values['with-test']) sections.add('test');
  const labs = values.labs
    ? values.labs.split(',').map((q) => {
        const found = course.labs.find((l) => l.id === q.trim() || l.slug === q.trim());
        if (!found)
          throw new UsageError(
            `Unknown lab "${q}".`,
            `Labs: ${course.labs.map((l) => l.id).join(', ')}`,
          );
        return found;
      })
    : course.labs;
  const out = path.resolve(
    course.root,
    values.out ?? path.join('docs', 'public', 'bench', 'latest.json'),
  );

  if (values.show) {
    if (!existsSync(out)) throw new UsageError(`No results in ${out} yet: run npm run bench.`);
    process.stdout.write(renderTables(JSON.parse(readFileSync(out, 'utf8')) as BenchResults));
    return 0;
  }
  const host = machine();
  const results: BenchResults = {
    ...previous(out, host),
    version: 1,
    date: new Date().toISOString(),
    machine: host,
    targets: TARGETS,
  };
  process.stderr.write(
    `npm run bench: ${[...sections].join(', ')} — ${runs} run(s) each, ${labs.length} labs\n`,
  );
  const started = performance.now();

  // Written after each section: a long run that fails late keeps what it measured.
  const loadNow = () => round(os.loadavg()[0] ?? 0, 2);
  /** Measures a section, noting the machine's load around it. */
  const measured = async <T extends { load?: Load }>(measure: () => Promise<T>): Promise<T> => {
    const start = loadNow();
    const section = await measure();
    section.load = { start, end: loadNow() };
    return section;
  };
  const save = () => {
    results.date = new Date().toISOString();
    writeResults(course.root, out, results);
  };
  if (sections.has('bundles') || sections.has('init')) {
    const built = await measureBundles(course, labs);
    if (sections.has('bundles')) results.bundles = built.section;
    if (sections.has('init'))
      results.init = await measured(() =>
        measureInit(course.root, built.manifest, built.outDir, Math.max(runs, 9)),
      );
    save();
  }
  if (sections.has('grade')) {
    // Every lab in one command only makes sense for more than one lab.
    results.grade = await measured(() => measureGrade(course, labs, runs, labs.length > 1));
    save();
  }
  if (sections.has('site')) {
    results.site = await measured(() => measureSite(course.root, runs));
    save();
  }
  if (sections.has('test')) {
    progress('npm test (one run; it takes minutes)');
    const loadStart = loadNow();
    const t = await timed(
      process.execPath,
      [path.join(course.root, 'grader', 'bin', 'course.mjs'), 'test'],
      { cwd: course.root },
    );
    const stages = [
      ...t.tail.matchAll(/^\s+([✓✗])\s+(.+?)\s+\d+ passed\s+\d+ failed\s+([\d.]+) s$/gm),
    ].map((m) => ({ name: m[2]!.trim(), seconds: Number(m[3]), passed: m[1] === '✓' }));
    results.test = {
      measuredAt: new Date().toISOString(),
      wallMs: Math.round(t.ms),
      summary: /(\d+ passed, \d+ failed)\s*$/.exec(t.tail)?.[1] ?? 'no summary line',
      exitCode: t.code ?? -1,
      failedStages: stages.filter((x) => !x.passed).map((x) => x.name),
      stages,
      load: { start: loadStart, end: loadNow() },
    };
    save();
  }

  process.stdout.write(
    values.json ? `${JSON.stringify(results, null, 2)}\n` : renderTables(results),
  );
  process.stderr.write(
    `\nWritten to ${path.relative(process.cwd(), out) || out} in ${((performance.now() - started) / 1000).toFixed(0)} s.${values.out ? '' : " The site's Performance page shows it."}\n`,
  );
  return 0;
}
