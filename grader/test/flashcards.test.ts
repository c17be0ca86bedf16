/**
 * The flashcards: the card schema and the deck loader, the deck's content checks, FSRS
 * scheduling on a fake clock, the review session driven through stdin (and through a real
 * pseudo-terminal), --from-failures, and the exports.
 */
import { spawn, spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli/usage.ts';
import { checkContent } from '../src/content/check.ts';
import { checkDeck, pageAnchors, slugify } from '../src/flashcards/check.ts';
import { flashcardsCommand } from '../src/flashcards/command.ts';
import {
  type DeckProblem,
  loadDeck,
  MODULE_FOLDERS,
  parseCardsFile,
} from '../src/flashcards/deck.ts';
import { ankiField, exportAnki } from '../src/flashcards/export.ts';
import { FACTS, findFact, missingValues, wrongFigures } from '../src/flashcards/facts.ts';
import {
  linesAsParagraphs,
  markdownToHtml,
  markdownToTerminal,
  visibleLength,
} from '../src/flashcards/markdown.ts';
import { keyFromLine, keyFromPress } from '../src/flashcards/review.ts';
import {
  formatInterval,
  isDue,
  previewGrades,
  retrievability,
  review,
  summarise,
} from '../src/flashcards/scheduler.ts';
import { resolveModule } from '../src/flashcards/select.ts';
import { nextCard, recordGrade, sessionCounts, startSession } from '../src/flashcards/session.ts';
import { emptyDeckState, parseDeckState } from '../src/flashcards/state.ts';
import type { Course } from '../src/manifest/load.ts';
import type { Lab } from '../src/manifest/schema.ts';
import type { LabResult } from '../src/model/result.ts';
import { renderLab } from '../src/reporters/terminal.ts';
import { PROGRESS_FILE, readProgress, writeProgress } from '../src/state/progress.ts';
import { ROOT } from './helpers.ts';

const FIXTURE = path.join(ROOT, 'grader', 'test', 'fixtures', 'flashcards', 'course');
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of the fixture course (its small deck and module pages). */
function fixtureCourse(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flashcards-'));
  temps.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

function courseAt(root: string, labs: Lab[] = []): Course {
  return { root, labs, problems: [] };
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const T0 = new Date('2026-11-26T09:00:00Z');

function parse(yaml: string): {
  cards: ReturnType<typeof parseCardsFile>;
  problems: DeckProblem[];
} {
  const problems: DeckProblem[] = [];
  const cards = parseCardsFile(
    yaml,
    '03-cold-starts',
    'docs/modules/03-cold-starts/cards.yaml',
    problems,
  );
  return { cards, problems };
}

const GOOD = `- id: cold-start-init-phase
  kind: concept
  level: intermediate
  tags: [lambda, init]
  front: What runs in INIT?
  back: Your module code.
  source: /modules/03-cold-starts/
`;

describe('the card schema and the deck loader', () => {
  it('accepts a card and takes the module from the folder', () => {
    const { cards, problems } = parse(GOOD);
    expect(problems).toEqual([]);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({
      id: 'cold-start-init-phase',
      module: '03-cold-starts',
      level: 'intermediate',
      tags: ['lambda', 'init'],
      origin: { file: 'docs/modules/03-cold-starts/cards.yaml', line: 1 },
    });
  });

  it('refuses bad cards, naming the card, the field and the line', () => {
    const { cards, problems } = parse(`${GOOD}
- id: Not-Kebab
  kind: concept
  level: basic
  tags: [a]
  front: "  "
  back: fine
  source: /modules/03-cold-starts/
- id: typo-field
  kind: opinion
  level: expert
  tags: [a, b, c, d, e, f]
  front: Q
  back: A
  sorce: /x
- id: timed-concept
  kind: concept
  level: basic
  tags: [a, a]
  front: Q
  back: A
  source: modules/no-slash
  minutes: 3
  asOf: 2025-13
- just a string
`);
    // Prepare/Act happen in parse(); Assess:
    expect(cards.map((c) => c.id)).toEqual(['cold-start-init-phase']);
    const text = problems.map((p) => `${p.file} ${p.message}`).join('\n');
    expect(text).toMatch(/cards\.yaml:9 card "Not-Kebab": id: use kebab-case/);
    expect(text).toMatch(/cards\.yaml:13 card "Not-Kebab": front: must not be empty/);
    expect(text).toMatch(/card "typo-field": kind: /);
    expect(text).toMatch(/card "typo-field": level: /);
    expect(text).toMatch(/card "typo-field": tags: give at most 5 tags/);
    expect(text).toMatch(/card "typo-field": card: Unrecognized key: "sorce"/);
    expect(text).toMatch(/card "typo-field": source: /);
    expect(text).toMatch(/card "timed-concept": minutes: only scenario cards have a time box/);
    expect(text).toMatch(/card "timed-concept": tags: a tag is repeated/);
    expect(text).toMatch(/card "timed-concept": source: a site route starting with "\/"/);
    expect(text).toMatch(/card "timed-concept": asOf: write the month/);
    expect(text).toMatch(/card #5 is not a mapping of fields/);
    expect(problems.every((p) => p.fix.length > 15)).toBe(true);
  });

  it('reports YAML that does not parse, with its line, and a file that is not a list', () => {
    expect(parse('- id: a\n  front: x: y\n').problems[0]).toMatchObject({
      file: 'docs/modules/03-cold-starts/cards.yaml:2',
      message: expect.stringMatching(/^not valid YAML/),
    });
    expect(parse('id: a\n').problems[0]?.message).toMatch(/not a YAML list of cards/);
    expect(parse('').problems).toEqual([]);
  });

  it('loads the deck module by module, refusing duplicate ids and unknown module folders', () => {
    // Prepare
    const root = fixtureCourse();
    mkdirSync(path.join(root, 'docs', 'modules', '10-extra'));
    writeFileSync(path.join(root, 'docs', 'modules', '10-extra', 'cards.yaml'), GOOD);
    writeFileSync(
      path.join(root, 'docs', 'modules', '03-cold-starts', 'cards.yaml'),
      `${readFileSync(path.join(FIXTURE, 'docs/modules/03-cold-starts/cards.yaml'), 'utf8')}\n${GOOD.replace('cold-start-init-phase', 'core-proxy-integration')}`,
    );
    // Act
    const deck = loadDeck(root);
    // Assess
    expect(deck.files).toEqual(['01-core-concepts', '03-cold-starts']);
    expect(deck.cards.map((c) => `${c.module}/${c.id}`)).toEqual([
      '01-core-concepts/core-proxy-integration',
      '01-core-concepts/core-execution-context',
      '01-core-concepts/lambda-async-payload-limit',
      '01-core-concepts/core-tabs-and-code',
      '03-cold-starts/cold-start-init-phase',
      '03-cold-starts/cold-start-checkout-scenario',
    ]);
    expect(deck.problems.map((p) => `${p.file}: ${p.message}`)).toEqual([
      'docs/modules/10-extra/cards.yaml: "10-extra" is not a course module folder, so these cards belong to no module',
      'docs/modules/03-cold-starts/cards.yaml:26: duplicate card id "core-proxy-integration" (also at docs/modules/01-core-concepts/cards.yaml:2)',
    ]);
  });
});

describe('the deck content checks', () => {
  it('passes the fixture deck, apart from the modules it has no cards for', () => {
    const problems = checkDeck(fixtureCourse(), [], { now: T0 });
    expect(problems.map((p) => p.message)).toEqual([
      'module 02-providers-and-platforms has no flashcards',
      'module 04-event-sources has no flashcards',
      'module 05-patterns has no flashcards',
      'module 06-limits-and-gotchas has no flashcards',
      'module 07-cost has no flashcards',
      'module 08-when-to-use has no flashcards',
      'module 09-interview-prep has no flashcards',
    ]);
  });

  it('reports every deck problem at once, each with a fix', () => {
    // Prepare: one of each mistake.
    const root = fixtureCourse();
    writeFileSync(
      path.join(root, 'docs', 'modules', '03-cold-starts', 'cards.yaml'),
      `- id: core-proxy-integration
  kind: concept
  level: basic
  tags: [dup]
  front: A duplicate id.
  back: Same id as a module 1 card.
  source: /modules/03-cold-starts/
- id: empty-back
  kind: concept
  level: basic
  tags: [x]
  front: An empty back.
  back: ""
  source: /modules/03-cold-starts/
- id: bad-links
  kind: concept
  level: basic
  tags: [x]
  front: Links to nowhere.
  back: See [the page](/modules/03-cold-starts/#no-such-heading) and [this](/nowhere).
  source: /modules/99-missing/
- id: number-without-date
  kind: number
  level: basic
  tags: [x]
  front: How long can a function run?
  back: 15 min.
  source: /modules/03-cold-starts/#where-the-time-goes
- id: wrong-async-limit
  kind: number
  level: basic
  tags: [x]
  front: How big can an async event be?
  back: 256 KB for an asynchronous invocation.
  source: /modules/03-cold-starts/
  asOf: 2026-01
  facts: [lambda-async-payload, no-such-fact]
- id: future-date
  kind: number
  level: basic
  tags: [x]
  front: INIT billing?
  back: Billed since 1 Aug 2025; serverless is 150x cheaper than Fargate at ~$30/month.
  source: /modules/03-cold-starts/
  asOf: 2027-03
  facts: [lambda-init-billing-start]
- id: changing-fact-no-date
  kind: concept
  level: basic
  tags: [x]
  front: Current Node runtime?
  back: nodejs22.x, and nodejs18.x was retired on 1 Sep 2025.
  source: /modules/03-cold-starts/
  facts: [nodejs-runtime-current]
`,
    );
    const lab = {
      id: 'lab-03',
      dir: 'lab-03-sample',
      module: 3,
      tasks: [
        {
          title: '1. Task',
          checks: [{ title: 'a check', cards: ['core-execution-context', 'no-such-card'] }],
        },
      ],
    } as unknown as Lab;
    // Act
    const problems = checkDeck(root, [lab], { now: T0 });
    // Assess
    const text = problems.map((p) => `${p.file}: ${p.message}`).join('\n');
    expect(text).toMatch(/cards\.yaml:1: duplicate card id "core-proxy-integration"/);
    expect(text).toMatch(/cards\.yaml:13: card "empty-back": back: must not be empty/);
    expect(text).toMatch(/card "bad-links": source \/modules\/99-missing\/ is not a page/);
    expect(text).toMatch(
      /card "bad-links": link \/modules\/03-cold-starts\/#no-such-heading: the page has no heading with the anchor #no-such-heading/,
    );
    expect(text).toMatch(/card "bad-links": link \/nowhere is not a page/);
    expect(text).toMatch(
      /card "number-without-date" states a number \(kind: number\) but has no asOf/,
    );
    expect(text).toMatch(
      /card "wrong-async-limit" lists the fact "lambda-async-payload" \(.*\) but does not say "1 MB"/,
    );
    expect(text).toMatch(
      /card "wrong-async-limit" lists the fact "no-such-fact", which the facts registry/,
    );
    expect(text).toMatch(/card "wrong-async-limit" says "256 KB"/);
    expect(text).toMatch(/card "future-date": asOf 2027-03 is in the future/);
    expect(text).toMatch(/card "future-date" says "150x"/);
    expect(text).toMatch(/card "future-date" says "\$30\/month"/);
    expect(text).not.toMatch(/card "future-date" lists the fact/);
    expect(text).toMatch(
      /card "changing-fact-no-date" states "nodejs-runtime-current", a figure that changes, but has no asOf/,
    );
    expect(text).not.toMatch(/changing-fact-no-date" says/); // "was retired" frames nodejs18.x
    expect(text).toMatch(
      /labs\/lab-03-sample\/lab\.json: check "a check" names the flashcard "no-such-card", which no card has/,
    );
    expect(text).not.toMatch(/"core-execution-context", which no card has/);
    const anchorFix = problems.find((p) => p.message.includes('#no-such-heading'))!.fix;
    expect(anchorFix).toContain('#where-the-time-goes, #where-the-time-goes-1');
    expect(problems.every((p) => p.fix.length > 15)).toBe(true);
  });

  it('is part of the content checker, and says so when the course has no deck at all', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'flashcards-empty-'));
    temps.push(root);
    const problems = checkContent(courseAt(root), { suites: new Map() });
    expect(problems.map((p) => p.message)).toContain('the course has no flashcards');
    expect(
      checkContent(courseAt(fixtureCourse()), { suites: new Map() }).map((p) => p.message),
    ).toContain('module 07-cost has no flashcards');
  });

  it('computes the anchors VitePress gives headings', () => {
    expect(slugify('Do less at INIT: load the rare paths lazily')).toBe(
      'do-less-at-init-load-the-rare-paths-lazily',
    );
    expect(slugify('Scheduled "warmer" pings')).toBe('scheduled-warmer-pings');
    expect(slugify('1. First step')).toBe('_1-first-step');
    const anchors = pageAnchors(
      '# Title\n## Same\n## Same\n```md\n## Not a heading\n```\n## Custom {#mine}\n## `code` and [link](/x)\n<div id="html-id"></div>',
    );
    expect([...anchors]).toEqual(['title', 'same', 'same-1', 'mine', 'code-and-link', 'html-id']);
  });
});

describe('the facts registry', () => {
  it('knows the FACTS.md figures the deck format names, with sources', () => {
    for (const id of [
      'lambda-async-payload',
      'lambda-pc-rate-us-east-1',
      'fargate-half-vcpu-1gb-month',
      'lambda-scaling-rate',
      'nodejs-runtime-current',
    ])
      expect(findFact(id), id).toBeDefined();
    expect(new Set(FACTS.map((f) => f.id)).size).toBe(FACTS.length);
    expect(FACTS.every((f) => f.values.length > 0 && f.source.includes('FACTS.md'))).toBe(true);
  });

  it('finds the canonical values in their usual spellings', () => {
    const fact = (id: string) => findFact(id)!;
    expect(
      missingValues(fact('lambda-scaling-rate'), '1,000 environments every 10 seconds'),
    ).toEqual([]);
    expect(missingValues(fact('lambda-scaling-rate'), '**1000** per `10 s`')).toEqual([]);
    expect(missingValues(fact('lambda-async-payload'), 'up to 1\u00a0MB')).toEqual([]);
    expect(missingValues(fact('lambda-async-payload'), 'up to 0.1 MB or 11 MB')).toHaveLength(1);
    expect(missingValues(fact('fargate-half-vcpu-1gb-month'), 'about $18.02 a month')).toEqual([]);
    expect(missingValues(fact('lambda-pc-rate-us-east-1'), '$0.000004646 per GB-s')).toHaveLength(
      1,
    );
  });

  it('flags known-wrong figures unless the sentence frames them as old or wrong', () => {
    const ids = (text: string) => wrongFigures(text).map((h) => h.figure.id);
    expect(ids('Async invocations take 256 KB.')).toEqual(['async-payload-256-kb']);
    expect(ids('Async payloads used to be 256 KB. Now 1 MB.')).toEqual([]);
    expect(ids('An SNS message is at most 256 KB.')).toEqual([]);
    expect(ids('Provisioned concurrency costs $0.000004646 per GB-s in us-east-1.')).toEqual([
      'pc-rate-wrong-region',
    ]);
    expect(ids('$0.000004646 per GB-s is the eu-west-1 rate.')).toEqual([]);
    expect(ids('Use nodejs18.x.\nStreaming responses go to 20 MB.')).toEqual([
      'nodejs-old-runtime-current',
      'streaming-20-mb',
    ]);
    expect(ids('A VPC adds 1–2 s to every cold start.')).toEqual(['vpc-cold-start-penalty']);
    expect(ids('Environments stay warm for 5–15 minutes.')).toEqual(['keep-alive-5-15-min']);
    expect(ids('"Warm for 5–15 minutes" is folklore: the time is non-deterministic.')).toEqual([]);
    expect(ids('Java takes 3–10 s to start.')).toEqual(['java-dotnet-cold-start-seconds']);
    expect(ids('Java with Spring can take 3–10 s to start.')).toEqual([]);
  });
});

describe('scheduling (FSRS on a fake clock)', () => {
  it('brings a forgotten card back in a minute and an easy one days later', () => {
    const again = review(emptyDeckState(), 'a', 1, T0);
    const good = review(emptyDeckState(), 'a', 3, T0);
    const easy = review(emptyDeckState(), 'a', 4, T0);
    const dueIn = (state: typeof again) => Date.parse(state.cards.a!.due) - T0.getTime();
    expect(dueIn(again)).toBe(MINUTE);
    expect(dueIn(good)).toBe(10 * MINUTE);
    expect(dueIn(easy)).toBeGreaterThanOrEqual(2 * DAY);
    expect(isDue(again, 'a', new Date(T0.getTime() + 30_000))).toBe(false);
    expect(isDue(again, 'a', new Date(T0.getTime() + MINUTE))).toBe(true);
    // Graduating: Good twice, then the interval grows with each Good.
    let state = review(good, 'a', 3, new Date(T0.getTime() + 10 * MINUTE));
    const first = Date.parse(state.cards.a!.due);
    expect(first - T0.getTime()).toBeGreaterThanOrEqual(DAY);
    state = review(state, 'a', 3, new Date(first));
    expect(Date.parse(state.cards.a!.due) - first).toBeGreaterThan(first - T0.getTime());
    expect(state.log.map((e) => [e.rating, e.state])).toEqual([
      [3, 0],
      [3, 1],
      [3, 2],
    ]);
  });

  it('does not change the state it is given', () => {
    const state = emptyDeckState();
    review(state, 'a', 3, T0);
    expect(state).toEqual(emptyDeckState());
  });

  it('round-trips the state through JSON and schedules the same afterwards', () => {
    const state = review(review(emptyDeckState(), 'a', 3, T0), 'b', 2, T0);
    const copy = parseDeckState(JSON.parse(JSON.stringify(state)));
    expect(copy).toEqual(state);
    const later = new Date(T0.getTime() + 3 * DAY);
    expect(review(copy, 'a', 3, later)).toEqual(review(state, 'a', 3, later));
    expect(previewGrades(copy.cards.a, later)).toEqual(previewGrades(state.cards.a, later));
    expect(retrievability(copy.cards.a, later)).toBeCloseTo(retrievability(state.cards.a, later));
  });

  it('drops damaged entries and keeps the rest', () => {
    const good = review(emptyDeckState(), 'a', 3, T0);
    const parsed = parseDeckState({
      cards: { ...good.cards, broken: { due: 'never' }, other: 42 },
      log: [...good.log, { card: 'a', rating: 9 }],
    });
    expect(Object.keys(parsed.cards)).toEqual(['a']);
    expect(parsed.log).toHaveLength(1);
    expect(parseDeckState('garbage')).toEqual(emptyDeckState());
  });

  it('previews each grade as an interval', () => {
    const preview = previewGrades(undefined, T0);
    expect([1, 2, 3, 4].map((g) => preview[g as 1 | 2 | 3 | 4].interval)).toEqual([
      '1m',
      '6m',
      '10m',
      expect.stringMatching(/^\d+d$/),
    ]);
    expect(formatInterval(30_000)).toBe('<1m');
    expect(formatInterval(3 * 3_600_000)).toBe('3h');
    expect(formatInterval(90 * DAY)).toBe('3mo');
    expect(formatInterval(500 * DAY)).toBe('1.4y');
  });

  it('summarises due, new, reviewed today and retention', () => {
    // Prepare: a and b seen yesterday; today a forgotten, b recalled; c never seen.
    const yesterday = new Date(T0.getTime() - DAY);
    let state = review(review(emptyDeckState(), 'a', 4, yesterday), 'b', 4, yesterday);
    state = review(state, 'a', 1, T0);
    state = review(state, 'b', 3, T0);
    // Act
    const summary = summarise(['a', 'b', 'c'], state, new Date(T0.getTime() + 11 * MINUTE));
    // Assess
    expect(summary).toMatchObject({ total: 3, due: 1, new: 1, reviewedToday: 2 });
    expect(summary.retention).toEqual({ recalled: 1, reviews: 2, rate: 0.5 });
    expect(summarise(['c'], state, T0).retention.rate).toBeNull();
  });
});

describe('a review session', () => {
  it('shows failed-check cards first, then due, then new up to the limit, then learning', () => {
    // Prepare: a due, b and c and d new, e a focus card not due.
    let state = review(emptyDeckState(), 'a', 3, new Date(T0.getTime() - DAY));
    state = review(state, 'e', 4, new Date(T0.getTime() - DAY));
    let session = startSession({ ids: ['a', 'b', 'c', 'd', 'e'], newLimit: 1, focus: ['e'] });
    const order: string[] = [];
    let now = T0;
    // Act: grade everything Good, a minute apart.
    for (let step = 0; step < 10; step++) {
      const next = nextCard(session, state, now);
      if (!next) break;
      order.push(`${next.id}:${next.reason}`);
      const wasNew = !state.cards[next.id];
      state = review(state, next.id, 3, now);
      session = recordGrade(session, next.id, wasNew);
      now = new Date(now.getTime() + MINUTE);
    }
    // Assess
    expect(order).toEqual(['e:focus', 'a:due', 'b:new', 'b:learning']);
    expect(sessionCounts(session, state, now)).toEqual({
      done: 4,
      focus: 0,
      due: 0,
      new: 0,
      total: 4,
    });
  });

  it('resolves modules by number, folder or name', () => {
    expect(resolveModule('3')?.folder).toBe('03-cold-starts');
    expect(resolveModule('03')?.folder).toBe('03-cold-starts');
    expect(resolveModule('cold-starts')?.folder).toBe('03-cold-starts');
    expect(resolveModule('03-cold-starts')?.folder).toBe('03-cold-starts');
    expect(resolveModule('42')).toBeUndefined();
  });

  it('reads keys from lines and from keypresses alike', () => {
    expect(['', 'space', ' '].map((l) => keyFromLine(l).kind)).toEqual(['flip', 'flip', 'flip']);
    expect(keyFromLine('3')).toEqual({ kind: 'grade', grade: 3 });
    expect(keyFromLine('easy')).toEqual({ kind: 'grade', grade: 4 });
    expect(keyFromLine('q').kind).toBe('quit');
    expect(keyFromLine('?').kind).toBe('help');
    expect(keyFromPress(' ', { name: 'space' }).kind).toBe('flip');
    expect(keyFromPress('1', { name: '1' })).toEqual({ kind: 'grade', grade: 1 });
    expect(keyFromPress('\u0003', { name: 'c', ctrl: true }).kind).toBe('interrupt');
  });
});

/** Runs the command in-process with keys on stdin (one per line) and a fake clock. */
async function runCommand(
  root: string,
  argv: string[],
  lines: string[] = [],
  signals?: EventEmitter,
) {
  const stdin = new PassThrough();
  let out = '';
  let err = '';
  let clock = T0.getTime();
  const promise = flashcardsCommand(courseAt(root), argv, {
    stdin,
    stdout: { write: (t: string) => (out += t), columns: 80 },
    stderr: { write: (t: string) => (err += t) },
    now: () => {
      clock += 5_000;
      return new Date(clock);
    },
    ...(signals ? { signals } : {}),
  });
  for (const line of lines) stdin.write(`${line}\n`);
  // With a signal source, stdin stays open (a learner thinking) until the signal comes.
  if (!signals) stdin.end();
  const code = await promise;
  return { code, out, err };
}

describe('npm run flashcards in the terminal (stdin)', () => {
  let root: string;
  beforeEach(() => {
    root = fixtureCourse();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reviews two cards, then q saves them to the progress file', async () => {
    // Prepare: a progress file with lab progress that must survive.
    writeProgress(root, {
      ...readProgress(root),
      labs: { 'lab-01': { bestScore: 3, maxScore: 5, lastScore: 3, attempts: 2, hintsShown: {} } },
    });
    // Act
    const { code, out } = await runCommand(root, ['--module', '01'], ['space', '3', '', '1', 'q']);
    // Assess
    expect(code).toBe(0);
    expect(out).toContain('Flashcards · 01-core-concepts · 4 cards (0 due, 4 new)');
    expect(out).toMatch(/card 1\/4 · due 0 · new 4 +01-core-concepts · new/);
    expect(out).toMatch(/card 2\/5 · due 1 · new 3/);
    expect(out).toContain(
      "Q  What does API Gateway's proxy integration hand to a Lambda function?",
    );
    expect(out).toContain('A  The whole HTTP request as one event');
    expect(out).toMatch(/1 Again 1m +2 Hard 6m +3 Good 10m +4 Easy \d+d/);
    expect(out).toContain('→ Good · next review in 10m');
    expect(out).toContain('→ Again · next review in 1m');
    expect(out).toContain('Quit: 2 reviews (Again 1 · Hard 0 · Good 1 · Easy 0), saved.');
    expect(out).toMatch(/01-core-concepts: 4 cards · due now 0 · new 2 · reviewed today 2/);
    for (const line of out.split('\n')) expect(visibleLength(line), line).toBeLessThanOrEqual(80);
    const saved = JSON.parse(readFileSync(path.join(root, PROGRESS_FILE), 'utf8'));
    expect(Object.keys(saved.flashcards.cards)).toEqual([
      'core-proxy-integration',
      'core-execution-context',
    ]);
    expect(saved.flashcards.log.map((e: { rating: number }) => e.rating)).toEqual([3, 1]);
    expect(saved.labs['lab-01'].bestScore).toBe(3);
  });

  it('asks for the answer to be shown before a grade, and prints help on ?', async () => {
    const { out } = await runCommand(
      root,
      ['--module', 'cold-starts'],
      ['3', '?', 'space', 'x', '4'],
    );
    expect(out).toContain('Show the answer first (space), then grade it.');
    expect(out).toContain('space or Enter   show the answer');
    expect(out).toContain('Grade it: 1 Again · 2 Hard · 3 Good · 4 Easy');
    expect(out).toContain('→ Easy');
    // stdin ended: the session ends as if q was pressed, with the grade saved.
    expect(readProgress(root).flashcards.log).toHaveLength(1);
  });

  it('saves what was reviewed when interrupted (Ctrl-C), and exits 130', async () => {
    const signals = new EventEmitter();
    const stdin = ['space', '4'];
    const run = runCommand(root, [], stdin, signals);
    setTimeout(() => signals.emit('SIGINT'), 50);
    const { code, out } = await run;
    expect(code).toBe(130);
    expect(out).toContain('Stopped: 1 review');
    expect(Object.keys(readProgress(root).flashcards.cards)).toEqual(['core-proxy-integration']);
  });

  it('reviews only what is due with --due, and limits new cards with --new', async () => {
    const none = await runCommand(root, ['--due']);
    expect(none.out).toMatch(/Nothing to review in all modules now: 6 cards, none due, 6 new/);
    expect(none.out).toContain('Learn new ones: npm run flashcards -- --new 10');
    const two = await runCommand(root, ['--new', '2'], ['', '4', '', '4', '', '4']);
    expect(two.out).toContain('6 cards');
    expect(two.out).toContain('(0 due, 2 new)');
    expect(Object.keys(readProgress(root).flashcards.cards)).toHaveLength(2);
  });

  it('reviews the cards of the checks that just failed with --from-failures', async () => {
    // Prepare: the last grade failed two checks naming three cards (one not in the deck).
    writeProgress(root, {
      ...readProgress(root),
      lastFailures: [
        {
          lab: 'lab-02',
          task: '1. T',
          title: 'x',
          cards: ['cold-start-init-phase', 'core-execution-context'],
        },
        { lab: 'lab-02', task: '1. T', title: 'y', cards: ['core-execution-context', 'gone-card'] },
        { lab: 'lab-02', task: '1. T', title: 'z', cards: [] },
      ],
    });
    // Act
    const { code, out, err } = await runCommand(root, ['--from-failures'], ['', '3', '', '3', 'q']);
    // Assess
    expect(code).toBe(0);
    expect(err).toContain('Not in the deck (skipped): gone-card');
    expect(out).toContain(
      'Flashcards · failed checks of lab-02 · 2 cards (2 from failed checks, 0 due, 0 new)',
    );
    expect(out).toMatch(
      /card 1\/2 · due 0 · new 0 · failed checks 2 +03-cold-starts · failed check/,
    );
    expect(out).toContain("Q  What happens in a Lambda function's INIT phase");
    expect(out).toContain('Q  What is an execution environment');
    expect(Object.keys(readProgress(root).flashcards.cards)).toEqual([
      'cold-start-init-phase',
      'core-execution-context',
    ]);
  });

  it('says how to get cards when the last grade failed nothing', async () => {
    const { code, out } = await runCommand(root, ['--from-failures']);
    expect(code).toBe(0);
    expect(out).toContain('Your last grade had no failed checks');
    expect(out).toContain('npm run grade lab-03');
  });

  it('refuses unknown modules, tags and options, listing what exists', async () => {
    const error = (argv: string[]) =>
      runCommand(root, argv).then(
        () => undefined,
        (e: unknown) => e as UsageError,
      );
    const module = await error(['--module', '42']);
    expect(module).toBeInstanceOf(UsageError);
    expect(module?.message).toBe('There is no module "42".');
    expect(module?.help).toMatch(/03 {2}03-cold-starts +Cold starts \(2 cards\)/);
    const tag = await error(['--tag', 'lamda']);
    expect(tag?.message).toBe('No card has the tag "lamda".');
    expect(tag?.help).toContain('Did you mean lambda?');
    expect(tag?.help).toContain('lambda (6)');
    expect((await error(['--export', 'csv']))?.message).toBe('Unknown --export "csv".');
    expect((await error(['--new', 'two']))?.message).toMatch(/--new two: give a whole number/);
    expect((await error(['--export', 'json', '--due']))?.message).toMatch(/--export prints cards/);
    expect((await error(['--from-failures', '--new', '3']))?.message).toMatch(
      /drop --due and --new/,
    );
    expect((await error(['03']))?.help).toContain('npm run flashcards -- --module 03');
    expect((await error(['--frobnicate']))?.message).toMatch(/Unknown option '--frobnicate'/);
  });
});

describe('the exports', () => {
  it('prints {"cards": [...]} as JSON on stdout, nothing on stderr', async () => {
    const { code, out, err } = await runCommand(fixtureCourse(), ['--export', 'json']);
    expect(code).toBe(0);
    expect(err).toBe('');
    const { cards } = JSON.parse(out);
    expect(cards).toHaveLength(6);
    expect(cards[0]).toEqual({
      id: 'core-proxy-integration',
      module: '01-core-concepts',
      kind: 'concept',
      level: 'basic',
      tags: ['api-gateway', 'lambda'],
      front: "What does API Gateway's **proxy integration** hand to a Lambda function?",
      back: expect.stringContaining('The whole HTTP request as one event'),
      source: '/modules/01-core-concepts/#the-proxy-integration',
    });
    expect(cards[2]).toMatchObject({ asOf: '2026-01', facts: ['lambda-async-payload'] });
    expect(cards[5]).toMatchObject({ kind: 'scenario', minutes: 3 });
    const filtered = JSON.parse(
      (await runCommand(fixtureCourse(), ['--export', 'json', '--tag', 'billing'])).out,
    );
    expect(filtered.cards.map((c: { id: string }) => c.id)).toEqual(['cold-start-init-phase']);
  });

  it('prints an Anki import file: headers, then one row per card, tabs and newlines escaped', async () => {
    const { out } = await runCommand(fixtureCourse(), ['--export', 'anki']);
    const lines = out.trimEnd().split('\n');
    expect(lines.slice(0, 7)).toEqual([
      '#separator:tab',
      '#html:true',
      '#notetype:Basic',
      '#deck:Serverless course',
      '#columns:GUID\tFront\tBack\tTags',
      '#guid column:1',
      '#tags column:4',
    ]);
    const rows = lines.slice(7).map((l) => l.split('\t'));
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.length === 4)).toBe(true);
    expect(rows[0]).toEqual([
      'serverless-course:core-proxy-integration',
      '<p>What does API Gateway&#39;s <strong>proxy integration</strong> hand to a Lambda function?</p>',
      expect.stringContaining('<code>statusCode</code>'),
      'serverless-course module::01-core-concepts kind::concept level::basic api-gateway lambda',
    ]);
    // The card whose code block has a tab and several lines stays one row.
    expect(rows[3]![2]).toContain(
      '<pre><code>const client = new S3Client({});&#9;// once<br>export const handler',
    );
    expect(rows[2]![2]).toContain('as of 2026-01');
    expect(rows[5]![2]).toMatch(
      /<\/li><\/ul> <p>Say what you would measure before what you would change\.<\/p>/,
    );
  });

  it('escapes what would break a row', () => {
    expect(ankiField('<p>a\tb</p>\n<p>c</p>')).toBe('<p>a&#9;b</p> <p>c</p>');
    expect(exportAnki([]).trimEnd().split('\n')).toHaveLength(7);
    expect(markdownToHtml('Say "hi" & <b>')).toBe('<p>Say &quot;hi&quot; &amp; &lt;b&gt;</p>');
  });
});

