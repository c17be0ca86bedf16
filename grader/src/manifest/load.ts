import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { type Lab, LabManifest } from './schema.ts';

/** A manifest that could not be read or validated, with the file it came from. */
export interface ManifestProblem {
  file: string;
  message: string;
}

export interface Course {
  root: string;
  labs: Lab[];
  problems: ManifestProblem[];
}

/** The course root: the folder holding `package.json`, `labs/` and `grader/`. */
export function findCourseRoot(
  start = process.env.COURSE_ROOT ?? path.dirname(fileURLToPath(import.meta.url)),
): string {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, 'grader', 'suites')) && existsSync(path.join(dir, 'labs'))) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(`No course root (a folder with labs/ and grader/suites/) above ${start}`);
    dir = parent;
  }
}

function formatZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Reads and validates every `labs/<dir>/lab.json` under `root`. Invalid manifests are
 * reported in `problems` (all of them, not just the first) and left out of `labs`.
 */
export function loadCourse(root: string): Course {
  const labsDir = path.join(root, 'labs');
  const labs: Lab[] = [];
  const problems: ManifestProblem[] = [];
  const dirs = existsSync(labsDir)
    ? readdirSync(labsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  for (const dir of dirs) {
    const manifestPath = path.join(labsDir, dir, 'lab.json');
    const rel = path.relative(root, manifestPath);
    if (!existsSync(manifestPath)) {
      problems.push({ file: rel, message: 'missing: every lab folder needs a lab.json manifest' });
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(manifestPath, 'utf8'));
    } catch (error) {
      problems.push({ file: rel, message: `not valid JSON: ${(error as Error).message}` });
      continue;
    }
    const parsed = LabManifest.safeParse(raw);
    if (!parsed.success) {
      problems.push({ file: rel, message: formatZodError(parsed.error) });
      continue;
    }
    const manifest = parsed.data;
    const expected = `${manifest.id}-${manifest.slug}`;
    if (expected !== dir) {
      problems.push({
        file: rel,
        message: `folder is "${dir}" but id and slug say "${expected}": rename one so they agree`,
      });
      continue;
    }
    const maxScore = manifest.tasks.flatMap((t) => t.checks).reduce((sum, c) => sum + c.points, 0);
    labs.push({ ...manifest, dir, manifestPath, maxScore });
  }
  const seen = new Map<string, string>();
  for (const lab of labs) {
    for (const key of [lab.id, lab.slug]) {
      const other = seen.get(key);
      if (other)
        problems.push({
          file: `labs/${lab.dir}/lab.json`,
          message: `"${key}" is also used by ${other}`,
        });
      seen.set(key, lab.dir);
    }
  }
  return { root, labs, problems };
}

/** Edit distance, for "did you mean" suggestions. */
export function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** Finds a lab by `lab-03`, `3`, `03`, `lab-3`, its slug or its folder name. */
export function findLab(labs: readonly Lab[], query: string): Lab | undefined {
  const q = query.trim().toLowerCase().replace(/\/+$/, '');
  const base = path.basename(q);
  const num = /^(?:lab-?)?(\d{1,2})$/.exec(base);
  if (num) {
    const id = `lab-${num[1]!.padStart(2, '0')}`;
    return labs.find((l) => l.id === id);
  }
  return labs.find((l) => l.slug === base || l.dir === base);
}

/** The closest lab names to a mistyped query, for a "did you mean" line. */
export function suggestLabs(labs: readonly Lab[], query: string): Lab[] {
  const q = query.trim().toLowerCase();
  return labs
    .map((lab) => ({
      lab,
      distance: Math.min(levenshtein(q, lab.slug), levenshtein(q, lab.id), levenshtein(q, lab.dir)),
      contains: lab.slug.includes(q) || (q.length > 3 && q.includes(lab.slug)),
    }))
    .filter((s) => s.contains || s.distance <= Math.max(2, Math.floor(q.length / 3)))
    .sort((a, b) => Number(b.contains) - Number(a.contains) || a.distance - b.distance)
    .slice(0, 3)
    .map((s) => s.lab);
}
