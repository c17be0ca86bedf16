/**
 * Node's permission model, applied to the vitest *workers* that import learner code.
 *
 * It is a safety belt, not a jail: it stops accidental or casual file writes, reads of
 * `solutions/`, and process spawning. The network stays open, and code running in the same
 * process as the checks could still tamper with them. See README "What grading protects".
 */
import os from 'node:os';
import path from 'node:path';
import type { SandboxGrant } from '../src/manifest/schema.ts';

const GRANT_FLAGS: Record<SandboxGrant, string> = {
  'child-process': '--allow-child-process',
  'worker-threads': '--allow-worker',
  addons: '--allow-addons',
  wasi: '--allow-wasi',
};

/** `--permission` on Node ≥ 22.13, `--experimental-permission` before. */
export function permissionFlag(): string {
  return process.allowedNodeEnvironmentFlags.has('--permission')
    ? '--permission'
    : '--experimental-permission';
}

export interface SandboxOptions {
  /** Course root (its node_modules and grader/ are readable). */
  root: string;
  /** The lab folder under test (readable). */
  labDir: string;
  /** Extra readable paths (vitest's transform cache is added by the vitest plugin). */
  read?: string[];
  /** The only writable folder: the grader's side log. */
  write?: string[];
  grants?: readonly SandboxGrant[];
}

/** The `execArgv` that restricts a worker to reading the course tooling and one lab folder. */
export function sandboxExecArgv(options: SandboxOptions): string[] {
  const read = [
    path.join(options.root, 'node_modules'),
    path.join(options.root, 'grader'),
    path.join(options.root, 'package.json'),
    options.labDir,
    ...(options.read ?? []),
  ];
  return [
    permissionFlag(),
    '--disable-warning=ExperimentalWarning',
    // Granting addons prints a SecurityWarning on every worker start: the grant is deliberate.
    '--disable-warning=SecurityWarning',
    // Node 20 does not accept commas in one flag: repeat it per path.
    ...read.map((p) => `--allow-fs-read=${p}`),
    ...(options.write ?? []).map((p) => `--allow-fs-write=${p}`),
    ...(options.grants ?? []).map((g) => GRANT_FLAGS[g]),
  ];
}

/**
 * Vitest writes transformed modules to `<tmpdir>/<id>/` (one per project, one for the
 * instance); the workers must read them. Falls back to the whole temp folder if vitest's
 * internals change.
 */
export function vitestTmpDirs(vitest: unknown, project: unknown): string[] {
  const dirs = [
    (vitest as { _tmpDir?: unknown })._tmpDir,
    (project as { tmpDir?: unknown }).tmpDir,
  ];
  const found = dirs.filter((d): d is string => typeof d === 'string');
  return found.length > 0 ? found : [os.tmpdir()];
}
