/**
 * `npm run check:content [-- --fix]`: runs the content checker and prints every problem with
 * its fix. `--fix` only does what is mechanical: it records the starters of labs/ in
 * grader/starters.json and writes the manifest's JSON Schema for editors.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { style } from '../cli/style.ts';
import { UsageError } from '../cli/usage.ts';
import type { Course } from '../manifest/load.ts';
import { LabManifest } from '../manifest/schema.ts';
import { snapshotFromLabs, writeSnapshot } from '../state/starters.ts';
import { checkContent, type SuiteTitles } from './check.ts';

/** Reads the task and check titles of every suite without running it (vitest's static parse). */
export async function collectSuiteTitles(course: Course): Promise<Map<string, SuiteTitles>> {
  const { createVitest } = await import('vitest/node');
  const { suiteConfig } = await import('../../vitest/config.ts');
  const config = suiteConfig({
    root: course.root,
    target: 'solutions',
    labs: course.labs,
    sandbox: false,
  });
  const vitest = await createVitest('test', {
    config: false,
    watch: false,
    reporters: [],
    ...config.test,
  });
  const out = new Map<string, SuiteTitles>();
  try {
    const result = await vitest.collect(undefined, { staticParse: true });
    for (const module of result.testModules) {
      const lab = course.labs.find((l) => l.id === module.project.name);
      if (!lab) continue;
      const titles = out.get(lab.dir) ?? new Map<string, string[]>();
      for (const test of module.children.allTests()) {
        let task = '';
        let node = test.parent;
        while (node.type === 'suite') {
          task = node.name;
          node = node.parent;
        }
        titles.set(task, [...(titles.get(task) ?? []), test.name]);
      }
      out.set(lab.dir, titles);
    }
  } finally {
    await vitest.close();
  }
  return out;
}

export function writeManifestSchema(root: string): void {
  const schema = z.toJSONSchema(LabManifest, { io: 'input' });
  writeFileSync(
    path.join(root, 'grader', 'lab.schema.json'),
    `${JSON.stringify(schema, null, 2)}\n`,
  );
}

export async function checkContentCommand(course: Course, argv: string[]): Promise<number> {
  let fix = false;
  try {
    fix = Boolean(parseArgs({ args: argv, options: { fix: { type: 'boolean' } } }).values.fix);
  } catch (error) {
    throw new UsageError((error as Error).message, 'Usage: npm run check:content [-- --fix]');
  }
  if (fix) {
    writeSnapshot(course.root, snapshotFromLabs(course.root, course.labs));
    writeManifestSchema(course.root);
    process.stdout.write(
      `Recorded the starters of ${course.labs.length} labs in grader/starters.json and wrote grader/lab.schema.json.\n`,
    );
  }
  const problems = checkContent(course, { suites: await collectSuiteTitles(course) });
  if (problems.length === 0) {
    process.stdout.write(
      `${style.green('✓')} content: ${course.labs.length} labs, ${course.labs.reduce((s, l) => s + l.tasks.flatMap((t) => t.checks).length, 0)} checks — manifest, labs, solutions, suites, hints and docs agree.\n`,
    );
    return 0;
  }
  process.stdout.write(
    `${style.red(`✗ ${problems.length} content problem${problems.length === 1 ? '' : 's'}:`)}\n\n`,
  );
  for (const p of problems) {
    process.stdout.write(
      `  ${style.bold(p.file)}\n    ${p.message}\n    ${style.cyan(`fix: ${p.fix}`)}\n`,
    );
  }
  return 1;
}
