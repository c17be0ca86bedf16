/**
 * Cold init: each AWS bundle in a fresh Node process (grader/bin/invoke-bundle.mjs), imported
 * and invoked once with the first event of its bundle-proof case (grader/test/deploy/cases.ts:
 * one source of events), timed inside the child with performance.now(); against an empty
 * handler bundled the same way. Runs are interleaved (empty, then every function), medians.
 *
 * The cold start ("ready") is boot + import + first invocation. Boot (Node starting, the
 * harness reading its input) is the same work for every bundle, and on a busy machine its
 * noise (±100 ms) dwarfs a small bundle's import: so every subject is given the median boot of
 * all runs, and only import + invoke are its own. Without that, two runs of the same empty
 * handler can differ by 1.5×.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FunctionsManifest } from '../deploy/build.ts';
import { median, progress, round, timed } from './measure.ts';
import { type InitRow, type InitSection, TARGETS } from './results.ts';

type CasesModule = typeof import('../../test/deploy/cases.ts');

/**
 * The bundle-proof cases, compiled on the spot: they live with the tests (TypeScript, outside
 * the CLI's sources), and the benchmark must never time a stale copy of them.
 */
async function loadCases(cacheDir: string, root: string): Promise<CasesModule> {
  const esbuild = await import('esbuild');
  const outfile = path.join(cacheDir, `cases-${process.pid}.mjs`);
  await esbuild.build({
    entryPoints: [path.join(root, 'grader', 'test', 'deploy', 'cases.ts')],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });
  try {
    return (await import(pathToFileURL(outfile).href)) as CasesModule;
  } finally {
    rmSync(outfile, { force: true });
  }
}

/** An empty handler, bundled with the options build:solutions uses for the real ones. */
async function emptyBundle(cacheDir: string): Promise<string> {
  const esbuild = await import('esbuild');
  const source = path.join(cacheDir, 'empty-handler.mjs');
  writeFileSync(source, 'export const handler = async () => ({ statusCode: 200 });\n');
  const outfile = path.join(cacheDir, 'empty', 'handler.mjs');
  await esbuild.build({
    entryPoints: [source],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    sourcemap: true,
    external: ['@aws-sdk/*'],
    banner: {
      js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
    },
    logLevel: 'error',
  });
  return outfile;
}

interface Sample {
  bootMs: number;
  importMs: number;
  invokeMs: number;
}

interface Subject {
  lab: string;
  name: string;
  input: string;
}

async function invokeOnce(root: string, subject: Subject): Promise<Sample> {
  const harness = path.join(root, 'grader', 'bin', 'invoke-bundle.mjs');
  const t = await timed(process.execPath, [harness], {
    cwd: root,
    input: subject.input,
    timeoutMs: 60_000,
  });
  if (t.code !== 0)
    throw new Error(`${subject.lab}/${subject.name}: the harness exited with ${t.code}\n${t.tail}`);
  const out = JSON.parse(t.stdout) as Sample;
  return { bootMs: out.bootMs, importMs: out.importMs, invokeMs: out.invokeMs };
}

function summarise(samples: Sample[], bootMs: number) {
  const initMs = median(samples.map((s) => s.importMs + s.invokeMs));
  return {
    importMs: round(median(samples.map((s) => s.importMs)), 1),
    invokeMs: round(median(samples.map((s) => s.invokeMs)), 1),
    initMs: round(initMs, 1),
    readyMs: round(bootMs + initMs, 1),
  };
}

export async function measureInit(
  root: string,
  manifest: FunctionsManifest,
  outDir: string,
  runs: number,
): Promise<InitSection> {
  const cacheDir = path.join(root, 'node_modules', '.cache', 'course', 'bench');
  mkdirSync(cacheDir, { recursive: true });
  const { caseFor } = await loadCases(cacheDir, root);
  const empty: Subject = {
    lab: '(empty)',
    name: 'handler',
    input: JSON.stringify({
      bundle: await emptyBundle(cacheDir),
      handler: 'handler',
      events: [{}],
    }),
  };
  const subjects: Subject[] = [];
  for (const fn of manifest.functions) {
    const kind = [fn.kind].flat()[0]!;
    if (kind === 'worker') continue; // an isolate, not a process: measured by Miniflare's tests
    const make = caseFor(`${fn.lab}/${fn.name}`, kind);
    if (!make) throw new Error(`no bundle case for ${fn.lab}/${fn.name} in cases.ts`);
    const c = await make();
    subjects.push({
      lab: fn.lab,
      name: fn.name,
      input: JSON.stringify({
        bundle: path.join(outDir, fn.file),
        handler: fn.handler,
        events: c.events.slice(0, 1),
        mocks: c.mocks ?? {},
        http: c.http,
        env: c.env ?? {},
        timeoutMs: c.timeoutMs,
      }),
    });
  }
  progress(`cold init of ${subjects.length} bundles and an empty handler (${runs} runs each)`);
  const samples = new Map<Subject, Sample[]>([empty, ...subjects].map((s) => [s, []]));
  await invokeOnce(root, empty); // warm the file system cache once
  for (let i = 0; i < runs; i++)
    for (const subject of [empty, ...subjects])
      samples.get(subject)!.push(await invokeOnce(root, subject));

  const bootMs = median([...samples.values()].flat().map((s) => s.bootMs));
  const base = summarise(samples.get(empty)!, bootMs);
  const functions: InitRow[] = subjects.map((s) => {
    const m = summarise(samples.get(s)!, bootMs);
    const ratio = m.readyMs / base.readyMs;
    return {
      lab: s.lab,
      name: s.name,
      ...m,
      ratio: round(ratio, 2),
      pass: ratio <= TARGETS.initRatio,
    };
  });
  return {
    measuredAt: new Date().toISOString(),
    runs,
    bootMs: round(bootMs, 1),
    empty: base,
    functions,
  };
}
