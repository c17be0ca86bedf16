/**
 * GitHub Classroom at scale: each student repository grades itself in GitHub Actions (one
 * workflow step per lab, `--format classroom`, summed by GitHub's autograding reporter), and
 * the instructor collects the per-student JSON results into the same gradebook.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Lab } from '../manifest/schema.ts';

/** A step id GitHub accepts and the reporter can turn into an env var name (`LAB01_RESULTS`). */
export function stepId(lab: Pick<Lab, 'id'>): string {
  return lab.id.replace(/-/g, '');
}

export interface WorkflowOptions {
  /** Grade with this course repository at this ref (tamper-proof), instead of the student's copy. */
  courseRepo?: string;
  courseRef?: string;
  nodeVersion?: string;
}

export function classroomWorkflow(labs: readonly Lab[], options: WorkflowOptions = {}): string {
  const pinned = Boolean(options.courseRepo);
  const node = options.nodeVersion ?? '22';
  const dir = pinned ? 'course' : '.';
  const target = pinned ? ' --target ../submission/labs' : '';
  const lines = [
    "# Grades every lab with the course's hidden checks and reports the points to GitHub Classroom.",
    '# Written by `npm run cohort -- export-template`; check it with `npm run cohort -- doctor <dir>`.',
    'name: Autograding Tests',
    "'on':",
    '  - push',
    '  - workflow_dispatch',
    '  - repository_dispatch',
    'permissions:',
    '  checks: write',
    '  actions: read',
    '  contents: read',
    'jobs:',
    '  run-autograding-tests:',
    '    runs-on: ubuntu-latest',
    "    if: github.actor != 'github-classroom[bot]'",
    '    timeout-minutes: 30',
    '    steps:',
  ];
  if (pinned) {
    lines.push(
      '      - name: Check out the submission',
      '        uses: actions/checkout@v4',
      '        with:',
      '          path: submission',
      "      - name: Check out the course (its hidden suites, never the student's copy)",
      '        uses: actions/checkout@v4',
      '        with:',
      `          repository: ${options.courseRepo}`,
      `          ref: ${options.courseRef ?? 'main'}`,
      '          path: course',
    );
  } else {
    lines.push('      - name: Check out the submission', '        uses: actions/checkout@v4');
  }
  lines.push(
    '      - uses: actions/setup-node@v4',
    '        with:',
    `          node-version: '${node}'`,
    '      - name: Install the grader',
    `        working-directory: ${dir}`,
    '        run: npm ci --no-audit --no-fund',
  );
  for (const lab of labs) {
    lines.push(
      `      - name: ${lab.id} ${lab.slug}`,
      `        id: ${stepId(lab)}`,
      `        working-directory: ${dir}`,
      '        # The grade command writes result=<base64> to $GITHUB_OUTPUT; a failing lab is not a failed step.',
      `        run: npm run -s grade -- ${lab.id}${target} --format classroom || true`,
    );
  }
  lines.push(
    '      - name: Keep the full results (npm run cohort -- collect merges these)',
    `        working-directory: ${dir}`,
    `        run: npm run -s grade --${target} --json > grade-results.json || true`,
    '      - uses: actions/upload-artifact@v4',
    '        with:',
    '          name: grade-results',
    `          path: ${pinned ? 'course/' : ''}grade-results.json`,
    '      - name: Autograding Reporter',
    '        uses: classroom-resources/autograding-grading-reporter@v1',
    '        env:',
    ...labs.map(
      (lab) =>
        `          ${stepId(lab).toUpperCase()}_RESULTS: "\${{ steps.${stepId(lab)}.outputs.result }}"`,
    ),
    '        with:',
    `          runners: ${labs.map(stepId).join(',')}`,
  );
  return `${lines.join('\n')}\n`;
}

