/**
 * The cohort gradebook: one model (gradebook.json) and its views (gradebook.csv for an LMS,
 * report.html for the instructor). Similarity pairs are computed here, from the same files the
 * grader graded.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Lab } from '../manifest/schema.ts';
import { readSnapshot } from '../state/starters.ts';
import type { StudentResult } from './grade.ts';
import { csvField } from './roster.ts';
import { compare, type Fingerprint, fingerprint } from './similarity.ts';

export interface SimilarRegion {
  a: [number, number];
  b: [number, number];
  aText: string;
  bText: string;
}

export interface SimilarityPair {
  lab: string;
  file: string;
  a: string;
  /** A student id, or `reference` for the course's solution. */
  b: string;
  similarity: number;
  shared: number;
  regions: SimilarRegion[];
}

export interface Gradebook {
  version: 1;
  generatedAt: string;
  labs: { id: string; slug: string; title: string; maxScore: number }[];
  students: StudentResult[];
  similarity: {
    threshold: number;
    referenceThreshold: number;
    pairs: SimilarityPair[];
    reference: SimilarityPair[];
  };
}

const MAX_REGIONS = 6;
const MAX_REGION_LINES = 40;

function excerpt(source: string, [from, to]: [number, number]): string {
  const lines = source.split('\n').slice(from - 1, Math.min(to, from - 1 + MAX_REGION_LINES));
  return lines.map((l, i) => `${String(from + i).padStart(4)}  ${l}`).join('\n');
}

export interface SimilarityOptions {
  root: string;
  labs: readonly Lab[];
  students: readonly StudentResult[];
  submissionsDir: string;
  threshold: number;
  referenceThreshold: number;
}

/** Pairs of students (and student–reference) whose learner files are alike, per lab and file. */
export function computeSimilarity(options: SimilarityOptions): Gradebook['similarity'] {
  const snapshot = readSnapshot(options.root);
  const pairs: SimilarityPair[] = [];
  const reference: SimilarityPair[] = [];
  for (const lab of options.labs) {
    for (const file of lab.files) {
      const common = new Set(fingerprint(snapshot.labs[lab.dir]?.[file] ?? '').grams.keys());
      const sources = new Map<string, { source: string; fp: Fingerprint }>();
      for (const student of options.students) {
        if (!student.submission) continue;
        const base = path.join(options.submissionsDir, student.submission);
        const candidates = [path.join(base, 'labs', lab.dir, file), path.join(base, lab.dir, file)];
        const found = candidates.find((c) => existsSync(c));
        if (!found) continue;
        const source = readFileSync(found, 'utf8');
        sources.set(student.id, { source, fp: fingerprint(source) });
      }
      const entries = [...sources.entries()].sort(([x], [y]) => x.localeCompare(y));
      const toPair = (
        a: string,
        b: string,
        aSide: { source: string; fp: Fingerprint },
        bSide: { source: string; fp: Fingerprint },
      ) => {
        const score = compare(aSide.fp, bSide.fp, common);
        if (!score) return null;
        return {
          lab: lab.id,
          file,
          a,
          b,
          similarity: score.similarity,
          shared: score.shared,
          regions: score.regions.slice(0, MAX_REGIONS).map((r) => ({
            a: r.a,
            b: r.b,
            aText: excerpt(aSide.source, r.a),
            bText: excerpt(bSide.source, r.b),
          })),
        };
      };
      for (let i = 0; i < entries.length; i++) {
        for (let j = i + 1; j < entries.length; j++) {
          const pair = toPair(entries[i]![0], entries[j]![0], entries[i]![1], entries[j]![1]);
          if (pair && pair.similarity >= options.threshold) pairs.push(pair);
        }
      }
      const solutionFile = path.join(options.root, 'solutions', lab.dir, file);
      if (existsSync(solutionFile)) {
        const source = readFileSync(solutionFile, 'utf8');
        const solution = { source, fp: fingerprint(source) };
        for (const [id, side] of entries) {
          const pair = toPair(id, 'reference', side, solution);
          if (pair && pair.similarity >= options.referenceThreshold) reference.push(pair);
        }
      }
    }
  }
  const order = (x: SimilarityPair, y: SimilarityPair) =>
    y.similarity - x.similarity ||
    x.lab.localeCompare(y.lab) ||
    x.a.localeCompare(y.a) ||
    x.b.localeCompare(y.b);
  return {
    threshold: options.threshold,
    referenceThreshold: options.referenceThreshold,
    pairs: pairs.sort(order),
    reference: reference.sort(order),
  };
}

/** One row per student: the id first, one column per lab (the score), then the total. */
export function toCsv(book: Gradebook): string {
  const header = ['student_id', ...book.labs.map((l) => l.id), 'total'];
  const rows = book.students.map((s) => [
    s.id,
    ...book.labs.map((l) => s.labs[l.id]?.score ?? 0),
    s.total,
  ]);
  return `${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\n')}\n`;
}
