/**
 * The runner: grades labs with the hidden suites through vitest's programmatic API and a
 * collecting reporter (no stdout parsing), under a watchdog that stops learner code that
 * never returns. One vitest instance serves every lab of a command; labs run one after the
 * other, each with its own time budget.
 */
import path from 'node:path';
import type { Reporter, TestCase, TestModule, TestSpecification, Vitest } from 'vitest/node';
import { resolveTarget, suiteConfig } from '../../vitest/config.ts';
import type { Lab } from '../manifest/schema.ts';
import {
  type CheckResult,
  type CheckStatus,
  type LabResult,
  labStatus,
  type TypecheckResult,
} from '../model/result.ts';
import { type Explanation, explainError, type ReportedError, trimMessage } from './explain.ts';
import { SideLog } from './side-log.ts';
import { typecheckLab } from './typecheck.ts';

export interface RunnerOptions {
  root: string;
  /** `labs`, `solutions`, or a folder holding lab folders. */
  target: string;
  labs: readonly Lab[];
  /** Override each lab's wall-time budget (ms). */
  budgetMs?: number;
  /** Override each lab's per-check limit (ms). */
  checkMs?: number;
  /** Run learner code under Node's permission model (default true). */
  sandbox?: boolean;
  /** Type-check the learner's files (default true). */
  typecheck?: boolean;
  /** Where the hidden suites live (default `<root>/grader/suites`). */
  suitesRoot?: string;
  /** Cap each worker's JavaScript heap (MB). */
  memoryMb?: number;
  /** At most this many worker processes at once (default: vitest's, cores − 1). */
  maxWorkers?: number;
}

/** What vitest knew about one test when the run ended. */
interface Observed {
  task: string;
  title: string;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  errors: ReportedError[];
  durationMs: number;
  output: string;
  id: string;
}

/** Extra time past a check's limit before the watchdog steps in (vitest's own timer goes first). */
const GRACE_MS = 400;
const POLL_MS = 50;
const OUTPUT_LIMIT = 2000;

class Collector implements Reporter {
  modules: readonly TestModule[] = [];
  unhandled: ReportedError[] = [];
  output = new Map<string, string>();

  reset(): void {
    this.modules = [];
    this.unhandled = [];
    this.output.clear();
  }

  onUserConsoleLog(log: { content: string; taskId?: string }): void {
    if (!log.taskId) return;
    const prev = this.output.get(log.taskId) ?? '';
    if (prev.length < OUTPUT_LIMIT)
      this.output.set(log.taskId, (prev + log.content).slice(0, OUTPUT_LIMIT));
  }

  onTestRunEnd(modules: readonly TestModule[], unhandled: readonly unknown[]): void {
    this.modules = modules;
    this.unhandled = unhandled as ReportedError[];
  }
}

function topLevelSuite(test: TestCase): string {
  let name = '';
  let node: TestCase['parent'] = test.parent;
  while (node.type === 'suite') {
    name = node.name;
    node = node.parent;
  }
  return name;
}

/** A grading session: one vitest instance, many lab runs (and re-runs, in watch mode). */
export class Runner {
  private readonly targetRoot: string;
  private specs: TestSpecification[] = [];

  private constructor(
    private readonly options: RunnerOptions,
    private readonly vitest: Vitest,
    private readonly collector: Collector,
    private readonly sideLog: SideLog,
  ) {
    this.targetRoot = resolveTarget(options.root, options.target);
  }

  static async open(options: RunnerOptions): Promise<Runner> {
    const { createVitest } = await import('vitest/node');
    const sideLog = new SideLog();
    const collector = new Collector();
    const config = suiteConfig({
      root: options.root,
      target: options.target,
      labs: options.labs,
      sideLogDir: sideLog.dir,
      sideLogKey: sideLog.key,
      sandbox: options.sandbox,
      checkMs: options.checkMs,
      suitesRoot: options.suitesRoot,
      memoryMb: options.memoryMb,
    });
    const vitest = await createVitest('test', {
      config: false,
      watch: false,
      reporters: [collector],
      ...config.test,
    });
    const runner = new Runner(options, vitest, collector, sideLog);
    await runner.refreshSpecs();
    return runner;
  }