describe('card markdown in the terminal', () => {
  const plain = {
    bold: (t: string) => t,
    cyan: (t: string) => t,
    gray: (t: string) => t,
    dim: (t: string) => t,
  };

  it('reads one thought per line: each line break starts a paragraph, lists and code stay whole', () => {
    expect(
      linesAsParagraphs('One.\nTwo.\n- a\n- b\n  more b\nThree.\n```ts\nx;\ny;\n```\n| a |\n| b |'),
    ).toBe('One.\n\nTwo.\n\n- a\n- b\n  more b\n\nThree.\n\n```ts\nx;\ny;\n```\n\n| a |\n| b |');
    expect(markdownToHtml('First.\nSecond.')).toBe('<p>First.</p>\n<p>Second.</p>');
  });

  it('wraps to the width, with hanging indents for lists, and keeps code lines', () => {
    const lines = markdownToTerminal(
      `A paragraph ${'word '.repeat(30)}end.\n\n- a list item ${'long '.repeat(20)}\n- second\n\n\`\`\`ts\nconst x = 1;\n\`\`\`\n\nSee [the page](/modules/03-cold-starts/).`,
      40,
      plain,
      '   ',
    );
    expect(lines.every((l) => l.length <= 40)).toBe(true);
    expect(lines).toContain('   • a list item long long long long');
    expect(lines).toContain('     long long long long long long long');
    expect(lines).toContain('   • second');
    expect(lines).toContain('     const x = 1;');
    expect(lines.slice(-2)).toEqual(['   See the page', '   (/modules/03-cold-starts/).']);
  });
});

