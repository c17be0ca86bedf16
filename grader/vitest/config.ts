/**
 * The one vitest configuration for the hidden suites, used both by the grader (through
 * vitest's programmatic API) and by plain `npx vitest run grader/suites/<lab>` (through the
 * root `vitest.config.ts`). Each lab in the manifest becomes one vitest project, so each gets
 * its own sandbox grants and time limits.
 *
 * The code under test is chosen by one alias: `@lab/<lab-dir>/…` points at the target root
 * (`labs/`, `solutions/` or a student's folder). Nothing is copied or rewritten.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Plugin, TestProjectInlineConfiguration, ViteUserConfig } from 'vitest/config';
import { loadCourse } from '../src/manifest/load.ts';
import type { Lab } from '../src/manifest/schema.ts';
import { sandboxExecArgv, vitestTmpDirs } from './sandbox.ts';

export interface SuiteConfigOptions {
  /** Course root. */
  root: string;
  /** `labs`, `solutions`, or a path to a folder holding lab folders. */
  target: string;
  /** Only these labs (default: every lab in the manifest). */
  labs?: readonly Lab[];
  /** Where the setup file logs each check's start and end (the watchdog reads it). */
  sideLogDir?: string;
  /** Secret the setup file signs side-log lines with, so learner code cannot forge them. */
  sideLogKey?: string;
  /** Turn the permission model off (only for debugging the grader itself). */
  sandbox?: boolean;
  /** Override every lab's per-check time limit. */
  checkMs?: number;
  /** Where the hidden suites live (default `<root>/grader/suites`): `<suitesRoot>/<lab-dir>/`. */
  suitesRoot?: string;
  /** Cap each worker's JavaScript heap (MB), e.g. when grading a cohort. */
  memoryMb?: number;
}

/** `labs` → `<root>/labs`, `solutions` → `<root>/solutions`, anything else → that folder. */
export function resolveTarget(root: string, target: string): string {
  if (target === 'labs' || target === 'solutions') return path.join(root, target);
  return path.resolve(target);
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * Lets code in a target outside the course (a student's submission in /tmp, say) import the
 * course's packages: bare imports from target files are resolved from the course root.
 */
function targetPackagesPlugin(root: string, targetRoot: string): Plugin {
  const rootImporter = path.join(root, 'package.json');
  return {
    name: 'course:target-packages',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer || isInside(importer, root)) return null;
      if (!isInside(importer, targetRoot)) return null;
      if (source.startsWith('.') || source.startsWith('/') || source.startsWith('\0')) return null;
      if (source.startsWith('node:') || source.startsWith('@lab/')) return null;
      return this.resolve(source, rootImporter, { skipSelf: true });
    },
  };
}

/** Grants the sandboxed workers read access to vitest's transform cache for this run. */
function sandboxTmpDirPlugin(enabled: boolean): Plugin {
  return {
    name: 'course:sandbox-tmpdir',
    configureVitest({ vitest, project }) {
      if (!enabled) return;
      for (const dir of vitestTmpDirs(vitest, project)) {
        // Node grants a folder's contents only if the folder exists when the worker starts.
        mkdirSync(dir, { recursive: true });
        project.config.execArgv.push(`--allow-fs-read=${dir}`);
      }
    },
  };
}

function labProject(
  lab: Lab,
  options: SuiteConfigOptions,
  targetRoot: string,
): TestProjectInlineConfiguration {
  const { root } = options;
  const sandbox = options.sandbox ?? true;
  const labDir = path.join(targetRoot, lab.dir);
  const checkMs = options.checkMs ?? lab.limits.checkMs;
  const suitesRoot = options.suitesRoot ?? path.join(root, 'grader', 'suites');
  const suiteDir = path.join(suitesRoot, lab.dir);
  const env: Record<string, string> = {
    LAB_ID: lab.id,
    LAB_DIR: labDir,
    COURSE_ROOT: root,
    // The SDK warns once per process on Node 20; the warning is noise in a learner's output.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // Never let a suite reach a real AWS account by accident.
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'AKIDCOURSETESTING',
    AWS_SECRET_ACCESS_KEY: 'course-testing-secret',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  if (options.sideLogDir) env.GRADER_SIDE_LOG_DIR = options.sideLogDir;
  if (options.sideLogKey) env.GRADER_SIDE_LOG_KEY = options.sideLogKey;
  return {
    plugins: [targetPackagesPlugin(root, targetRoot), sandboxTmpDirPlugin(sandbox)],
    resolve: { alias: [{ find: /^@lab\//, replacement: `${targetRoot}/` }] },
    test: {
      name: lab.id,
      root,
      include: [`${path.relative(root, suiteDir).split(path.sep).join('/')}/**/*.test.ts`],
      setupFiles: [path.join(root, 'grader/vitest/setup.ts')],
      // A suite that needs a service for all its files (a database, say) starts it in
      // `global-setup.ts` beside it. That runs in the grader's own process, outside the
      // sandbox, and hands ports or paths to the checks with vitest's provide/inject.
      globalSetup: existsSync(path.join(suiteDir, 'global-setup.ts'))
        ? [path.join(suiteDir, 'global-setup.ts')]
        : [],
      environment: 'node',
      pool: 'forks',
      testTimeout: checkMs,
      hookTimeout: Math.max(checkMs, 10_000),
      execArgv: [
        ...(options.memoryMb ? [`--max-old-space-size=${options.memoryMb}`] : []),
        ...(sandbox
          ? sandboxExecArgv({
              root,
              labDir,
              read: isInside(suiteDir, path.join(root, 'grader')) ? [] : [suiteDir],
              write: options.sideLogDir ? [options.sideLogDir] : [],
              grants: lab.sandbox,
            })
          : []),
      ],
      env,
    },
  };
}

/** The vitest config for the hidden suites of `options.labs` against `options.target`. */
export function suiteConfig(options: SuiteConfigOptions): ViteUserConfig {
  const labs = options.labs ?? loadCourse(options.root).labs;
  const targetRoot = resolveTarget(options.root, options.target);
  return {
    test: {
      root: options.root,
      passWithNoTests: false,
      teardownTimeout: 2_000,
      projects: labs.map((lab) => labProject(lab, options, targetRoot)),
    },
  };
}
