/**
 * The deck loader, shared by the CLI (`npm run flashcards`), the content checker and the
 * site's data loader: reads every `docs/modules/<folder>/cards.yaml`, validates each card with
 * the one schema ({@link CardSource}), and reports every problem with its file and line. A
 * broken card is left out (and reported); the rest of the deck still loads.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { MODULES } from '../../../.vitepress/lib/modules.ts';
import { CardSource, type DeckCard } from './schema.ts';

export const CARDS_FILE = 'cards.yaml';

/** A problem in the deck's files, with where it is and what to do. */
export interface DeckProblem {
  /** Relative to the course root, with `:line` when known. */
  file: string;
  message: string;
  fix: string;
}

export interface Deck {
  /** Valid cards, in teaching order: module by module, in file order. */
  cards: DeckCard[];
  problems: DeckProblem[];
  /** The module folders that have a cards file. */
  files: string[];
}

/** The module folders the course has (`01-core-concepts`, …), in teaching order. */
export const MODULE_FOLDERS: readonly string[] = MODULES.map((m) => m.folder);

const FORMAT = 'see the format in grader/src/flashcards/schema.ts';

/** Reads the whole deck under `root/docs/modules`. */
export function loadDeck(root: string): Deck {
  const modulesDir = path.join(root, 'docs', 'modules');
  const cards: DeckCard[] = [];
  const problems: DeckProblem[] = [];
  const files: string[] = [];
  const folders = existsSync(modulesDir)
    ? readdirSync(modulesDir)
        .filter((name) => statSync(path.join(modulesDir, name)).isDirectory())
        .sort()
    : [];
  for (const folder of folders) {
    const rel = `docs/modules/${folder}/${CARDS_FILE}`;
    for (const wrongName of ['cards.yml', 'cards.json']) {
      if (existsSync(path.join(modulesDir, folder, wrongName)))
        problems.push({
          file: `docs/modules/${folder}/${wrongName}`,
          message: 'the deck reads cards.yaml only; this file is ignored',
          fix: `Rename it to ${rel}.`,
        });
    }
    const file = path.join(modulesDir, folder, CARDS_FILE);
    if (!existsSync(file)) continue;
    if (!MODULE_FOLDERS.includes(folder)) {
      problems.push({
        file: rel,
        message: `"${folder}" is not a course module folder, so these cards belong to no module`,
        fix: `Move the file into one of: ${MODULE_FOLDERS.join(', ')}.`,
      });
      continue;
    }
    files.push(folder);
    cards.push(...parseCardsFile(readFileSync(file, 'utf8'), folder, rel, problems));
  }
  return { cards: withoutDuplicates(cards, problems), problems, files };
}

/** Parses one module's `cards.yaml` text; problems are appended to `problems`. */
export function parseCardsFile(
  text: string,
  module: string,
  rel: string,
  problems: DeckProblem[],
): DeckCard[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = (offset: number | undefined) =>
    offset === undefined ? 1 : lines.linePos(offset).line;
  if (doc.errors.length > 0) {
    for (const error of doc.errors)
      problems.push({
        file: `${rel}:${lineOf(error.pos[0])}`,
        message: `not valid YAML: ${error.message.split('\n')[0]}`,
        fix: 'Fix the YAML (indentation, a ": " inside an unquoted string — quote it or use a | block).',
      });
    return [];
  }
  if (doc.contents === null) return [];
  if (!isSeq(doc.contents)) {
    problems.push({
      file: `${rel}:1`,
      message: 'the file is not a YAML list of cards',
      fix: `Write one "- id: …" item per card (${FORMAT}).`,
    });
    return [];
  }
  const out: DeckCard[] = [];
  doc.contents.items.forEach((item, index) => {
    const itemLine = lineOf((item as { range?: readonly number[] } | null)?.range?.[0]);
    const raw = isMap(item) ? item.toJS(doc) : undefined;
    const label =
      raw && typeof raw.id === 'string' ? `card "${raw.id}"` : `card #${index + 1} (no id)`;
    if (!raw) {
      problems.push({
        file: `${rel}:${itemLine}`,
        message: `card #${index + 1} is not a mapping of fields`,
        fix: `Write the card as id:, kind:, level:, tags:, front:, back:, source: (${FORMAT}).`,
      });
      return;
    }
    if ('module' in raw) {
      problems.push({
        file: `${rel}:${itemLine}`,
        message: `${label}: has a "module" field, but the module is the folder (${module})`,
        fix: 'Remove the module field; move the card to the right module folder instead.',
      });
      delete raw.module;
    }
    const parsed = CardSource.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const node = doc.getIn([index, ...issue.path], true) as
          | { range?: readonly number[] }
          | undefined;
        const where = issue.path.length > 0 ? issue.path.join('.') : 'card';
        problems.push({
          file: `${rel}:${node?.range ? lineOf(node.range[0]) : itemLine}`,
          message: `${label}: ${where}: ${issue.message}`,
          fix: fixFor(issue.path[0]),
        });
      }
      return;
    }
    out.push({ ...parsed.data, module, origin: { file: rel, line: itemLine } });
  });
  return out;
}

function fixFor(field: PropertyKey | undefined): string {
  switch (field) {
    case 'front':
    case 'back':
      return 'Write both sides: the question on front, the answer (markdown, 1–8 lines) on back.';
    case 'id':
      return 'Give the card a kebab-case id, unique in the deck and never changed afterwards.';
    case 'tags':
      return 'Give 1–5 distinct kebab-case tags.';
    case 'kind':
      return `Use one of: concept, term, number, question, scenario, gotcha, senior-vs-junior, follow-up, when-not.`;
    case 'level':
      return 'Use basic, intermediate or advanced.';
    case 'source':
      return 'Point source at the site page that teaches it, e.g. /modules/03-cold-starts/#init-phase.';
    case 'asOf':
      return 'Write asOf as YYYY-MM (the month the figure was checked).';
    case undefined:
      return `Fix the card so it matches the format (${FORMAT}).`;
    default:
      return `Fix or remove the field (${FORMAT}).`;
  }
}

/** Keeps the first card of each id; every later one is a problem naming both places. */
function withoutDuplicates(cards: DeckCard[], problems: DeckProblem[]): DeckCard[] {
  const first = new Map<string, DeckCard>();
  const out: DeckCard[] = [];
  for (const card of cards) {
    const other = first.get(card.id);
    if (other) {
      problems.push({
        file: `${card.origin.file}:${card.origin.line}`,
        message: `duplicate card id "${card.id}" (also at ${other.origin.file}:${other.origin.line})`,
        fix: 'Give one of them a new id. Ids key the learners\u2019 review history: keep the older card\u2019s id.',
      });
      continue;
    }
    first.set(card.id, card);
    out.push(card);
  }
  return out;
}
