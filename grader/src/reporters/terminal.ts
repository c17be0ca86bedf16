/**
 * The learner's view of a result: grouped by task, a mark per check with points and time, the
 * hint under each failing check, the message trimmed to what matters, a score line, and what
 * to do next.
 */
import { bar, columns, style, wrapText } from '../cli/style.ts';
import type { CheckResult, CheckStatus, GradeReport, LabResult } from '../model/result.ts';

const MARK: Record<CheckStatus, string> = {
  pass: style.green('✓'),
  fail: style.red('✗'),
  error: style.red('!'),
  timeout: style.yellow('⏱'),
  'not-run': style.gray('·'),
};

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

function checkLines(check: CheckResult, width: number): string[] {
  const points =
    check.status === 'pass' ? style.green(`+${check.points}`) : style.gray(`0/${check.points}`);
  const time = check.durationMs > 0 ? style.gray(` ${ms(check.durationMs)}`) : '';
  const label =
    check.status === 'pass'
      ? check.title
      : check.status === 'not-run'
        ? style.gray(check.title)
        : style.bold(check.title);
  const lines = [`   ${MARK[check.status]} ${label} ${points}${time}`];
  if (check.status === 'pass') return lines;
  const tag = check.status === 'fail' ? '' : `[${check.status}] `;
  if (check.message) lines.push(wrapText(`${tag}${check.message}`, width, '       '));
  if (check.output)
    lines.push(style.gray(wrapText(`your code printed: ${check.output}`, width, '       ')));
  if (check.hint && check.status !== 'not-run' && !check.message.startsWith('Could not run')) {
    lines.push(style.cyan(wrapText(`hint: ${check.hint}`, width, '       ')));
  }
  return lines;
}

/** One lab's result as the learner reads it. */
export function renderLab(
  lab: LabResult,
  options: { command?: string; docsUrl?: string; flashcards?: boolean } = {},
): string {
  const width = columns();
  const out: string[] = [];
  const title = `${lab.id} · ${lab.title}`;
  out.push('', style.bold(title));
  let task = '';
  for (const check of lab.checks) {
    if (check.task !== task) {
      task = check.task;
      const inTask = lab.checks.filter((c) => c.task === task);
      const got = inTask.reduce((s, c) => s + c.earned, 0);
      const max = inTask.reduce((s, c) => s + c.points, 0);
      out.push('', ` ${style.bold(task)} ${style.gray(`${got}/${max}`)}`);
    }
    out.push(...checkLines(check, width));
  }
  if (lab.errors.length > 0) {
    out.push('', style.red(' Problems that stopped checks from running:'));
    for (const error of lab.errors) out.push(style.red(wrapText(error, width, '   ')));
  }
  const tc = lab.typecheck;
  if (tc.status === 'fail') {
    out.push(
      '',
      style.red(
        ` Type check failed (${tc.diagnostics.length} error${tc.diagnostics.length === 1 ? '' : 's'}):`,
      ),
    );
    for (const d of tc.diagnostics.slice(0, 8))
      out.push(wrapText(`${d.file}:${d.line}:${d.column} ${d.message}`, width, '   '));
    if (tc.diagnostics.length > 8)
      out.push(style.gray(`   … and ${tc.diagnostics.length - 8} more`));
    if (tc.reason) out.push(wrapText(tc.reason, width, '   '));
  } else if (tc.status === 'pass') {
    out.push('', ` ${style.green('✓')} types check`);
  } else {
    out.push('', style.gray(` type check skipped: ${tc.reason ?? ''}`));
  }
  const fraction = lab.maxScore ? lab.score / lab.maxScore : 0;
  const verdict =
    lab.status === 'pass'
      ? style.green('PASS')
      : lab.status === 'error'
        ? style.red('ERROR')
        : style.yellow('NOT YET');
  out.push(
    '',
    ` ${verdict}  ${style.bold(`${lab.score}/${lab.maxScore}`)} points  ${fraction === 1 ? style.green(bar(fraction)) : bar(fraction)}  ${style.gray(ms(lab.durationMs))}`,
  );
  if (lab.status !== 'pass' && options.command) {
    const next = lab.checks.find((c) => c.status !== 'pass');
    const steps = [
      next ? `Next: "${next.title}" (task ${next.taskId}).` : 'Next: fix the type errors above.',
      `More help: npm run hint ${lab.id}`,
      `Re-grade on every save: npm run grade -- ${lab.id} --watch`,
    ];
    if (options.docsUrl) steps.push(`Read: ${options.docsUrl}`);
    if (options.flashcards && lab.checks.some((c) => c.status !== 'pass' && c.cards.length > 0))
      steps.push(`Flashcards on what failed: npm run flashcards -- --from-failures`);
    out.push(style.gray(steps.map((s) => `   ${s}`).join('\n')));
  } else if (lab.status === 'pass') {
    out.push(style.green('   All checks pass. Well done. See your progress: npm run progress'));
  }
  return out.join('\n');
}

/** The table for `npm run grade` over every lab. */
export function renderSummary(report: GradeReport): string {
  const width = Math.max(...report.labs.map((l) => l.title.length), 10);
  const out = ['', style.bold(` ${'lab'.padEnd(7)} ${'title'.padEnd(width)}  score    status`)];
  let total = 0;
  let max = 0;
  for (const lab of report.labs) {
    total += lab.score;
    max += lab.maxScore;
    const status =
      lab.status === 'pass'
        ? style.green('pass')
        : lab.status === 'error'
          ? style.red('error')
          : style.yellow('fail');
    out.push(
      ` ${lab.id.padEnd(7)} ${lab.title.padEnd(width)}  ${`${lab.score}/${lab.maxScore}`.padStart(5)}  ${bar(lab.maxScore ? lab.score / lab.maxScore : 0, 8)} ${status}`,
    );
  }
  out.push('', ` ${style.bold(`${total}/${max}`)} points over ${report.labs.length} labs`);
  return out.join('\n');
}