  /** Re-reads which suite files exist (after an author adds one, in watch mode). */
  async refreshSpecs(): Promise<void> {
    this.specs = await this.vitest.globTestSpecifications();
  }

  labDir(lab: Lab): string {
    return path.join(this.targetRoot, lab.dir);
  }

  async grade(lab: Lab): Promise<LabResult> {
    const started = Date.now();
    const labDir = this.labDir(lab);
    const typecheck: Promise<TypecheckResult> =
      this.options.typecheck === false
        ? Promise.resolve({ status: 'skipped', diagnostics: [], reason: 'turned off' })
        : typecheckLab({ root: this.options.root, lab, labDir }).catch((error: Error) => ({
            status: 'skipped' as const,
            diagnostics: [],
            reason: `the type checker could not run: ${error.message}`,
          }));

    const specs = this.specs.filter((s) => s.project.name === lab.id);
    const errors: string[] = [];
    let observed: Observed[] = [];
    const loadProblems: Explanation[] = [];
    let stopped: { reason: 'hang'; hungId: string } | { reason: 'budget' } | undefined;

    if (specs.length === 0) {
      errors.push(
        `No hidden suite found for ${lab.id} (expected ${lab.dir}/*.test.ts under the suites folder). This is a course bug: please report it.`,
      );
    } else {
      this.collector.reset();
      this.sideLog.reset();
      const checkMs = this.options.checkMs ?? lab.limits.checkMs;
      const budgetMs = this.options.budgetMs ?? lab.limits.budgetMs;
      const runStart = Date.now();
      const watchdog = setInterval(() => {
        if (stopped) return;
        this.sideLog.poll();
        const now = Date.now();
        const hung = this.sideLog.running().find((e) => now - e.start > checkMs + GRACE_MS);
        if (hung) stopped = { reason: 'hang', hungId: hung.id };
        else if (now - runStart > budgetMs) stopped = { reason: 'budget' };
        if (stopped) {
          // The first call asks vitest to stop; the second terminates the hung worker.
          void this.vitest.cancelCurrentRun('keyboard-input');
          setTimeout(() => void this.vitest.cancelCurrentRun('keyboard-input'), POLL_MS);
        }
      }, POLL_MS);
      try {
        await this.vitest.runTestSpecifications(specs, false);
      } finally {
        clearInterval(watchdog);
      }
      this.sideLog.poll();
      observed = this.observe();
      for (const module of this.collector.modules) {
        for (const error of module.errors()) {
          const explained = explainError(error as ReportedError, labDir, true);
          loadProblems.push(explained);
          errors.push(explained.message);
        }
      }
      for (const error of this.collector.unhandled) {
        const explained = explainError(error, labDir);
        errors.push(
          `An error escaped a check (a callback or promise nobody awaited?): ${explained.message}`,
        );
      }
      if (stopped?.reason === 'budget') {
        errors.push(
          `Grading stopped after the time budget of ${budgetMs} ms; checks that had not finished are marked timeout or not-run.`,
        );
      }
    }

    const checks = this.assemble(lab, labDir, observed, stopped, errors, loadProblems[0]);
    const tc = await typecheck;
    const score = checks.reduce((sum, c) => sum + c.earned, 0);
    return {
      id: lab.id,
      slug: lab.slug,
      title: lab.title,
      module: lab.module,
      status: labStatus(checks, tc, errors),
      score,
      maxScore: lab.maxScore,
      durationMs: Date.now() - started,
      checks,
      typecheck: tc,
      errors: [...new Set(errors)],
    };
  }

