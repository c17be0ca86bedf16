/**
 * Type-checks a learner's lab folder with the course's compiler settings. Reported beside the
 * checks, not instead of them: the checks run on the code as written (types are erased), and
 * the verdict says separately whether the types hold.
 *
 * Results are cached by a hash of the files and the compiler settings, so grading the same
 * code twice (watch mode, benchmarks, the solutions in CI) does not pay for `tsc` again.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { Lab } from '../manifest/schema.ts';
import type { Diagnostic, TypecheckResult } from '../model/result.ts';

/** The compiler world of a platform: Node (AWS, pure) or the Workers runtime. */
export function worldConfig(root: string, lab: Pick<Lab, 'platform'>): string {
  return lab.platform === 'cloudflare-worker' || lab.platform === 'vercel-edge'
    ? path.join(root, 'tsconfig.workers.json')
    : path.join(root, 'tsconfig.node.json');
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|mts|cts|tsx|json)$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/**
 * Parses `file(line,col): error TS1234: message` lines (continuation lines are indented). tsc
 * prints paths relative to its working folder, `cwd`.
 */
export function parseTscOutput(output: string, labDir: string, cwd = process.cwd()): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const line of output.split('\n')) {
    const match = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
    if (match) {
      const abs = path.resolve(cwd, match[1]!);
      const rel = path.relative(labDir, abs).split(path.sep).join('/');
      if (rel.startsWith('..')) continue;
      diagnostics.push({
        file: rel,
        line: Number(match[2]),
        column: Number(match[3]),
        message: `${match[5]} (${match[4]})`,
      });
    } else if (/^\s+\S/.test(line) && diagnostics.length > 0) {
      const last = diagnostics[diagnostics.length - 1]!;
      last.message += ` ${line.trim()}`;
    }
  }
  return diagnostics;
}

export interface TypecheckOptions {
  root: string;
  lab: Lab;
  /** The learner's lab folder (in labs/, solutions/ or a submission). */
  labDir: string;
}

export async function typecheckLab({
  root,
  lab,
  labDir,
}: TypecheckOptions): Promise<TypecheckResult> {
  const files = lab.files.map((f) => path.join(labDir, f));
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length > 0) {
    return {
      status: 'skipped',
      diagnostics: [],
      reason: `missing ${missing.map((f) => path.relative(labDir, f)).join(', ')}`,
    };
  }
  const world = worldConfig(root, lab);
  const tscPackage = path.join(root, 'node_modules', 'typescript', 'package.json');
  const hash = createHash('sha256');
  hash.update(readFileSync(tscPackage));
  hash.update(readFileSync(world));
  hash.update(readFileSync(path.join(root, 'tsconfig.base.json')));
  for (const file of sourceFiles(labDir)) {
    hash.update(path.relative(labDir, file));
    hash.update(readFileSync(file));
  }
  hash.update(JSON.stringify(lab.files));
  const modules = path.join(root, 'node_modules');
  // Type packages first: `pg` must resolve to @types/pg, not to its untyped JavaScript
  // (TS7016). Both roots for `types`: @types/* and scoped packages such as
  // @cloudflare/workers-types.
  const compilerOptions = {
    paths: { '*': [`${modules}/@types/*`, `${modules}/*`] },
    typeRoots: [path.join(modules, '@types'), modules],
  };
  hash.update(JSON.stringify(compilerOptions));
  const key = hash.digest('hex').slice(0, 24);
  const cacheDir = path.join(root, 'node_modules', '.cache', 'course', 'typecheck');
  const cached = path.join(cacheDir, `${key}.json`);
  if (existsSync(cached)) {
    try {
      return JSON.parse(readFileSync(cached, 'utf8')) as TypecheckResult;
    } catch {
      // A torn cache entry: compute again.
    }
  }

  // The config lives under the course root so type packages resolve from its node_modules,
  // and `paths` lets a submission outside the course import the course's packages.
  const work = path.join(cacheDir, `work-${key}-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const config = {
    extends: world,
    compilerOptions,
    include: [],
    files,
  };
  writeFileSync(path.join(work, 'tsconfig.json'), JSON.stringify(config, null, 2));
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const output = await new Promise<string>((resolve) => {
    execFile(
      process.execPath,
      [tsc, '-p', path.join(work, 'tsconfig.json'), '--pretty', 'false'],
      { cwd: work, timeout: 60_000, maxBuffer: 8 * 1024 * 1024 },
      (_error, stdout, stderr) => resolve(`${stdout}${stderr}`),
    );
  });
  rmSync(work, { recursive: true, force: true });
  const diagnostics = parseTscOutput(output, labDir, work);
  const result: TypecheckResult =
    diagnostics.length === 0 && !/error TS/.test(output)
      ? { status: 'pass', diagnostics: [] }
      : diagnostics.length > 0
        ? { status: 'fail', diagnostics }
        : {
            status: 'fail',
            diagnostics: [],
            reason: output.trim().split('\n').slice(0, 5).join('\n'),
          };
  const temp = `${cached}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(result));
  renameSync(temp, cached);
  return result;
}
