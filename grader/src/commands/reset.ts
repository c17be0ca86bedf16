/**
 * `npm run reset lab-03 [-- --yes]`: back up the learner's lab folder, then restore the
 * starter files. Nothing is deleted: files the learner added stay where they are, and every
 * byte of the old folder is in the backup, whose path is printed.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { style } from '../cli/style.ts';
import { requireLab, UsageError } from '../cli/usage.ts';
import type { Course } from '../manifest/load.ts';
import { readSnapshot } from '../state/starters.ts';

export const BACKUP_DIR = '.lab-backups';

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(question);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

function timestamp(now: Date): string {
  return now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
}

export async function resetCommand(course: Course, argv: string[]): Promise<number> {
  let parsed: { values: { yes?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { yes: { type: 'boolean', short: 'y' } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message, 'Usage: npm run reset <lab> [-- --yes]');
  }
  const lab = requireLab(course.labs, parsed.positionals[0], 'reset');
  if (parsed.positionals.length > 1)
    throw new UsageError('Reset one lab at a time.', 'Usage: npm run reset <lab> [-- --yes]');
  const starter = readSnapshot(course.root).labs[lab.dir];
  if (!starter)
    throw new Error(
      `The course has no recorded starter for ${lab.dir} (grader/starters.json). Nothing was changed.`,
    );
  const labDir = path.join(course.root, 'labs', lab.dir);

  const changed = lab.files.filter((f) => {
    const full = path.join(labDir, f);
    return !existsSync(full) || readFileSync(full, 'utf8') !== starter[f];
  });
  if (changed.length === 0) {
    process.stdout.write(`${lab.id} is already the untouched starter: nothing to reset.\n`);
    return 0;
  }

  if (!parsed.values.yes) {
    if (!process.stdin.isTTY) {
      throw new UsageError(
        `Resetting ${lab.id} needs a confirmation.`,
        `Run it in a terminal, or add --yes: npm run reset ${lab.id} -- --yes`,
      );
    }
    process.stdout.write(
      `This restores the starter of ${lab.id} (${lab.title}).\nChanged files: ${changed.join(', ')}\nYour current folder is backed up first.\n`,
    );
    if (!(await confirm('Reset it? [y/N] '))) {
      process.stdout.write('Nothing was changed.\n');
      return 0;
    }
  }

  // Back up the whole lab folder first: every file, including ones the starter does not have.
  const backup = path.join(course.root, BACKUP_DIR, lab.dir, timestamp(new Date()));
  if (existsSync(labDir)) {
    mkdirSync(path.dirname(backup), { recursive: true });
    cpSync(labDir, backup, { recursive: true, errorOnExist: true, force: false });
  }
  for (const [file, content] of Object.entries(starter)) {
    const full = path.join(labDir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  const rel = path.relative(course.root, backup);
  process.stdout.write(
    `${style.green('✓')} ${lab.id} is back to its starter (${changed.length} file${changed.length === 1 ? '' : 's'} restored).\n` +
      `  Your previous work is in ${rel}/\n` +
      `  To bring a file back: cp ${rel}/${changed[0]} labs/${lab.dir}/${changed[0]}\n`,
  );
  return 0;
}
