/**
 * The pristine starters: `grader/starters.json` records each lab's learner files exactly as the
 * course ships them. `npm run reset` restores from it (no git needed), and `npm test` proves
 * the untouched starters fail every check by grading a copy made from it, even on a machine
 * where the learner has edited labs/. `npm run check:content -- --fix` rewrites it from labs/;
 * the content checker refuses a snapshot that disagrees with the labs/ the course ships.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Lab } from '../manifest/schema.ts';

export const STARTERS_FILE = 'grader/starters.json';

const Snapshot = z.object({
  version: z.literal(1),
  /** lab folder → learner file → content */
  labs: z.record(z.string(), z.record(z.string(), z.string())),
});
export type Snapshot = z.infer<typeof Snapshot>;

export function readSnapshot(root: string): Snapshot {
  const file = path.join(root, STARTERS_FILE);
  if (!existsSync(file)) return { version: 1, labs: {} };
  return Snapshot.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** The snapshot labs/ would produce now. */
export function snapshotFromLabs(root: string, labs: readonly Lab[]): Snapshot {
  const out: Snapshot = { version: 1, labs: {} };
  for (const lab of labs) {
    const files: Record<string, string> = {};
    for (const file of lab.files) {
      const full = path.join(root, 'labs', lab.dir, file);
      if (existsSync(full)) files[file] = readFileSync(full, 'utf8');
    }
    out.labs[lab.dir] = files;
  }
  return out;
}

export function writeSnapshot(root: string, snapshot: Snapshot): void {
  const file = path.join(root, STARTERS_FILE);
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, `${JSON.stringify(snapshot, null, 1)}\n`);
  renameSync(temp, file);
}

/** The files under `dir`, relative with `/`, sorted; node_modules and dot-entries skipped. */
export function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, base));
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out.sort();
}

/**
 * Writes the pristine starters of `labs` into `targetRoot/<lab-dir>/…`: the learner files from
 * the snapshot, and the lab's support files (the ones that are not the learner's, identical in
 * labs/ and solutions/ as the content checker enforces) from solutions/, which learners do not
 * edit.
 */
export function materializeStarters(root: string, labs: readonly Lab[], targetRoot: string): void {
  const snapshot = readSnapshot(root);
  for (const lab of labs) {
    const files = snapshot.labs[lab.dir];
    if (!files)
      throw new Error(
        `${STARTERS_FILE} has no starter for ${lab.dir}: run npm run check:content -- --fix`,
      );
    const solutionDir = path.join(root, 'solutions', lab.dir);
    for (const file of listFiles(solutionDir)) {
      if (lab.files.includes(file)) continue;
      const full = path.join(targetRoot, lab.dir, file);
      mkdirSync(path.dirname(full), { recursive: true });
      cpSync(path.join(solutionDir, file), full);
    }
    for (const [file, content] of Object.entries(files)) {
      const full = path.join(targetRoot, lab.dir, file);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
  }
}
