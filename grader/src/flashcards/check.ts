/**
 * The deck's part of the content checker (`npm run check:content`): every problem of the
 * flashcards at once, each with where it is and the fix. Schema problems and duplicate ids
 * come from the loader; here: links to pages and anchors that do not exist, manifest `cards`
 * ids no card has, missing `asOf`, and figures that disagree with FACTS.md.
 */
import { readFileSync } from 'node:fs';
import type { Problem } from '../content/check.ts';
import { docsFileFor } from '../content/check.ts';
import type { Lab } from '../manifest/schema.ts';
import { type Deck, loadDeck, MODULE_FOLDERS } from './deck.ts';
import { FACTS, findFact, missingValues, wrongFigures } from './facts.ts';
import type { DeckCard } from './schema.ts';

/** VitePress's heading slugs (the ids of `## Headings`), as its markdown-it-anchor does them. */
export function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036F]/g, '')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: VitePress strips control characters.
      .replace(/[\u0000-\u001f]/g, '')
      .replace(/[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'“”‘’<>,.?/]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^-+|-+$/g, '')
      .replace(/^(\d)/, '_$1')
      .toLowerCase()
  );
}

/** The anchors a markdown page has: heading slugs, `{#custom}` ids and HTML `id="…"`. */
export function pageAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const f = /^\s*(```+|~~~+)/.exec(line);
    if (f) {
      if (!fence) fence = f[1];
      else if (line.trim().startsWith(fence)) fence = undefined;
      continue;
    }
    if (fence) continue;
    for (const [, id] of line.matchAll(/\bid="([^"]+)"/g)) anchors.add(id!);
    const heading = /^#{1,6}\s+(.*?)\s*$/.exec(line);
    if (!heading) continue;
    const custom = /\s*\{#([^}\s]+)\}\s*$/.exec(heading[1]!);
    if (custom) {
      anchors.add(custom[1]!);
      continue;
    }
    const text = heading[1]!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/[*_`]/g, '');
    const slug = slugify(text);
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

/** "Did you mean a, b or c? " for an unknown fact id (ids sharing the most words). */
function closestFacts(id: string): string {
  const words = new Set(id.split('-'));
  const scored = FACTS.map((f) => ({
    id: f.id,
    score: f.id.split('-').filter((w) => words.has(w)).length,
  }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3);
  return scored.length ? `Did you mean ${scored.map((s) => s.id).join(', ')}? ` : '';
}

/** Site links a card's markdown makes: `[text](/route#anchor)`. */
function siteLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\((\/[^)\s]*)\)/g)].map((m) => m[1]!);
}

export interface DeckCheckOptions {
  /** The month that counts as "now" for asOf dates (default: the current one). */
  now?: Date;
  /** The deck, if already loaded. */
  deck?: Deck;
}

