/**
 * The shape of `npm run bench`'s results file (committed as docs/public/bench/latest.json, read
 * by the site's Performance page) and the targets the figures are held to. Types and constants
 * only: the site's data loader imports this file too.
 */

/** What the issue asks of the course's performance; each figure is reported against one. */
export const TARGETS = {
  /** Every AWS bundle, minified, with the AWS SDK left to the runtime. */
  bundleBytes: 50 * 1024,
  /** Cold start (process start to first answer) of a bundle ÷ that of an empty handler. */
  initRatio: 1.3,
  /** `npm run grade <lab>` ÷ the bare `vitest run` of the lab's suite. */
  gradeRatio: 1.1,
  /** Grading every lab in one command, per lab on average. */
  perLabMs: 1000,
} as const;

/** The 1-minute load average when a section began and ended: on a shared machine, context. */
export interface Load {
  start: number;
  end: number;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
}

export interface GradeRow {
  lab: string;
  /** Median wall time of `node grader/bin/course.mjs grade <lab> --solutions`. */
  gradeMs: number;
  /** Median wall time of `vitest run grader/suites/<lab dir>` with the same config. */
  vitestMs: number;
  ratio: number;
  pass: boolean;
}

export interface GradeSection {
  measuredAt: string;
  load?: Load;
  runs: number;
  commands: { grade: string; vitest: string; all: string; allVitest: string };
  labs: GradeRow[];
  /** Every lab in one command (median), and the bare vitest run of every suite. */
  all: { labs: number; gradeMs: number; perLabMs: number; vitestMs: number; pass: boolean } | null;
}

export interface BundleRow {
  lab: string;
  name: string;
  file: string;
  kind: string;
  /** Minified bytes (for a Worker, every .js/.mjs/.wasm file wrangler wrote). */
  bytes: number;
  gzipBytes: number;
  /** Native packages left out of the bundle (shipped beside it). */
  external?: string[];
  /** For an over-budget bundle: the packages that make it up, largest first. */
  largest?: { input: string; bytes: number }[];
  /** Workers have no SDK to leave out; the budget applies to AWS bundles. */
  pass: boolean | null;
}

export interface BundleSection {
  measuredAt: string;
  bundles: BundleRow[];
}

export interface InitRow {
  lab: string;
  name: string;
  /** Medians, in the fresh process: import of the bundle, first invocation. */
  importMs: number;
  invokeMs: number;
  /** importMs + invokeMs: the function's own cold work. */
  initMs: number;
  /** The cold start: the median boot of every run (Node + harness) + initMs. */
  readyMs: number;
  /** readyMs ÷ the empty handler's readyMs. */
  ratio: number;
  pass: boolean;
}

export interface InitSection {
  measuredAt: string;
  load?: Load;
  runs: number;
  /** Median time from process start to the bundle's import, over every run of every bundle. */
  bootMs: number;
  empty: { importMs: number; invokeMs: number; initMs: number; readyMs: number };
  functions: InitRow[];
}

export interface SiteSection {
  measuredAt: string;
  load?: Load;
  runs: number;
  /** Median of `vitepress build`. */
  buildMs: number;
  /** The JavaScript the home page loads: its module scripts and modulepreloads. */
  homeJs: { files: number; bytes: number; gzipBytes: number };
}

export interface TestSection {
  measuredAt: string;
  load?: Load;
  /** One run of `npm test` (it takes minutes): wall time and its final line. */
  wallMs: number;
  summary: string;
  exitCode: number;
  /** The stages that failed, as its summary names them. */
  failedStages: string[];
  /** Each stage's wall time in seconds, from its summary. */
  stages: { name: string; seconds: number; passed: boolean }[];
}

export interface BenchResults {
  version: 1;
  /** When the file was last written (each section has its own measuredAt). */
  date: string;
  machine: Machine;
  targets: typeof TARGETS;
  grade?: GradeSection;
  bundles?: BundleSection;
  init?: InitSection;
  site?: SiteSection;
  test?: TestSection;
}
