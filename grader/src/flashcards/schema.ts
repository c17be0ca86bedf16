/**
 * The flashcard format: one YAML list per module, `docs/modules/<folder>/cards.yaml`. This is
 * the one schema of a card; the CLI, the content checker and the site's data loader all read
 * cards through {@link ../flashcards/deck.ts}, which validates them with it. The module is the
 * folder the file is in, so a card never repeats it.
 */
import { z } from 'zod';

const kebab = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use kebab-case: lowercase words joined by "-"');
const side = z.string().trim().min(1, 'must not be empty');

/** What a card is for; `scenario` cards feed the site's mock interview. */
export const CardKind = z.enum([
  'concept',
  'term',
  'number',
  'question',
  'scenario',
  'gotcha',
  'senior-vs-junior',
  'follow-up',
  'when-not',
]);
export type CardKind = z.infer<typeof CardKind>;

/** The card's difficulty. */
export const CardLevel = z.enum(['basic', 'intermediate', 'advanced']);
export type CardLevel = z.infer<typeof CardLevel>;

/** `YYYY-MM` or `YYYY-MM-DD`. A YAML date (unquoted `2025-08-01` under YAML 1.1) is accepted too. */
const asOf = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  z
    .string()
    .regex(
      /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/,
      'write the month the fact was checked as YYYY-MM (or YYYY-MM-DD)',
    ),
);

/** One card as written in a `cards.yaml` file. */
export const CardSource = z
  .strictObject({
    /** Kebab-case, unique across the whole deck, stable forever (it keys the review state). */
    id: kebab,
    kind: CardKind,
    level: CardLevel,
    tags: z.array(kebab).min(1, 'give at least one tag').max(5, 'give at most 5 tags'),
    /** Markdown: the question. */
    front: side,
    /** Markdown: the answer, as a senior engineer would give it. */
    back: side,
    /** The site page (and anchor) that teaches it, e.g. `/modules/03-cold-starts/#init-phase`. */
    source: z
      .string()
      .regex(/^\/\S*$/, 'a site route starting with "/", e.g. /modules/03-cold-starts/#init'),
    /** When the number or fact the card states was checked (required for `kind: number`). */
    asOf: asOf.optional(),
    /** Ids of the FACTS.md-derived facts the card states (grader/src/flashcards/facts.ts). */
    facts: z.array(kebab).optional(),
    /** Scenario cards only: the time box of the mock interview, in minutes. */
    minutes: z.number().int().min(1).max(30).optional(),
  })
  .superRefine((card, ctx) => {
    if (card.minutes !== undefined && card.kind !== 'scenario')
      ctx.addIssue({
        code: 'custom',
        path: ['minutes'],
        message: 'only scenario cards have a time box (kind: scenario)',
      });
    if (new Set(card.tags).size !== card.tags.length)
      ctx.addIssue({ code: 'custom', path: ['tags'], message: 'a tag is repeated' });
  });
export type CardSource = z.infer<typeof CardSource>;

/** A card of the deck: the source plus its module folder (e.g. `03-cold-starts`). */
export type Card = CardSource & { module: string };

/** Where a card was read from, for messages that point at the line. */
export interface CardOrigin {
  /** Relative to the course root, e.g. `docs/modules/03-cold-starts/cards.yaml`. */
  file: string;
  line: number;
}

export type DeckCard = Card & { origin: CardOrigin };

/** The fields of a card as the exports and the site carry them, in a stable order. */
export function publicCard(card: Card): Card {
  return {
    id: card.id,
    module: card.module,
    kind: card.kind,
    level: card.level,
    tags: [...card.tags],
    front: card.front,
    back: card.back,
    source: card.source,
    ...(card.asOf ? { asOf: card.asOf } : {}),
    ...(card.facts?.length ? { facts: [...card.facts] } : {}),
    ...(card.minutes ? { minutes: card.minutes } : {}),
  };
}
