/**
 * Unit tests of the site's TypeScript: lab pages from manifests, the data formats, the saved
 * progress, and the build-time component checks.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadCourse } from '../../grader/src/manifest/load.ts';
import { loadSiteCourse } from '../lib/course.ts';
import {
  inlineHtml,
  readLabReadme,
  renderLabPage,
  rewriteReadmeLinks,
  siteRouteFor,
} from '../lib/lab-page.ts';
import { componentDataProblems } from '../lib/markdown-checks.ts';
import { findModule, labShortTitle } from '../lib/modules.ts';
import { parseDataFile, Quiz, Scenarios } from '../lib/quiz-schema.ts';
import { buildSidebar } from '../lib/sidebar.ts';
import { readableMinWidth } from '../theme/mermaid-size.ts';
import {
  type KeyValueStore,
  quizAnswerValidator,
  readAnswers,
  scoreQuiz,
  textSegments,
  writeAnswers,
} from '../theme/progress.ts';
import { ROOT, resolveRequest } from './site.ts';

const ctx = { root: ROOT, labDir: 'lab-01-hello-lambda' };

describe('lab pages', () => {
  it('turns a README link to a docs page into the site route', () => {
    expect(siteRouteFor('../../docs/modules/01-core-concepts/index.md', ctx)).toBe(
      '/modules/01-core-concepts/',
    );
    expect(siteRouteFor('../../docs/modules/01-core-concepts/index.md#the-context', ctx)).toBe(
      '/modules/01-core-concepts/#the-context',
    );
    expect(siteRouteFor('../../docs/cheat-sheet.md', ctx)).toBe('/cheat-sheet');
  });

  it('turns a link to another lab folder into its lab page', () => {
    expect(siteRouteFor('../lab-01-hello-lambda/README.md', ctx)).toBe('/labs/lab-01-hello-lambda');
    expect(siteRouteFor('../lab-01-hello-lambda/', ctx)).toBe('/labs/lab-01-hello-lambda');
  });

  it('keeps a link to a file that is not on the site as text with its repository path', () => {
    const out = rewriteReadmeLinks(
      'See [the template](../../solutions/lab-01-hello-lambda/template.yaml).',
      ctx,
    );
    expect(out).toBe(
      'See the template (`solutions/lab-01-hello-lambda/template.yaml` in the repository).',
    );
    expect(rewriteReadmeLinks('[src/handler.ts](src/handler.ts)', ctx)).toBe(
      '`labs/lab-01-hello-lambda/src/handler.ts`',
    );
  });

  it('leaves external links, anchors and code blocks alone', () => {
    const md = '[AWS](https://aws.amazon.com) [up](#top)\n\n```md\n[x](../../docs/a.md)\n```\n';
    expect(rewriteReadmeLinks(md, ctx)).toBe(md);
  });

  it('escapes hint text and keeps backtick spans as code', () => {
    expect(inlineHtml('use `a < b` & <b>')).toBe('use <code>a &lt; b</code> &amp; &lt;b&gt;');
  });

  it('renders every lab with its grade command, checks, points and folded hints', () => {
    const { labs } = loadCourse(ROOT);
    for (const lab of labs) {
      const md = renderLabPage({
        lab,
        labs,
        root: ROOT,
        readme: '# Title\n\nText [m](../../docs/modules/01-core-concepts/index.md)\n',
      });
      expect(md).toContain(`npm run grade ${lab.id}`);
      expect(md).toContain('<details class="lab-check__hints">');
      expect(md).toContain('(/modules/01-core-concepts/)');
      expect(md).not.toContain('# Title');
      expect(md.match(/class="lab-check"/g)?.length).toBe(
        lab.tasks.reduce((n, t) => n + t.checks.length, 0),
      );
    }
  });
});

describe('the lab manifests on the site', () => {
  it('fails the build on a broken lab folder, but only warns in the dev server', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'course-site-'));
    try {
      mkdirSync(path.join(root, 'labs', 'lab-09-half-written'), { recursive: true });
      expect(() => loadSiteCourse(root, true)).toThrow(/lab-09-half-written\/lab\.json: missing/);
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      expect(loadSiteCourse(root, false).labs).toEqual([]);
      expect(() => readLabReadme(root, 'lab-09-half-written', true)).toThrow(
        /README\.md is missing/,
      );
      expect(readLabReadme(root, 'lab-09-half-written', false)).toContain('::: danger');
    } finally {
      vi.restoreAllMocks();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the sidebar', () => {
  it('lists all nine modules, the cheat sheet, and each lab under its module', () => {
    const { labs } = loadCourse(ROOT);
    const sidebar = buildSidebar(labs);
    const modules = sidebar.find((g) => g.text === 'Modules')!.items!;
    expect(modules).toHaveLength(9);
    for (const lab of labs) {
      const under = modules[lab.module - 1]!.items ?? [];
      expect(under.map((i) => i.link)).toContain(`/labs/${lab.dir}`);
    }
    expect(JSON.stringify(sidebar)).toContain('"/cheat-sheet"');
  });

  it('names modules by number or folder and shortens lab titles', () => {
    expect(findModule(3)?.folder).toBe('03-cold-starts');
    expect(findModule('03')?.folder).toBe('03-cold-starts');
    expect(findModule('08-when-to-use')?.number).toBe(8);
    expect(findModule(10)).toBeUndefined();
    expect(labShortTitle('Hello, Lambda: an API Gateway handler')).toBe('Hello, Lambda');
  });
});

describe('knowledge check and scenario data', () => {
  const question = (id: string, correct: boolean[]) => ({
    id,
    question: 'Why?',
    choices: correct.map((c, i) => ({ text: `choice ${i}`, correct: c, why: 'because' })),
  });

  it('accepts a valid quiz', () => {
    const quiz = { questions: ['a', 'b', 'c', 'd', 'e'].map((id) => question(id, [true, false])) };
    expect(parseDataFile(Quiz, 'quiz.json', JSON.stringify(quiz)).questions).toHaveLength(5);
  });

  it('rejects a question with two correct choices, naming the file and the place', () => {
    const quiz = {
      questions: ['a', 'b', 'c', 'd', 'e'].map((id) => question(id, [true, id === 'c'])),
    };
    expect(() => parseDataFile(Quiz, 'docs/modules/x/quiz.json', JSON.stringify(quiz))).toThrow(
      /docs\/modules\/x\/quiz\.json[\s\S]*questions\.2\.choices: exactly one choice/,
    );
  });

  it('rejects fewer than five questions, duplicate ids, unknown keys and bad JSON', () => {
    const four = { questions: ['a', 'b', 'c', 'd'].map((id) => question(id, [true, false])) };
    expect(() => parseDataFile(Quiz, 'q.json', JSON.stringify(four))).toThrow(
      /at least 5 questions/,
    );
    const dup = { questions: ['a', 'a', 'c', 'd', 'e'].map((id) => question(id, [true, false])) };
    expect(() => parseDataFile(Quiz, 'q.json', JSON.stringify(dup))).toThrow(/unique/);
    const extra = {
      questions: ['a', 'b', 'c', 'd', 'e'].map((id) => ({
        ...question(id, [true, false]),
        hint: 'x',
      })),
    };
    expect(() => parseDataFile(Quiz, 'q.json', JSON.stringify(extra))).toThrow(/hint/);
    expect(() => parseDataFile(Quiz, 'q.json', '{')).toThrow(/q\.json is not valid JSON/);
  });

  it('validates scenarios', () => {
    const ok = {
      scenarios: [
        {
          id: 's',
          title: 'T',
          situation: 'S',
          best: 'vms',
          why: { serverless: 'a', containers: 'b', vms: 'c' },
        },
      ],
    };
    expect(parseDataFile(Scenarios, 's.json', JSON.stringify(ok)).scenarios[0]!.best).toBe('vms');
    const bad = { scenarios: [{ ...ok.scenarios[0], best: 'kubernetes' }] };
    expect(() => parseDataFile(Scenarios, 's.json', JSON.stringify(bad))).toThrow(
      /scenarios\.0\.best/,
    );
  });

  it('fails a page that uses a component whose data file is missing', () => {
    const docs = path.join(ROOT, 'docs');
    expect(
      componentDataProblems('<KnowledgeCheck module="01-core-concepts" />', 'p.md', docs),
    ).toEqual([]);
    expect(componentDataProblems('<KnowledgeCheck module="99-nope" />', 'p.md', docs)[0]).toMatch(
      /docs\/modules\/99-nope\/quiz\.json/,
    );
    expect(componentDataProblems('<ModuleLabs module="12" />', 'p.md', docs)[0]).toMatch(
      /names no course module/,
    );
  });
});

describe('saved progress', () => {
  class MemoryStore implements KeyValueStore {
    items = new Map<string, string>();
    getItem(key: string) {
      return this.items.get(key) ?? null;
    }
    setItem(key: string, value: string) {
      this.items.set(key, value);
    }
    removeItem(key: string) {
      this.items.delete(key);
    }
  }
  const quiz = {
    questions: [
      { id: 'a', choices: [{ correct: true }, { correct: false }] },
      { id: 'b', choices: [{ correct: false }, { correct: true }] },
    ],
  };

  it('round-trips answers and scores them', () => {
    const store = new MemoryStore();
    writeAnswers(store, 'k', { a: 0, b: 0 });
    const answers = readAnswers(store, 'k', quizAnswerValidator(quiz));
    expect(answers).toEqual({ a: 0, b: 0 });
    expect(scoreQuiz(quiz, answers)).toEqual({ answered: 2, correct: 1, total: 2 });
  });

  it('ignores saved answers that no longer fit the quiz, and unreadable storage', () => {
    const store = new MemoryStore();
    store.setItem('k', JSON.stringify({ a: 5, gone: 0, b: 1 }));
    expect(readAnswers(store, 'k', quizAnswerValidator(quiz))).toEqual({ b: 1 });
    store.setItem('k', 'not json');
    expect(readAnswers(store, 'k', quizAnswerValidator(quiz))).toEqual({});
    expect(readAnswers(undefined, 'k', quizAnswerValidator(quiz))).toEqual({});
  });

  it('splits backtick spans for rendering as code', () => {
    expect(textSegments('run `npm test` now')).toEqual([
      { code: false, text: 'run ' },
      { code: true, text: 'npm test' },
      { code: false, text: ' now' },
    ]);
  });
});

describe('the test server', () => {
  it('maps clean URLs to the built files', () => {
    const dist = path.join(ROOT, '.vitepress', 'dist');
    expect(resolveRequest('/')).toBe(path.join(dist, 'index.html'));
    expect(resolveRequest('/labs/')).toBe(path.join(dist, 'labs', 'index.html'));
    expect(resolveRequest('/cheat-sheet')).toBe(path.join(dist, 'cheat-sheet.html'));
    expect(resolveRequest('/../package.json')).toBeUndefined();
  });
});

describe('diagram sizing', () => {
  it('lets a diagram shrink to 60% of its natural width, then scroll', () => {
    expect(readableMinWidth('1000px')).toBe('600px');
    expect(readableMinWidth('')).toBe('');
  });
});
