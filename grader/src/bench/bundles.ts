/**
 * Bundle sizes: builds every solution as `npm run build:solutions` does (into dist/functions),
 * then reads dist/functions/manifest.json and adds the gzip size (what a deployment uploads,
 * zipped). For an AWS bundle over budget, esbuild's metafile says which packages fill it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSolutions, type FunctionsManifest } from '../deploy/build.ts';
import type { Course } from '../manifest/load.ts';
import type { Lab } from '../manifest/schema.ts';
import { progress } from './measure.ts';
import { type BundleRow, type BundleSection, TARGETS } from './results.ts';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

function gzipBytes(file: string): number {
  return gzipSync(readFileSync(file)).length;
}

/** `node_modules/zod/v4/classic/schemas.js` → `zod`; the course's own files → `own code`. */
function packageOf(input: string): string {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return 'own code';
  const parts = input.slice(at + 'node_modules/'.length).split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** What fills a bundle: its inputs grouped by package, largest first (bytes in the output). */
async function largestInputs(root: string, lab: Lab, file: string): Promise<BundleRow['largest']> {
  const stem = path.basename(file).replace(/\.mjs$/, '');
  const source = ['ts', 'mts', 'js', 'mjs']
    .map((ext) => path.join(root, 'solutions', lab.dir, 'src', `${stem}.${ext}`))
    .find((f) => existsSync(f));
  if (!source) return undefined;
  const esbuild = await import('esbuild');
  // The same options as grader/src/deploy/build.ts, without writing anything.
  const result = await esbuild.build({
    entryPoints: [source],
    bundle: true,
    write: false,
    metafile: true,
    outfile: path.join(root, 'dist', 'bench-metafile.mjs'),
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    legalComments: 'none',
    external: ['@aws-sdk/*', 'sharp'],
    logLevel: 'silent',
  });
  const byPackage = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs))
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const key = packageOf(input);
      byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
    }
  return [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([input, bytes]) => ({ input, bytes }));
}

export interface BuiltBundles {
  section: BundleSection;
  manifest: FunctionsManifest;
  outDir: string;
}

export async function measureBundles(course: Course, labs: readonly Lab[]): Promise<BuiltBundles> {
  const outDir = path.join(course.root, 'dist', 'functions');
  progress('npm run build:solutions (esbuild bundles, wrangler deploy --dry-run)');
  const manifest = await buildSolutions({ root: course.root, labs });
  const rows: BundleRow[] = [];
  const largest = new Map<string, Promise<BundleRow['largest']>>();
  for (const fn of manifest.functions) {
    const kind = [fn.kind].flat().join(', ');
    const lab = labs.find((l) => l.slug === fn.lab)!;
    const isWorker = kind === 'worker';
    const target = path.join(outDir, fn.file);
    const gzip = isWorker
      ? files(path.dirname(target))
          .filter((f) => /\.(m?js|wasm)$/.test(f) && statSync(f).isFile())
          .reduce((sum, f) => sum + gzipBytes(f), 0)
      : gzipBytes(target);
    const over = !isWorker && fn.bytes > TARGETS.bundleBytes;
    // Functions of one file share its bundle: analyse it once.
    const largestOf = (file: string) => {
      if (!largest.has(file)) largest.set(file, largestInputs(course.root, lab, file));
      return largest.get(file)!;
    };
    rows.push({
      lab: fn.lab,
      name: fn.name,
      file: fn.file,
      kind,
      bytes: fn.bytes,
      gzipBytes: gzip,
      ...(fn.external ? { external: fn.external } : {}),
      ...(over ? { largest: await largestOf(fn.file) } : {}),
      pass: isWorker ? null : !over,
    });
  }
  return { section: { measuredAt: new Date().toISOString(), bundles: rows }, manifest, outDir };
}