describe('the grade output', () => {
  it('points at --from-failures only when a failed check has cards', () => {
    const check = {
      task: '1. T',
      taskId: 1,
      title: 'fails',
      status: 'fail' as const,
      points: 1,
      earned: 0,
      message: 'nope',
      hint: 'look',
      durationMs: 1,
      cards: [] as string[],
    };
    const lab: LabResult = {
      id: 'lab-01',
      slug: 's',
      title: 'T',
      module: 1,
      status: 'fail',
      score: 0,
      maxScore: 1,
      durationMs: 1,
      typecheck: { status: 'pass', diagnostics: [] },
      errors: [],
      checks: [check],
    };
    expect(renderLab(lab, { command: 'grade' })).not.toContain('--from-failures');
    const withCards = { ...lab, checks: [{ ...check, cards: ['core-cors'] }] };
    expect(renderLab(withCards, { command: 'grade', flashcards: true })).toContain(
      'Flashcards on what failed: npm run flashcards -- --from-failures',
    );
    // Grading solutions/ or another folder records no failures: nothing to promise.
    expect(renderLab(withCards, { command: 'grade', flashcards: false })).not.toContain(
      '--from-failures',
    );
  });
});

describe('the course CLI', () => {
  function cli(...args: string[]) {
    const run = spawnSync(
      process.execPath,
      [path.join(ROOT, 'grader', 'bin', 'course.mjs'), 'flashcards', ...args],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, FORCE_COLOR: '0' },
      },
    );
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  it('prints its usage with --help and exits 2 on an unknown module', () => {
    const help = cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--from-failures');
    const bad = cli('--module', 'nope');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('There is no module "nope".');
    expect(bad.stderr).toContain('09  09-interview-prep');
  });

  it("exports the course's deck: at least 120 cards over all 9 modules, one Anki row each", () => {
    const json = cli('--export', 'json');
    expect(json.code).toBe(0);
    const { cards } = JSON.parse(json.stdout) as { cards: { id: string; module: string }[] };
    expect(cards.length).toBeGreaterThanOrEqual(120);
    expect(new Set(cards.map((c) => c.module))).toEqual(new Set(MODULE_FOLDERS));
    expect(new Set(cards.map((c) => c.id)).size).toBe(cards.length);
    const anki = cli('--export', 'anki').stdout.trimEnd().split('\n');
    const rows = anki.filter((line) => !line.startsWith('#'));
    expect(rows).toHaveLength(cards.length);
    expect(rows.every((row) => row.split('\t').length === 4)).toBe(true);
    expect(rows.map((row) => row.split('\t')[0])).toEqual(
      cards.map((c) => `serverless-course:${c.id}`),
    );
  });

  it("fits every card of the course's deck on an 80-column terminal", () => {
    const plain = { bold: String, cyan: String, gray: String, dim: String };
    for (const card of loadDeck(ROOT).cards) {
      for (const side of [card.front, card.back]) {
        for (const line of markdownToTerminal(side, 80, plain, '   '))
          expect(visibleLength(line), `${card.id}: ${line}`).toBeLessThanOrEqual(80);
      }
    }
  });

  it('reviews in a real pseudo-terminal: raw keys, no Enter needed', async () => {
    // Prepare: bundle the command (as the CLI launcher does) with a root of our own.
    const root = fixtureCourse();
    const bundle = path.join(
      ROOT,
      'node_modules',
      '.cache',
      'course',
      `flashcards-pty-${process.pid}.mjs`,
    );
    temps.push(bundle);
    const esbuild = await import('esbuild');
    await esbuild.build({
      stdin: {
        contents: `import { flashcardsCommand } from './grader/src/flashcards/command.ts';
process.exitCode = await flashcardsCommand({ root: process.env.FLASHCARDS_ROOT, labs: [], problems: [] }, process.argv.slice(2));`,
        resolveDir: ROOT,
        loader: 'ts',
      },
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'error',
    });
    // Act: `script` runs it on a pty; keys go in one by one as the prompts appear.
    const child = spawn(
      'script',
      ['-qec', `${process.execPath} ${bundle} --module 3`, '/dev/null'],
      {
        env: { ...process.env, FLASHCARDS_ROOT: root, FORCE_COLOR: '0' },
      },
    );
    let out = '';
    const waitFor = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${text}" in:\n${out}`)), 10_000);
        const check = () => {
          if (out.includes(text)) {
            clearTimeout(timer);
            child.stdout.off('data', check);
            resolve();
          }
        };
        child.stdout.on('data', check);
        check();
      });
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await waitFor('space: show the answer\r\n');
    child.stdin.write(' ');
    await waitFor('4 Easy');
    child.stdin.write('4');
    await waitFor('card 2/2');
    child.stdin.write('q');
    // Assess
    expect(await exited).toBe(0);
    expect(out).toContain('→ Easy');
    expect(out).toContain('Quit: 1 review');
    expect(Object.keys(readProgress(root).flashcards.cards)).toEqual(['cold-start-init-phase']);
  });
});