/** Every problem of the deck under `root`, given the course's labs (for their `cards`). */
export function checkDeck(
  root: string,
  labs: readonly Lab[],
  options: DeckCheckOptions = {},
): Problem[] {
  const deck = options.deck ?? loadDeck(root);
  const problems: Problem[] = deck.problems.map((p) => ({ ...p }));
  const add = (file: string, message: string, fix: string) => problems.push({ file, message, fix });
  const where = (card: DeckCard) => `${card.origin.file}:${card.origin.line}`;

  if (deck.files.length === 0) {
    add(
      'docs/modules/*/cards.yaml',
      'the course has no flashcards',
      'Write the deck: one cards.yaml per module folder (format: grader/src/flashcards/schema.ts).',
    );
    return problems;
  }
  for (const folder of MODULE_FOLDERS) {
    if (!deck.cards.some((c) => c.module === folder))
      add(
        `docs/modules/${folder}/cards.yaml`,
        `module ${folder} has no flashcards`,
        'Write a few cards for it: every module feeds the interview deck.',
      );
  }

  const pages = new Map<string, Set<string> | undefined>();
  const anchorsOf = (file: string) => {
    if (!pages.has(file)) pages.set(file, pageAnchors(readFileSync(file, 'utf8')));
    return pages.get(file)!;
  };
  const checkRoute = (card: DeckCard, route: string, what: string) => {
    const file = docsFileFor(root, route);
    if (!file) {
      add(
        where(card),
        `card "${card.id}": ${what} ${route} is not a page of the site`,
        `Point it at a page under docs/ (e.g. /modules/${card.module}/), or create the page.`,
      );
      return;
    }
    const anchor = /#(.+)$/.exec(route)?.[1];
    if (anchor && !anchorsOf(file).has(decodeURIComponent(anchor))) {
      const known = [...anchorsOf(file)].slice(0, 12).map((a) => `#${a}`);
      add(
        where(card),
        `card "${card.id}": ${what} ${route}: the page has no heading with the anchor #${anchor}`,
        `Use one of the page's anchors (${known.join(', ')}${anchorsOf(file).size > 12 ? ', …' : ''}), or add {#${anchor}} to the heading that teaches it.`,
      );
    }
  };

  const month = (options.now ?? new Date()).toISOString().slice(0, 7);
  for (const card of deck.cards) {
    checkRoute(card, card.source, 'source');
    for (const link of siteLinks(`${card.front}\n${card.back}`)) checkRoute(card, link, 'link');

    if (card.kind === 'number' && !card.asOf)
      add(
        where(card),
        `card "${card.id}" states a number (kind: number) but has no asOf`,
        'Add asOf: YYYY-MM, the month the figure was checked against its source (FACTS.md).',
      );
    if (card.asOf && card.asOf.slice(0, 7) > month)
      add(
        where(card),
        `card "${card.id}": asOf ${card.asOf} is in the future`,
        'Write the month the figure was checked, not a future one.',
      );

    const text = `${card.front}\n${card.back}`;
    for (const id of card.facts ?? []) {
      const fact = findFact(id);
      if (!fact) {
        add(
          where(card),
          `card "${card.id}" lists the fact "${id}", which the facts registry does not have`,
          `${closestFacts(id)}Or add the fact to grader/src/flashcards/facts.ts with its value and FACTS.md source.`,
        );
        continue;
      }
      const missing = missingValues(fact, text);
      if (missing.length > 0)
        add(
          where(card),
          `card "${card.id}" lists the fact "${id}" (${fact.about}) but does not say ${missing.map((v) => `"${v.text}"`).join(' and ')}`,
          `State the value from FACTS.md (${fact.source}), or remove "${id}" from facts if the card does not state it.`,
        );
      if (fact.changes && !card.asOf)
        add(
          where(card),
          `card "${card.id}" states "${id}", a figure that changes, but has no asOf`,
          'Add asOf: YYYY-MM (when the figure was checked; FACTS.md gives the source date).',
        );
    }
    for (const hit of wrongFigures(text)) {
      add(
        where(card),
        `card "${card.id}" says "${hit.match}" ("${hit.sentence.length > 90 ? `${hit.sentence.slice(0, 89)}…` : hit.sentence}"), which FACTS.md marks wrong or outdated`,
        `${hit.figure.correct} If the card quotes the old figure on purpose, say so in the same sentence ("was", "used to", "outdated", "not", …).`,
      );
    }
  }

  // Manifest checks name the cards that teach them; every id must exist.
  const ids = new Set(deck.cards.map((c) => c.id));
  for (const lab of labs) {
    const folder = MODULE_FOLDERS[lab.module - 1];
    for (const task of lab.tasks) {
      for (const check of task.checks) {
        for (const id of check.cards) {
          if (!ids.has(id))
            add(
              `labs/${lab.dir}/lab.json`,
              `check "${check.title}" names the flashcard "${id}", which no card has`,
              `Add a card with id "${id}" to docs/modules/${folder ?? '<module>'}/cards.yaml, or fix the id in the manifest.`,
            );
        }
      }
    }
  }
  return problems;
}
