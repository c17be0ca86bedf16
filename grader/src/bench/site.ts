/**
 * The site: `vitepress build` time (into a scratch folder, so the built site others test is not
 * replaced mid-run), and the JavaScript the home page makes a browser fetch before it is
 * interactive: the module scripts and modulepreloads of index.html (chunks loaded later, on
 * demand, are not counted).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { median, progress, round, timed } from './measure.ts';
import type { SiteSection } from './results.ts';

/** Several people (and tests) build the site on one machine: they take turns on this lock. */
const LOCK = '/tmp/site-build.lock';

function hasFlock(): boolean {
  return spawnSync('flock', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** One build, timed inside the lock; returns its wall time. */
async function buildOnce(root: string, outDir: string, useLock: boolean): Promise<number> {
  const vitepress = path.join(root, 'node_modules', 'vitepress', 'bin', 'vitepress.js');
  const resultFile = path.join(path.dirname(outDir), `site-build-${process.pid}.json`);
  const build = [process.execPath, vitepress, 'build', '--outDir', outDir];
  const t = useLock
    ? await timed(
        'flock',
        [
          LOCK,
          process.execPath,
          path.join(root, 'grader', 'src', 'bench', 'timed-run.mjs'),
          resultFile,
          ...build,
        ],
        { cwd: root, timeoutMs: 15 * 60_000 },
      )
    : await timed(build[0]!, build.slice(1), { cwd: root, timeoutMs: 15 * 60_000 });
  if (t.code !== 0) throw new Error(`vitepress build exited with ${t.code}:\n${t.tail}`);
  if (!useLock) return t.ms;
  const inner = JSON.parse(readFileSync(resultFile, 'utf8')) as { ms: number };
  rmSync(resultFile, { force: true });
  return inner.ms;
}

/** The JS files index.html loads up front: `<script type="module" src>` and modulepreloads. */
export function homePageJs(distDir: string): SiteSection['homeJs'] {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const refs = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isModule = /^<script\b/.test(tag) && /type="module"/.test(tag);
    const isPreload = /^<link\b/.test(tag) && /rel="modulepreload"/.test(tag);
    const ref = /(?:src|href)="([^"]+\.js)"/.exec(tag)?.[1];
    if ((isModule || isPreload) && ref && !/^https?:/.test(ref)) refs.add(ref);
  }
  let bytes = 0;
  let gzipBytes = 0;
  for (const ref of refs) {
    const file = path.join(distDir, ref.replace(/^\//, ''));
    if (!existsSync(file))
      throw new Error(`index.html refers to ${ref}, which is not in the build`);
    const content = readFileSync(file);
    bytes += content.length;
    gzipBytes += gzipSync(content).length;
  }
  return { files: refs.size, bytes, gzipBytes };
}

export async function measureSite(root: string, runs: number): Promise<SiteSection> {
  const scratch = path.join(root, 'node_modules', '.cache', 'course', 'bench');
  mkdirSync(scratch, { recursive: true });
  const outDir = path.join(scratch, 'site');
  const useLock = hasFlock();
  progress(
    `vitepress build (${runs} runs${useLock ? `, each under ${LOCK}` : ''}) into ${path.relative(root, outDir)}`,
  );
  const samples: number[] = [];
  try {
    for (let i = 0; i < runs; i++) samples.push(await buildOnce(root, outDir, useLock));
    return {
      measuredAt: new Date().toISOString(),
      runs,
      buildMs: round(median(samples)),
      homeJs: homePageJs(outDir),
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