/** Problems in a Classroom workflow, each with its fix. Empty when the workflow is sound. */
export function doctorWorkflow(text: string, labs: readonly Lab[]): string[] {
  const problems: string[] = [];
  let doc: Record<string, unknown>;
  try {
    doc = parseYaml(text) as Record<string, unknown>;
  } catch (error) {
    return [`the workflow is not valid YAML: ${(error as Error).message}`];
  }
  const permissions = (doc.permissions ?? {}) as Record<string, string>;
  if (permissions.checks !== 'write')
    problems.push(
      'permissions: checks must be "write" (the reporter updates the check run); add `permissions: { checks: write, actions: read, contents: read }`',
    );
  const jobs = (doc.jobs ?? {}) as Record<string, { steps?: Record<string, unknown>[] }>;
  const job = jobs['run-autograding-tests'];
  if (!job)
    return [
      ...problems,
      'no job with id "run-autograding-tests" (GitHub Classroom looks for it): regenerate with export-template',
    ];
  const steps = job.steps ?? [];
  if (!steps.some((s) => String(s.uses ?? '').startsWith('actions/checkout@')))
    problems.push('no actions/checkout step: the grader needs the repository');
  const setupNode = steps.find((s) => String(s.uses ?? '').startsWith('actions/setup-node@'));
  const nodeVersion = Number(
    String((setupNode?.with as Record<string, unknown> | undefined)?.['node-version'] ?? '0').split(
      '.',
    )[0],
  );
  if (!setupNode || nodeVersion < 20)
    problems.push(
      'set up Node.js 20.19 or later with actions/setup-node (node-version: 22 recommended)',
    );
  if (!steps.some((s) => /\bnpm (ci|install)\b/.test(String(s.run ?? ''))))
    problems.push('no step installs the grader (npm ci)');
  const reporter = steps.find((s) => /autograding-grading-reporter@/.test(String(s.uses ?? '')));
  if (!reporter)
    problems.push(
      'no classroom-resources/autograding-grading-reporter step: points will not reach GitHub Classroom',
    );
  const runners = String((reporter?.with as Record<string, unknown> | undefined)?.runners ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const env = (reporter?.env ?? {}) as Record<string, string>;
  for (const lab of labs) {
    const id = stepId(lab);
    const step = steps.find((s) => s.id === id);
    if (!step) {
      problems.push(`${lab.id}: no step with id "${id}" grading it`);
      continue;
    }
    const run = String(step.run ?? '');
    if (!new RegExp(`grade -- ${lab.id}\\b.*--format classroom`).test(run))
      problems.push(
        `${lab.id}: step "${id}" must run \`npm run -s grade -- ${lab.id} --format classroom\``,
      );
    if (!/\|\|\s*true\s*$/.test(run.trim()) && step['continue-on-error'] !== true)
      problems.push(
        `${lab.id}: a failing lab would stop the job before the reporter runs; end the command with "|| true"`,
      );
    if (reporter && !runners.includes(id))
      problems.push(`${lab.id}: the reporter's runners do not list "${id}"`);
    const envName = `${id.toUpperCase()}_RESULTS`;
    if (reporter && !String(env[envName] ?? '').includes(`steps.${id}.outputs.result`))
      problems.push(
        `${lab.id}: the reporter needs env ${envName}: "\${{ steps.${id}.outputs.result }}"`,
      );
  }
  for (const runner of runners) {
    if (!labs.some((l) => stepId(l) === runner))
      problems.push(`the reporter lists runner "${runner}", which is not a lab of this course`);
  }
  return problems;
}

const EXCLUDED = [
  /^solutions(\/|$)/,
  /^node_modules(\/|$)/,
  /^dist(\/|$)/,
  /^\.git(\/|$)/,
  /^\.github(\/|$)/,
  /^\.ci(\/|$)/,
  /^grader\/test(\/|$)/,
  /^\.course-progress\.json/,
  /^\.lab-backups(\/|$)/,
  /^\.vitepress\/(cache|dist)(\/|$)/,
  /^\.exp(\/|$)/,
];

function courseFiles(root: string): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
    })
      .split('\0')
      .filter(Boolean);
  } catch {
    const out: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = dir ? `${dir}/${entry.name}` : entry.name;
        if (EXCLUDED.some((x) => x.test(rel))) continue;
        if (entry.isDirectory()) walk(rel);
        else out.push(rel);
      }
    };
    walk('');
    return out;
  }
}

