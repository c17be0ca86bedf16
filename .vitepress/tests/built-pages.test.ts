/**
 * Checks of the built HTML (no browser needed): what every page must or must not contain.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../grader/src/manifest/load.ts';
import { MODULES } from '../lib/modules.ts';
import { builtPages, DIST, pageText, ROOT } from './site.ts';

/** Box-drawing and block characters: diagrams are Mermaid, never ASCII art. */
const BOX_DRAWING = /[\u2500-\u259F]/;

/** Terms the built module pages must teach (across all modules). */
const KEY_TERMS = [
  'cold start',
  'provisioned concurrency',
  'execution context',
  'Durable Objects',
  'partial batch response',
  'Step Functions',
  'EventBridge',
  'Vercel',
  'SnapStart',
  'event source mapping',
  'nodejs22.x',
  'nodejs24.x',
];

const modulePage = (folder: string) => `modules/${folder}/index.html`;

describe('the built site', () => {
  const pages = builtPages();

  it('has a page for the home, every module, the cheat sheet, the labs index and every lab', () => {
    const { labs } = loadCourse(ROOT);
    const expected = [
      'index.html',
      'cheat-sheet.html',
      'labs/index.html',
      ...MODULES.map((m) => modulePage(m.folder)),
      ...labs.map((l) => `labs/${l.dir}.html`),
    ];
    for (const page of expected) expect(pages, page).toContain(page);
  });

  it('contains no ASCII box-drawing characters on any page', () => {
    const offenders = pages
      .map((page) => {
        const html = readFileSync(path.join(DIST, page), 'utf8');
        const at = html.search(BOX_DRAWING);
        return at < 0 ? undefined : `${page}: "${html.slice(Math.max(0, at - 40), at + 40)}"`;
      })
      .filter(Boolean);
    expect(offenders).toEqual([]);
  });

  it('teaches the key terms on the module pages', () => {
    const text = MODULES.map((m) => pageText(modulePage(m.folder)))
      .join(' ')
      .toLowerCase();
    const missing = KEY_TERMS.filter((term) => !text.includes(term.toLowerCase()));
    expect(missing).toEqual([]);
  });

  it('gives each of modules 1–4 its own core terms', () => {
    const expectations: Record<string, string[]> = {
      '01-core-concepts': [
        'FaaS',
        'BaaS',
        'execution context',
        'cold start',
        'containers',
        'virtual machines',
      ],
      '02-providers-and-platforms': [
        'Durable Objects',
        'Vercel',
        'provisioned concurrency',
        'reserved concurrency',
        'nodejs22.x',
        'Cloud Run',
      ],
      '03-cold-starts': [
        'Init Duration',
        'SnapStart',
        'provisioned concurrency',
        'Hyperplane',
        'lambda-perf',
        'non-deterministic',
      ],
      '04-event-sources': [
        'partial batch response',
        'ReportBatchItemFailures',
        'EventBridge',
        'FailedEntryCount',
        'Step Functions',
        'recursive',
      ],
    };
    for (const [folder, terms] of Object.entries(expectations)) {
      const text = pageText(modulePage(folder)).toLowerCase();
      const missing = terms.filter((t) => !text.includes(t.toLowerCase()));
      expect(missing, folder).toEqual([]);
    }
  });

  it("puts a knowledge check and the module's labs on every module page", () => {
    for (const module of MODULES) {
      const html = readFileSync(path.join(DIST, modulePage(module.folder)), 'utf8');
      expect(html, module.folder).toContain('class="knowledge-check"');
      expect(html, module.folder).toContain('class="module-labs"');
    }
  });

  it('says "as of" next to the changing numbers of modules 1–4', () => {
    for (const module of MODULES.slice(0, 4)) {
      const text = pageText(modulePage(module.folder));
      expect(text.match(/as of/gi)?.length ?? 0, module.folder).toBeGreaterThanOrEqual(3);
    }
  });
});
