#!/usr/bin/env node
// The course CLI launcher (plain JavaScript, so `node` runs it directly). It bundles
// grader/src/cli/main.ts with esbuild into node_modules/.cache/course/cli.mjs when any grader
// source is newer than the bundle (about 100 ms, once), then runs the bundle. Commands
// therefore never pay for a TypeScript loader.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// `npm run -s flashcards -- --export anki | head`: a closed pipe ends the command quietly.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bundle = path.join(root, 'node_modules', '.cache', 'course', 'cli.mjs');
// The bundle lives under node_modules/.cache, so tell it where the course is.
process.env.COURSE_ROOT = root;
const sources = ['grader/src', 'grader/vitest'].map((d) => path.join(root, d));

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

const stale =
  !existsSync(bundle) ||
  Math.max(...sources.map(newestMtime), statSync(fileURLToPath(import.meta.url)).mtimeMs) >
    statSync(bundle).mtimeMs;

if (stale) {
  const esbuild = await import('esbuild');
  mkdirSync(path.dirname(bundle), { recursive: true });
  const temp = `${bundle}.${process.pid}.tmp.mjs`;
  await esbuild.build({
    entryPoints: [path.join(root, 'grader/src/cli/main.ts')],
    outfile: temp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'error',
  });
  renameSync(temp, bundle); // atomic: a concurrent launcher sees the old or the new bundle
}

const { main } = await import(pathToFileURL(bundle).href);
await main(process.argv.slice(2));
