/**
 * What a learner's reviews leave behind: the FSRS memory state of each card they have seen and
 * a short log of recent grades. The terminal keeps it in the progress file (`flashcards`), the
 * site in localStorage; both read it with {@link parseDeckState}, which never throws: an entry
 * that does not fit is dropped, the rest is kept.
 *
 * Plain TypeScript (no schema library) because the site's deck ships this module to the
 * browser.
 */

/** The version of this shape; stored with it. */
export const DECK_STATE_VERSION = 1;

/** How many review log entries are kept (the summary looks back 30 days). */
export const LOG_LIMIT = 500;

/** A card's FSRS memory state, JSON-safe (dates as ISO strings). */
export interface StoredCard {
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  /** 0 New, 1 Learning, 2 Review, 3 Relearning (ts-fsrs `State`). */
  state: number;
  last_review?: string;
}

/** One grade given to a card. */
export interface ReviewEntry {
  card: string;
  /** 1 Again, 2 Hard, 3 Good, 4 Easy. */
  rating: number;
  /** The card's FSRS state before this review (0 means it was new). */
  state: number;
  at: string;
}

export interface DeckState {
  version: number;
  /** Card id → its memory state. A card with no entry is new. */
  cards: Record<string, StoredCard>;
  /** The most recent grades, oldest first (at most {@link LOG_LIMIT}). */
  log: ReviewEntry[];
}

export function emptyDeckState(): DeckState {
  return { version: DECK_STATE_VERSION, cards: {}, log: [] };
}

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isDate = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));
const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
const isCount = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 0;
const inRange = (value: unknown, min: number, max: number): value is number =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

/** A stored card state, or undefined when `raw` is not one. */
export function readStoredCard(raw: unknown): StoredCard | undefined {
  if (!isObject(raw)) return undefined;
  const { due, stability, difficulty, scheduled_days, reps, lapses, state, last_review } = raw;
  const elapsed = raw.elapsed_days ?? 0;
  const steps = raw.learning_steps ?? 0;
  if (
    !isDate(due) ||
    !isNumber(stability) ||
    !isNumber(difficulty) ||
    !isNumber(elapsed) ||
    !isNumber(scheduled_days) ||
    !isCount(steps) ||
    !isCount(reps) ||
    !isCount(lapses) ||
    !inRange(state, 0, 3) ||
    (last_review !== undefined && !isDate(last_review))
  )
    return undefined;
  return {
    due,
    stability,
    difficulty,
    elapsed_days: elapsed,
    scheduled_days,
    learning_steps: steps,
    reps,
    lapses,
    state,
    ...(last_review !== undefined ? { last_review } : {}),
  };
}

/** A review log entry, or undefined when `raw` is not one. */
export function readReviewEntry(raw: unknown): ReviewEntry | undefined {
  if (!isObject(raw)) return undefined;
  const { card, rating, state, at } = raw;
  if (typeof card !== 'string' || !inRange(rating, 1, 4) || !inRange(state, 0, 3) || !isDate(at))
    return undefined;
  return { card, rating, state, at };
}

/**
 * Reads a stored deck state. Anything unreadable gives an empty state; a card entry or log
 * entry that does not fit is dropped and the rest kept, so one bad entry never costs the
 * learner their whole history.
 */
export function parseDeckState(raw: unknown): DeckState {
  const state = emptyDeckState();
  if (!isObject(raw)) return state;
  if (isObject(raw.cards)) {
    for (const [id, value] of Object.entries(raw.cards)) {
      const card = readStoredCard(value);
      if (card) state.cards[id] = card;
    }
  }
  if (Array.isArray(raw.log)) {
    for (const value of raw.log.slice(-LOG_LIMIT)) {
      const entry = readReviewEntry(value);
      if (entry) state.log.push(entry);
    }
  }
  return state;
}
