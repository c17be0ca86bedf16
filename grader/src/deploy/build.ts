/**
 * `npm run build:solutions`: turns every reference solution into the artifact its platform
 * runs. AWS handlers are bundled with esbuild (ESM `.mjs`, node22, minified, source maps,
 * `@aws-sdk/*` left to the Lambda runtime) into `dist/functions/<slug>/<file>.mjs`, as each
 * lab's SAM template expects (`CodeUri` + `Handler`); Workers are built with
 * `wrangler deploy --dry-run --outdir`. `dist/functions/manifest.json` lists them all.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Lab } from '../manifest/schema.ts';
import { type Kind, samFunctions } from './sam.ts';

export interface BuiltFunction {
  lab: string;
  name: string;
  /** Path relative to the manifest. */
  file: string;
  handler: string;
  kind: Kind | 'worker' | (Kind | 'worker')[];
  bytes: number;
  /** Packages left out of the bundle: provided by the runtime, or native (ship them in a layer). */
  external?: string[];
}

export interface FunctionsManifest {
  functions: BuiltFunction[];
}

/** Native addons cannot be bundled; a deployment ships them for the target architecture. */
const NATIVE = ['sharp'];

function wranglerConfig(solutionDir: string): string | undefined {
  return ['wrangler.jsonc', 'wrangler.json', 'wrangler.toml']
    .map((f) => path.join(solutionDir, f))
    .find((f) => existsSync(f));
}

function runWrangler(root: string, config: string, outdir: string): Promise<void> {
  const bin = path.join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [bin, 'deploy', '--dry-run', '--outdir', outdir, '--config', config],
      {
        cwd: root,
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' },
        maxBuffer: 8 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`wrangler deploy --dry-run failed for ${config}:\n${stdout}${stderr}`))
          : resolve(),
    );
  });
}

function dirBytes(dir: string, filter: (name: string) => boolean): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sum + dirBytes(full, filter);
    return filter(e.name) ? sum + statSync(full).size : sum;
  }, 0);
}

export interface BuildOptions {
  root: string;
  labs: readonly Lab[];
  /** Output folder (default `<root>/dist/functions`). */
  outDir?: string;
}

export async function buildSolutions(options: BuildOptions): Promise<FunctionsManifest> {
  const { root } = options;
  const outDir = options.outDir ?? path.join(root, 'dist', 'functions');
  const esbuild = await import('esbuild');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const functions: BuiltFunction[] = [];
  for (const lab of options.labs) {
    const solutionDir = path.join(root, 'solutions', lab.dir);
    const template = path.join(solutionDir, 'template.yaml');
    if (lab.platform === 'aws-lambda' && existsSync(template)) {
      const byFile = new Map<string, ReturnType<typeof samFunctions>>();
      for (const fn of samFunctions(template))
        byFile.set(fn.file, [...(byFile.get(fn.file) ?? []), fn]);
      for (const [file, fns] of byFile) {
        const source = ['ts', 'mts', 'js', 'mjs']
          .map((ext) => path.join(solutionDir, 'src', `${file}.${ext}`))
          .find((f) => existsSync(f));
        if (!source)
          throw new Error(
            `${lab.id}: the template's Handler "${fns[0]!.handler}" needs solutions/${lab.dir}/src/${file}.ts`,
          );
        const outfile = path.join(outDir, lab.slug, `${file}.mjs`);
        const result = await esbuild.build({
          entryPoints: [source],
          metafile: true,
          outfile,
          bundle: true,
          platform: 'node',
          format: 'esm',
          target: 'node22',
          minify: true,
          sourcemap: true,
          legalComments: 'none',
          external: ['@aws-sdk/*', ...NATIVE],
          // Bundled CommonJS dependencies may call require(): give ESM output one.
          banner: {
            js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
          },
          logLevel: 'error',
        });
        const bytes = statSync(outfile).size;
        const imports = Object.values(result.metafile.outputs).flatMap((o) =>
          o.imports.filter((i) => i.external).map((i) => i.path),
        );
        const native = [...new Set(imports.filter((p) => NATIVE.includes(p)))];
        for (const fn of fns) {
          functions.push({
            lab: lab.slug,
            name: fn.logicalId,
            file: path.relative(outDir, outfile).split(path.sep).join('/'),
            handler: fn.exportName,
            kind: fn.kinds.length === 1 ? fn.kinds[0]! : fn.kinds,
            bytes,
            ...(native.length > 0 ? { external: native } : {}),
          });
        }
      }
    } else if (lab.platform === 'cloudflare-worker' || lab.platform === 'vercel-edge') {
      const config = wranglerConfig(solutionDir);
      if (!config) continue;
      const target = path.join(outDir, lab.slug);
      await runWrangler(root, config, target);
      functions.push({
        lab: lab.slug,
        name: lab.slug,
        file: `${lab.slug}/${readdirSync(target).find((f) => /\.(m?js)$/.test(f)) ?? ''}`,
        handler: 'default',
        kind: 'worker',
        bytes: dirBytes(target, (n) => /\.(m?js|wasm)$/.test(n)),
      });
    }
  }
  const manifest: FunctionsManifest = { functions };
  writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export async function buildCommand(course: { root: string; labs: Lab[] }): Promise<number> {
  const started = Date.now();
  const manifest = await buildSolutions({ root: course.root, labs: course.labs });
  const rows = manifest.functions.map(
    (f) =>
      `  ${f.lab.padEnd(24)} ${f.name.padEnd(28)} ${String(f.bytes).padStart(8)} B  ${[f.kind].flat().join(', ')}${f.external ? `  (external: ${f.external.join(', ')})` : ''}`,
  );
  process.stdout.write(
    `${rows.join('\n')}\n✓ ${manifest.functions.length} functions in dist/functions/ (${Date.now() - started} ms); manifest: dist/functions/manifest.json\n`,
  );
  return 0;
}
