/**
 * The learner's small commands: `labs` (the list), `progress` (bars per module and lab) and
 * `hint` (progressive: each call reveals the next hint of the first check that fails).
 */
import { parseArgs } from 'node:util';
import { bar, columns, style, wrapText } from '../cli/style.ts';
import { requireLab, UsageError } from '../cli/usage.ts';
import type { Course } from '../manifest/load.ts';
import { Runner } from '../runner/run.ts';
import { checkKey, readProgress, recordGrades, updateProgress } from '../state/progress.ts';

export function labsCommand(course: Course, argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' } } });
  if (values.json) {
    const labs = course.labs.map(({ manifestPath: _m, tasks, ...lab }) => ({
      ...lab,
      tasks: tasks.map((t) => ({
        title: t.title,
        checks: t.checks.map((c) => ({ title: c.title, points: c.points })),
      })),
    }));
    process.stdout.write(`${JSON.stringify({ labs }, null, 2)}\n`);
    return 0;
  }
  const progress = readProgress(course.root);
  let module = 0;
  const out: string[] = [];
  for (const lab of course.labs) {
    if (lab.module !== module) {
      module = lab.module;
      out.push('', style.bold(`Module ${module}`));
    }
    const p = progress.labs[lab.id];
    const state =
      p?.lastStatus === 'pass'
        ? style.green('done')
        : p
          ? style.yellow(`${p.bestScore}/${lab.maxScore}`)
          : style.gray('new');
    out.push(
      `  ${lab.id}  ${lab.slug.padEnd(24)} ${lab.title}  ${style.gray(`~${lab.minutes} min`)}  ${state}`,
    );
  }
  out.push(
    '',
    `Start with: ${style.bold(`npm run grade ${course.labs[0]?.id ?? ''}`)}   (then npm run hint <lab> when stuck)`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

export function progressCommand(course: Course): number {
  const progress = readProgress(course.root);
  const out: string[] = ['', style.bold('Your progress')];
  const modules = [...new Set(course.labs.map((l) => l.module))].sort((a, b) => a - b);
  let done = 0;
  for (const module of modules) {
    const labs = course.labs.filter((l) => l.module === module);
    const best = labs.reduce(
      (s, l) => s + Math.min(progress.labs[l.id]?.bestScore ?? 0, l.maxScore),
      0,
    );
    const max = labs.reduce((s, l) => s + l.maxScore, 0);
    out.push(
      '',
      ` ${style.bold(`Module ${module}`)}  ${bar(max ? best / max : 0, 16)} ${best}/${max}`,
    );
    for (const lab of labs) {
      const p = progress.labs[lab.id];
      if (p?.firstPassedAt) done += 1;
      const score = p ? `${p.bestScore}/${lab.maxScore}`.padStart(7) : '      –';
      const when = p?.lastGradedAt
        ? style.gray(`last graded ${p.lastGradedAt.replace('T', ' ').slice(0, 16)}`)
        : style.gray('not started');
      const mark = p?.firstPassedAt ? style.green('✓') : ' ';
      out.push(
        `   ${mark} ${lab.id} ${lab.slug.padEnd(24)} ${bar(p ? p.bestScore / lab.maxScore : 0, 10)} ${score}  ${when}`,
      );
    }
  }
  out.push('', ` ${done}/${course.labs.length} labs complete.`);
  const next = course.labs.find((l) => !progress.labs[l.id]?.firstPassedAt);
  if (next) out.push(` Next: npm run grade ${next.id}   (${next.title})`);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

export async function hintCommand(course: Course, argv: string[]): Promise<number> {
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} }));
  } catch (error) {
    throw new UsageError((error as Error).message, 'Usage: npm run hint <lab>');
  }
  const lab = requireLab(course.labs, positionals[0], 'hint');
  process.stdout.write(
    style.gray(`Grading ${lab.id} to find the first check that does not pass yet…\n`),
  );
  const runner = await Runner.open({
    root: course.root,
    target: 'labs',
    labs: [lab],
    typecheck: false,
  });
  let result: Awaited<ReturnType<Runner['grade']>>;
  try {
    result = await runner.grade(lab);
  } finally {
    await runner.close();
  }
  recordGrades(course.root, [result]);
  const failing = result.checks.find((c) => c.status !== 'pass');
  if (!failing) {
    process.stdout.write(`${style.green('✓')} Every check of ${lab.id} passes: no hint needed.\n`);
    return 0;
  }
  const check = lab.tasks
    .flatMap((t) => t.checks.map((c) => ({ task: t.title, ...c })))
    .find((c) => c.task === failing.task && c.title === failing.title)!;
  const key = checkKey(failing.task, failing.title);
  let shown = 0;
  updateProgress(course.root, (progress) => {
    const labProgress = progress.labs[lab.id]!;
    shown = Math.min((labProgress.hintsShown[key] ?? 0) + 1, check.hints.length);
    labProgress.hintsShown[key] = shown;
  });
  const width = columns();
  const out = [
    '',
    style.bold(`${lab.id} · ${failing.task}`),
    `  ${style.red('✗')} ${failing.title}`,
  ];
  if (failing.message) out.push(wrapText(failing.message, width, '    '));
  out.push('');
  check.hints.slice(0, shown).forEach((hint, i) => {
    out.push(style.cyan(wrapText(`Hint ${i + 1}/${check.hints.length}: ${hint}`, width, '  ')));
  });
  out.push('');
  if (shown < check.hints.length)
    out.push(style.gray(`  Run npm run hint ${lab.id} again for the next hint.`));
  else
    out.push(
      style.gray(
        `  That was the last hint for this check. The concepts are explained at docs${lab.docs}`,
      ),
    );
  if (check.cards.length > 0)
    out.push(style.gray(`  Flashcards on this: npm run flashcards -- --from-failures`));
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