/**
 * The solution modules the site's own code imports (the cold-start simulator and the cost
 * calculator run the reference models of their labs, so the site cannot disagree with the lab),
 * with the relative imports they pull in. The student edition keeps these: without them its site
 * would not build, and the public site ships them in its JavaScript anyway.
 */
export function siteSolutionModules(root: string): string[] {
  const found = new Set<string>();
  const visit = (abs: string) => {
    const rel = path.relative(root, abs).split(path.sep).join('/');
    if (found.has(rel) || !existsSync(abs)) return;
    found.add(rel);
    for (const spec of importSpecifiers(readFileSync(abs, 'utf8')))
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(abs), spec));
  };
  const scan = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'cache' || entry.name === 'dist' || entry.name === 'node_modules')
        continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) scan(full);
      else if (/\.(ts|vue|md)$/.test(entry.name))
        for (const spec of importSpecifiers(readFileSync(full, 'utf8'))) {
          if (!spec.startsWith('.')) continue;
          const target = path.resolve(dir, spec);
          if (path.relative(root, target).startsWith(`solutions${path.sep}`)) visit(target);
        }
    }
  };
  scan(path.join(root, '.vitepress'));
  scan(path.join(root, 'docs'));
  return [...found].sort();
}

function importSpecifiers(code: string): string[] {
  return [
    ...code.matchAll(
      /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]/g,
    ),
  ].map((m) => (m[1] ?? m[2])!);
}

/** Replaces `<<< @/../solutions/…#region` includes with the code itself, so the site builds without solutions/. */
export function inlineSolutionIncludes(markdown: string, root: string): string {
  return markdown.replace(
    /^<<<\s+@\/\.\.\/(solutions\/[^\s#{]+)(#[\w-]+)?(\{[^}]*\})?\s*$/gm,
    (whole, file: string, region?: string) => {
      const full = path.join(root, file);
      if (!existsSync(full)) return whole;
      let code = readFileSync(full, 'utf8');
      if (region) {
        const name = region.slice(1);
        const match = new RegExp(
          `//\\s*#region ${name}\\b[^\\n]*\\n([\\s\\S]*?)\\n[ \\t]*//\\s*#endregion`,
        ).exec(code);
        if (match) code = match[1]!;
      }
      const lang = path.extname(file).slice(1) || 'text';
      const lines = code.split('\n');
      const indent = Math.min(
        ...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length),
      );
      return `\`\`\`${lang}\n${lines
        .map((l) => l.slice(indent))
        .join('\n')
        .trimEnd()}\n\`\`\``;
    },
  );
}

export interface ExportResult {
  files: number;
  workflow: string;
}

/** Writes the student edition: the course without solutions/ and the course's own tests, plus the workflow. */
export function exportTemplate(
  root: string,
  labs: readonly Lab[],
  outDir: string,
  options: WorkflowOptions = {},
): ExportResult {
  if (existsSync(outDir) && readdirSync(outDir).length > 0)
    throw new Error(`${outDir} is not empty: choose a new folder`);
  mkdirSync(outDir, { recursive: true });
  let files = 0;
  const kept = new Set(siteSolutionModules(root));
  for (const rel of courseFiles(root)) {
    if (EXCLUDED.some((x) => x.test(rel)) && !kept.has(rel)) continue;
    const from = path.join(root, rel);
    if (!existsSync(from) || !statSync(from).isFile()) continue;
    const to = path.join(outDir, rel);
    mkdirSync(path.dirname(to), { recursive: true });
    if (rel.endsWith('.md') && rel.startsWith('docs/'))
      writeFileSync(to, inlineSolutionIncludes(readFileSync(from, 'utf8'), root));
    else cpSync(from, to);
    files += 1;
  }
  // The student edition's own test command grades the labs (there are no solutions to prove).
  const pkgFile = path.join(outDir, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { scripts: Record<string, string> };
  pkg.scripts.test = 'node grader/bin/course.mjs grade';
  writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
  const workflow = path.join(outDir, '.github', 'workflows', 'classroom.yml');
  mkdirSync(path.dirname(workflow), { recursive: true });
  writeFileSync(workflow, classroomWorkflow(labs, options));
  return { files: files + 1, workflow };
}
