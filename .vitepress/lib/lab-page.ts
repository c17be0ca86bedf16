/**
 * Turns a lab's manifest and README into the markdown of its site page
 * (`docs/labs/[lab].paths.ts` feeds the result to VitePress as the page content).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Lab } from '../../grader/src/manifest/schema.ts';
import { findModule, labLabel, labRoute, moduleRoute } from './modules.ts';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** Escapes text for HTML and turns `backtick spans` into <code>, the only markup hints use. */
export function inlineHtml(text: string): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part) =>
      part.length > 2 && part.startsWith('`') && part.endsWith('`')
        ? `<code>${escapeHtml(part.slice(1, -1))}</code>`
        : escapeHtml(part),
    )
    .join('');
}

export interface LinkContext {
  /** The repository root, to tell which docs pages exist. */
  root: string;
  /** The lab folder name, e.g. `lab-01-hello-lambda`: README links are relative to it. */
  labDir: string;
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i;

/**
 * Where a README link target goes on the site, or `undefined` when the file it names is not
 * part of the site (a starter, a solution, a template): those stay as plain text.
 */
export function siteRouteFor(target: string, ctx: LinkContext): string | undefined {
  const hashAt = target.indexOf('#');
  const hash = hashAt >= 0 ? target.slice(hashAt) : '';
  const file = hashAt >= 0 ? target.slice(0, hashAt) : target;
  const fromRoot = path.posix.normalize(path.posix.join('labs', ctx.labDir, file));
  if (fromRoot.startsWith('docs/')) {
    const page = fromRoot.slice('docs/'.length);
    if (page.endsWith('index.md')) return `/${page.slice(0, -'index.md'.length)}${hash}`;
    if (page.endsWith('.md')) return `/${page.slice(0, -'.md'.length)}${hash}`;
    if (existsSync(path.join(ctx.root, 'docs', page, 'index.md')))
      return `/${page.replace(/\/?$/, '/')}${hash}`;
    return undefined;
  }
  const lab = /^labs\/([^/]+)(?:\/(?:README\.md)?)?$/.exec(fromRoot);
  if (lab && existsSync(path.join(ctx.root, 'labs', lab[1]!, 'lab.json')))
    return `${labRoute(lab[1]!)}${hash}`;
  return undefined;
}

/** The repository path a relative README link points at (for the plain-text fallback). */
function repoPath(target: string, labDir: string): string {
  const file = target.replace(/#.*$/, '');
  return path.posix.normalize(path.posix.join('labs', labDir, file));
}

const LINK = /(!?)\[([^\]\n]*)\]\(([^)\s]+)(\s+"[^"]*")?\)/g;

/**
 * Rewrites the relative links of a README (written for GitHub and editors, e.g.
 * `../../docs/modules/01-core-concepts/index.md`) into site routes. A link to a file that is
 * not on the site becomes its text followed by the repository path, so no link is dead.
 * Fenced code blocks are left alone.
 */
export function rewriteReadmeLinks(markdown: string, ctx: LinkContext): string {
  const parts = markdown.split(/^((?:```|~~~)[^\n]*\n[\s\S]*?^(?:```|~~~)[ \t]*$)/m);
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return part;
      return part.replace(
        LINK,
        (whole, bang: string, text: string, target: string, title: string | undefined) => {
          if (EXTERNAL.test(target) || target.startsWith('/')) return whole;
          const route = siteRouteFor(target, ctx);
          if (route && !bang) return `[${text}](${route}${title ?? ''})`;
          const where = repoPath(target, ctx.labDir);
          const label = text.replaceAll('`', '');
          if (label === where || label === target || label === '') return `\`${where}\``;
          return `${text} (\`${where}\` in the repository)`;
        },
      );
    })
    .join('');
}

/** Removes the README's own first-level title: the page has its own, from the manifest. */
export function dropTitle(markdown: string): string {
  return markdown.replace(/^\s*# [^\n]*\n/, '');
}

/** Text safe inside a markdown table cell. */
function tableCell(text: string): string {
  return escapeHtml(text).replaceAll('|', '\\|');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * A lab's README text. A missing README fails a build (NODE_ENV=production); in the dev
 * server, where a lab may be half-written, the page says what is missing instead.
 */
export function readLabReadme(
  root: string,
  dir: string,
  strict = process.env.NODE_ENV === 'production',
): string {
  const file = path.join(root, 'labs', dir, 'README.md');
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const message = `labs/${dir}/README.md is missing: every lab needs its text (goal, background, numbered tasks).`;
  if (strict) throw new Error(`The site cannot be built: ${message}`);
  return `::: danger Lab text missing\n${message}\n:::\n`;
}

export interface LabPageInput {
  lab: Lab;
  readme: string;
  /** Every lab, to link the prerequisites. */
  labs: readonly Lab[];
  root: string;
}

/** The full markdown of a lab page. */
export function renderLabPage({ lab, readme, labs, root }: LabPageInput): string {
  const module = findModule(lab.module);
  const moduleLink = module
    ? `[Module ${module.number} · ${module.title}](${moduleRoute(module)})`
    : `[Module ${lab.module}](${lab.docs})`;
  const prerequisites = lab.prerequisites.length
    ? lab.prerequisites
        .map((id) => {
          const other = labs.find((l) => l.id === id);
          return other
            ? `[${labLabel(id)} · ${tableCell(other.title)}](${labRoute(other.dir)})`
            : id;
        })
        .join(', ')
    : 'none';
  const files = lab.files.map((f) => `\`labs/${lab.dir}/${f}\``).join(', ');
  const checkCount = lab.tasks.reduce((n, t) => n + t.checks.length, 0);

  const tasks = lab.tasks
    .map((task) => {
      const points = task.checks.reduce((n, c) => n + c.points, 0);
      const checks = task.checks
        .map((check) => {
          const hints = check.hints.map((h) => `<li>${inlineHtml(h)}</li>`).join('');
          return `<li class="lab-check"><span class="lab-check__title">${inlineHtml(check.title)}</span> <span class="lab-check__points">${plural(check.points, 'point')}</span><details class="lab-check__hints"><summary>${check.hints.length === 1 ? 'Hint' : `Hints (${check.hints.length})`}</summary><ol>${hints}</ol></details></li>`;
        })
        .join('');
      return `<section class="lab-task"><p class="lab-task__title"><strong>${inlineHtml(task.title)}</strong> <span class="lab-task__points">${plural(points, 'point')}</span></p><ul class="lab-checks">${checks}</ul></section>`;
    })
    .join('\n');

  const body = dropTitle(rewriteReadmeLinks(readme, { root, labDir: lab.dir })).trim();

  // v-pre: the page is data, not a Vue template, so a `{{` in a README or hint stays text.
  return `<div v-pre class="lab-page">

# ${labLabel(lab.id)} · ${escapeHtml(lab.title)}

<p class="lab-page__summary">${inlineHtml(lab.summary)}</p>

| Module | Time | Checks | Prerequisites |
| --- | --- | --- | --- |
| ${moduleLink} | about ${lab.minutes} min | ${checkCount} (${plural(lab.maxScore, 'point')}) | ${prerequisites} |

::: tip Grade this lab
\`\`\`sh
npm run grade ${lab.id}
\`\`\`
Edit ${files}, then run the command: each check below passes or fails with a hint. \`npm run hint ${lab.id}\` shows the next hint, \`npm run grade -- ${lab.id} --watch\` grades on every save.
:::

## Checks and points

The grader runs these checks against your code. Open a hint only when you are stuck: the first
is the gentlest.

${tasks}

${body}

</div>
`;
}