  private observe(): Observed[] {
    const out: Observed[] = [];
    for (const module of this.collector.modules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        out.push({
          id: test.id,
          task: topLevelSuite(test),
          title: test.name,
          state: result.state,
          errors: [...(result.errors ?? [])] as ReportedError[],
          durationMs: Math.round(test.diagnostic()?.duration ?? 0),
          output: this.collector.output.get(test.id) ?? '',
        });
      }
    }
    return out;
  }

  /** Joins what ran with the manifest: every declared check gets exactly one status. */
  private assemble(
    lab: Lab,
    labDir: string,
    observed: Observed[],
    stopped: { reason: 'hang'; hungId: string } | { reason: 'budget' } | undefined,
    errors: string[],
    loadProblem: Explanation | undefined,
  ): CheckResult[] {
    const byKey = new Map(observed.map((o) => [`${o.task}\u0000${o.title}`, o]));
    const declared = new Set<string>();
    const checks: CheckResult[] = [];
    lab.tasks.forEach((task, index) => {
      for (const check of task.checks) {
        const key = `${task.title}\u0000${check.title}`;
        declared.add(key);
        const seen = byKey.get(key);
        let status: CheckStatus;
        let explanation: Partial<Explanation> = {};
        let durationMs = seen?.durationMs ?? 0;
        if (!seen) {
          if (loadProblem) {
            status = 'error';
            explanation = {
              ...loadProblem,
              message: `Could not run: ${loadProblem.message.split('. ')[0]}.`,
            };
          } else if (stopped) {
            status = 'not-run';
            explanation = { message: 'Not run: grading stopped before this check started.' };
          } else {
            status = 'error';
            explanation = {
              message:
                'This check was not found in the suite (a course bug: run npm run check:content).',
            };
          }
        } else if (seen.state === 'passed') {
          status = 'pass';
        } else if (seen.state === 'failed') {
          const first = seen.errors[0];
          explanation = first
            ? explainError(first, labDir)
            : { status: 'fail', message: 'The check failed.' };
          status = explanation.status ?? 'fail';
        } else if (seen.state === 'skipped') {
          status = 'error';
          explanation = {
            message:
              'This check was skipped; every check must run (a skipped check never counts as a pass).',
          };
        } else {
          // Pending: the run was stopped. The side log says what really happened.
          const side = this.sideLog.entries.get(seen.id);
          if (side?.end !== undefined) {
            durationMs = side.end - side.start;
            status = side.state === 'pass' ? 'pass' : 'fail';
            if (status === 'fail')
              explanation = {
                message: 'The check failed (its message was lost when grading was stopped).',
              };
          } else if (side) {
            status = 'timeout';
            durationMs = Date.now() - side.start;
            explanation = {
              message:
                stopped?.reason === 'hang' && stopped.hungId === seen.id
                  ? `Still running after ${this.options.checkMs ?? lab.limits.checkMs} ms, so grading stopped it: an endless loop (a while that never ends?) or work that blocks the event loop.`
                  : 'Still running when the time budget ran out.',
            };
          } else {
            status = 'not-run';
            explanation = {
              message:
                'Not run: grading stopped (an earlier check never finished) before this check started.',
            };
          }
        }
        const passed = status === 'pass';
        checks.push({
          task: task.title,
          taskId: index + 1,
          title: check.title,
          status,
          points: check.points,
          earned: passed ? check.points : 0,
          message: passed ? '' : (explanation.message ?? ''),
          hint: passed ? '' : (check.hints[0] ?? ''),
          durationMs,
          ...(explanation.file ? { file: explanation.file } : {}),
          ...(explanation.line ? { line: explanation.line } : {}),
          ...(seen?.output ? { output: trimMessage(seen.output, 20, 500) } : {}),
          cards: check.cards,
        });
      }
    });
    for (const o of observed) {
      if (!declared.has(`${o.task}\u0000${o.title}`)) {
        errors.push(
          `The suite has a check that the manifest does not declare: "${o.task}" › "${o.title}" (a course bug: run npm run check:content).`,
        );
      }
    }
    return checks;
  }

  async close(): Promise<void> {
    await this.vitest.close();
    this.sideLog.dispose();
  }
}
