/**
 * The content checker: like `rustlings dev check`, it verifies that the manifest, the lab
 * folders, the solutions, the hidden suites, the hints and the docs agree, and reports every
 * problem at once, each with the fix.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkDeck } from '../flashcards/check.ts';
import type { Course } from '../manifest/load.ts';
import { listFiles, readSnapshot, STARTERS_FILE, snapshotFromLabs } from '../state/starters.ts';

export interface Problem {
  /** The file (relative to the course root) the problem is in or about. */
  file: string;
  message: string;
  /** What to do about it. */
  fix: string;
}

/** Titles found in a suite: task (top-level describe) → check titles. */
export type SuiteTitles = Map<string, string[]>;

/** Files in a solution folder that deploy it; they have no starter twin. */
const DEPLOY_FILES =
  /^(template\.ya?ml|samconfig\.toml|wrangler\.(jsonc?|toml)|README\.md|events\/.*)$/;

function subdirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => statSync(path.join(dir, name)).isDirectory());
}

/** Where a docs route such as `/modules/01-core-concepts/` lives as a markdown file. */
export function docsFileFor(root: string, route: string): string | undefined {
  const clean = route.replace(/#.*$/, '').replace(/^\//, '');
  const candidates =
    clean.endsWith('/') || clean === ''
      ? [`${clean}index.md`]
      : [`${clean}.md`, `${clean}/index.md`, clean.replace(/\.html$/, '.md')];
  return candidates.map((c) => path.join(root, 'docs', c)).find((f) => existsSync(f));
}

export interface CheckOptions {
  /** Titles per lab dir, from vitest's static collection of the suites. */
  suites: Map<string, SuiteTitles>;
}

export function checkContent(course: Course, options: CheckOptions): Problem[] {
  const { root, labs } = course;
  const problems: Problem[] = course.problems.map((p) => ({
    file: p.file,
    message: p.message,
    fix: 'Edit the manifest so it matches grader/src/manifest/schema.ts (editors validate it through its $schema).',
  }));
  const add = (file: string, message: string, fix: string) => problems.push({ file, message, fix });
  const ids = new Set(labs.map((l) => l.id));

  for (const lab of labs) {
    const labDir = path.join(root, 'labs', lab.dir);
    const solDir = path.join(root, 'solutions', lab.dir);
    const suiteDir = path.join(root, 'grader', 'suites', lab.dir);
    const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');

    if (
      !existsSync(path.join(labDir, 'README.md')) ||
      readFileSync(path.join(labDir, 'README.md'), 'utf8').trim().length < 200
    ) {
      add(
        rel(path.join(labDir, 'README.md')),
        'the lab text is missing or nearly empty',
        'Write the lab text: goal, background link, numbered tasks matching the suite, how to grade and get hints.',
      );
    } else {
      const readme = readFileSync(path.join(labDir, 'README.md'), 'utf8');
      lab.tasks.forEach((task, i) => {
        const number = `${i + 1}.`;
        if (!task.title.startsWith(number))
          add(
            rel(lab.manifestPath),
            `task "${task.title}" should be numbered "${number} …"`,
            'Number the tasks 1., 2., … in order, as the README steps are.',
          );
        const words = task.title.replace(/^\d+\.\s*/, '');
        if (!readme.includes(words))
          add(
            rel(path.join(labDir, 'README.md')),
            `no step named "${words}" (task ${i + 1})`,
            `Add a heading "## ${task.title}" so the README's steps match the suite's tasks.`,
          );
      });
      if (!readme.includes(`npm run grade ${lab.id}`))
        add(
          rel(path.join(labDir, 'README.md')),
          `does not show the grade command`,
          `Show "npm run grade ${lab.id}".`,
        );
    }

    const worldDir = lab.platform === 'cloudflare-worker' || lab.platform === 'vercel-edge';
    for (const file of lab.files) {
      const inWorkerDir = file.startsWith('worker/');
      if (worldDir !== inWorkerDir) {
        add(
          rel(lab.manifestPath),
          `${file}: ${worldDir ? 'Workers-runtime code lives under worker/' : 'only Workers-runtime code lives under worker/'}`,
          'tsconfig.workers.json type-checks worker/ folders with the Workers types, tsconfig.node.json the rest.',
        );
      }
      const starter = path.join(labDir, file);
      const solution = path.join(solDir, file);
      if (!existsSync(starter))
        add(
          rel(starter),
          'learner file listed in the manifest is missing',
          `Create the starter, or remove "${file}" from files.`,
        );
      else if (!readFileSync(starter, 'utf8').includes(`TODO(${lab.id})`))
        add(
          rel(starter),
          `the starter has no TODO(${lab.id}) marker`,
          'Mark what the learner must do with TODO(lab-NN) comments that say what and link to the explanation.',
        );
      if (!existsSync(solution))
        add(
          rel(solution),
          'the solution twin of a learner file is missing',
          'Write the reference solution at the mirrored path.',
        );
      else if (readFileSync(solution, 'utf8').includes(`TODO(${lab.id})`))
        add(
          rel(solution),
          `the solution still contains TODO(${lab.id})`,
          'Finish the solution, or reword the comment.',
        );
    }

    // Every file of the solution has a starter twin (deploy files excepted); support files
    // that are not the learner's must be identical in both.
    const solutionFiles = listFiles(solDir);
    const labFiles = new Set(listFiles(labDir));
    for (const file of solutionFiles) {
      if (DEPLOY_FILES.test(file)) continue;
      if (!labFiles.has(file)) {
        add(
          `solutions/${lab.dir}/${file}`,
          'a solution file with no starter twin',
          `Create labs/${lab.dir}/${file} (a starter), or move the file out of the solution.`,
        );
      } else if (
        !lab.files.includes(file) &&
        readFileSync(path.join(solDir, file), 'utf8') !==
          readFileSync(path.join(labDir, file), 'utf8')
      ) {
        add(
          `labs/${lab.dir}/${file}`,
          'a support file (not a learner file) differs from its solution twin',
          `Make them identical, or list "${file}" in the manifest's files.`,
        );
      }
    }
    for (const file of labFiles) {
      if (file === 'lab.json' || file === 'README.md' || lab.files.includes(file)) continue;
      if (!solutionFiles.includes(file))
        add(
          `labs/${lab.dir}/${file}`,
          'a file in the lab folder that is neither a learner file nor in the solution',
          `List it in the manifest's files, or copy it to solutions/${lab.dir}/.`,
        );
    }

    if (lab.platform === 'aws-lambda') {
      const template = path.join(solDir, 'template.yaml');
      if (!existsSync(template))
        add(
          rel(template),
          'an AWS lab without a SAM template',
          'Add a SAM template (Transform: AWS::Serverless-2016-10-31) that deploys the solution on nodejs22.x.',
        );
      else if (!/Runtime:\s*nodejs(22|24)\.x/.test(readFileSync(template, 'utf8')))
        add(
          rel(template),
          'the template does not use a supported Node.js runtime',
          'Use Runtime: nodejs22.x (or nodejs24.x).',
        );
    }

    if (!existsSync(path.join(suiteDir, 'design.md')))
      add(
        rel(path.join(suiteDir, 'design.md')),
        'no author design notes',
        'Write design.md: learning goals, the mistakes the suite must catch, what is out of scope.',
      );
    const titles = options.suites.get(lab.dir);
    if (!titles || titles.size === 0) {
      add(
        rel(suiteDir),
        'no hidden suite (no *.test.ts with checks)',
        `Write grader/suites/${lab.dir}/*.test.ts with one describe per task.`,
      );
    } else {
      const declared = new Map(lab.tasks.map((t) => [t.title, t.checks.map((c) => c.title)]));
      for (const [task, checks] of declared) {
        const found = titles.get(task);
        if (!found) {
          add(
            rel(suiteDir),
            `the manifest's task "${task}" has no describe in the suite`,
            `Add describe('${task}', …) or rename the task in ${rel(lab.manifestPath)}.`,
          );
          continue;
        }
        for (const check of checks) {
          if (!found.includes(check))
            add(
              rel(suiteDir),
              `the manifest's check "${task}" › "${check}" has no test`,
              `Add it('${check}', …) under that describe, or fix the title in the manifest.`,
            );
        }
        for (const test of found) {
          if (!checks.includes(test))
            add(
              rel(suiteDir),
              `the suite's test "${task}" › "${test}" has no manifest entry`,
              `Declare it (with points and hints) in ${rel(lab.manifestPath)}.`,
            );
        }
      }
      for (const [task, found] of titles) {
        if (!declared.has(task))
          add(
            rel(suiteDir),
            `the suite's describe "${task}" (${found.length} tests) is not a task in the manifest`,
            `Declare the task in ${rel(lab.manifestPath)}, or rename the describe.`,
          );
      }
    }

    for (const task of lab.tasks) {
      const seen = new Set<string>();
      for (const check of task.checks) {
        if (seen.has(check.title))
          add(
            rel(lab.manifestPath),
            `check "${check.title}" appears twice in task "${task.title}"`,
            'Give every check a distinct title.',
          );
        seen.add(check.title);
        if (new Set(check.hints).size !== check.hints.length)
          add(
            rel(lab.manifestPath),
            `check "${check.title}" repeats a hint`,
            'Make each hint add something the previous one did not.',
          );
      }
    }
    for (const prerequisite of lab.prerequisites) {
      if (!ids.has(prerequisite))
        add(
          rel(lab.manifestPath),
          `prerequisite ${prerequisite} is not a lab`,
          'Use the id of an existing lab.',
        );
      else if (prerequisite >= lab.id)
        add(
          rel(lab.manifestPath),
          `prerequisite ${prerequisite} does not come before ${lab.id}`,
          'Prerequisites must be earlier labs.',
        );
    }
    if (!docsFileFor(root, lab.docs))
      add(
        rel(lab.manifestPath),
        `docs page ${lab.docs} does not exist`,
        `Create docs${lab.docs.endsWith('/') ? `${lab.docs}index.md` : `${lab.docs}.md`}, or point docs at an existing page.`,
      );
  }

  // Folders that no manifest declares.
  const dirs = new Set(labs.map((l) => l.dir));
  for (const area of ['solutions', 'grader/suites']) {
    for (const dir of subdirs(path.join(root, area))) {
      if (!dirs.has(dir))
        add(
          `${area}/${dir}`,
          'a folder no lab manifest declares',
          `Add labs/${dir}/lab.json, or remove the folder.`,
        );
    }
  }

  // The pristine starter snapshot agrees with labs/.
  const recorded = readSnapshot(root);
  const current = snapshotFromLabs(root, labs);
  for (const [dir, files] of Object.entries(current.labs)) {
    for (const [file, content] of Object.entries(files)) {
      if (recorded.labs[dir]?.[file] !== content) {
        add(
          `labs/${dir}/${file}`,
          `differs from the recorded starter in ${STARTERS_FILE}`,
          'Authors: run npm run check:content -- --fix to record the new starter. (Learners: this only means you have edited the lab, as you should.)',
        );
      }
    }
  }
  for (const dir of Object.keys(recorded.labs)) {
    if (!dirs.has(dir))
      add(
        STARTERS_FILE,
        `records a starter for ${dir}, which is not a lab`,
        'Run npm run check:content -- --fix.',
      );
  }

  // The flashcard deck: docs/modules/*/cards.yaml (grader/src/flashcards/check.ts).
  problems.push(...checkDeck(root, labs));
  return problems;
}
