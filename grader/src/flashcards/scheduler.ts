/**
 * Spaced-repetition scheduling with FSRS (ts-fsrs), shared by the terminal session and the
 * site's deck so both schedule a card identically. Pure: every function takes the clock
 * (`now`) as an argument and returns a new state rather than changing the one given.
 */
import { createEmptyCard, type Card as FsrsCard, type Grade as FsrsGrade, fsrs } from 'ts-fsrs';
import { type DeckState, LOG_LIMIT, type StoredCard } from './state.ts';

/**
 * The scheduler's settings. Fuzz is off so the terminal and the site (and tests) compute the
 * same due dates; intervals are capped at a year because interview knowledge is refreshed,
 * not archived.
 */
export const SCHEDULER_PARAMETERS = {
  request_retention: 0.9,
  maximum_interval: 365,
  enable_fuzz: false,
  enable_short_term: true,
  learning_steps: ['1m', '10m'] as const,
  relearning_steps: ['10m'] as const,
};

const scheduler = fsrs({
  ...SCHEDULER_PARAMETERS,
  learning_steps: [...SCHEDULER_PARAMETERS.learning_steps],
  relearning_steps: [...SCHEDULER_PARAMETERS.relearning_steps],
});

/** 1 Again · 2 Hard · 3 Good · 4 Easy, as the keys 1–4. */
export type Grade = 1 | 2 | 3 | 4;

export const GRADES: readonly { grade: Grade; label: string }[] = [
  { grade: 1, label: 'Again' },
  { grade: 2, label: 'Hard' },
  { grade: 3, label: 'Good' },
  { grade: 4, label: 'Easy' },
];

export function gradeLabel(grade: Grade): string {
  return GRADES[grade - 1]!.label;
}

export function isGrade(value: unknown): value is Grade {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

function toFsrs(stored: StoredCard | undefined, now: Date): FsrsCard {
  if (!stored) return createEmptyCard(now);
  return {
    due: new Date(stored.due),
    stability: stored.stability,
    difficulty: stored.difficulty,
    elapsed_days: stored.elapsed_days,
    scheduled_days: stored.scheduled_days,
    learning_steps: stored.learning_steps,
    reps: stored.reps,
    lapses: stored.lapses,
    state: stored.state,
    ...(stored.last_review ? { last_review: new Date(stored.last_review) } : {}),
  };
}

function fromFsrs(card: FsrsCard): StoredCard {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    ...(card.last_review ? { last_review: card.last_review.toISOString() } : {}),
  };
}

/** The state after grading card `id` at `now`; `state` itself is left unchanged. */
export function review(state: DeckState, id: string, grade: Grade, now: Date): DeckState {
  const before = state.cards[id];
  const { card } = scheduler.next(toFsrs(before, now), now, grade as FsrsGrade);
  return {
    ...state,
    cards: { ...state.cards, [id]: fromFsrs(card) },
    log: [
      ...state.log,
      { card: id, rating: grade, state: before?.state ?? 0, at: now.toISOString() },
    ].slice(-LOG_LIMIT),
  };
}

/** When each grade would schedule the card next, for the grade buttons ("Good 10m"). */
export function previewGrades(
  stored: StoredCard | undefined,
  now: Date,
): Record<Grade, { due: Date; interval: string }> {
  const preview = scheduler.repeat(toFsrs(stored, now), now);
  const out = {} as Record<Grade, { due: Date; interval: string }>;
  for (const { grade } of GRADES) {
    const due = preview[grade as FsrsGrade].card.due;
    out[grade] = { due, interval: formatInterval(due.getTime() - now.getTime()) };
  }
  return out;
}

/** "<1m", "10m", "3h", "4d", "2mo", "1y". */
export function formatInterval(ms: number): string {
  if (ms < MINUTE) return '<1m';
  if (ms < 60 * MINUTE) return `${Math.round(ms / MINUTE)}m`;
  if (ms < DAY) return `${Math.round(ms / (60 * MINUTE))}h`;
  if (ms < 30 * DAY) return `${Math.round(ms / DAY)}d`;
  if (ms < 365 * DAY) return `${Math.round(ms / (30 * DAY))}mo`;
  return `${(ms / (365 * DAY)).toFixed(ms < 10 * 365 * DAY ? 1 : 0).replace(/\.0$/, '')}y`;
}

/** True when the card has never been reviewed. */
export function isNew(state: DeckState, id: string): boolean {
  return state.cards[id] === undefined;
}

/** True when the card has been reviewed and its next review is at or before `now`. */
export function isDue(state: DeckState, id: string, now: Date): boolean {
  const stored = state.cards[id];
  return stored !== undefined && Date.parse(stored.due) <= now.getTime();
}

/** The probability (0–1) the learner still recalls the card at `now` (FSRS retrievability). */
export function retrievability(stored: StoredCard | undefined, now: Date): number {
  if (!stored) return 0;
  return scheduler.get_retrievability(toFsrs(stored, now), now, false);
}

/** Midnight of `now`'s day in the local time zone. */
export function startOfDay(now: Date): Date {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day;
}

/** The window of reviews {@link DeckSummary.retention} looks at. */
export const RETENTION_DAYS = 30;

export interface DeckSummary {
  /** Cards in scope. */
  total: number;
  /** Reviewed before and due now. */
  due: number;
  /** Never reviewed. */
  new: number;
  /** Grades given since local midnight. */
  reviewedToday: number;
  /**
   * Retention: of the reviews in the last {@link RETENTION_DAYS} days of cards that had been
   * seen before (first sightings do not count: they measure prior knowledge, not memory), the
   * share recalled, i.e. graded Hard, Good or Easy rather than Again. This is the "true
   * retention" FSRS aims at (90%). `rate` is null until there is such a review.
   */
  retention: { recalled: number; reviews: number; rate: number | null };
  /** The earliest due date of a reviewed card that is not due yet. */
  nextDue?: Date;
}

/** Due, new, reviewed today and retention over the cards `ids`. */
export function summarise(ids: readonly string[], state: DeckState, now: Date): DeckSummary {
  const scope = new Set(ids);
  let due = 0;
  let fresh = 0;
  let nextDue: number | undefined;
  for (const id of scope) {
    const stored = state.cards[id];
    if (!stored) fresh++;
    else {
      const at = Date.parse(stored.due);
      if (at <= now.getTime()) due++;
      else if (nextDue === undefined || at < nextDue) nextDue = at;
    }
  }
  const today = startOfDay(now).getTime();
  const since = now.getTime() - RETENTION_DAYS * DAY;
  let reviewedToday = 0;
  let reviews = 0;
  let recalled = 0;
  for (const entry of state.log) {
    if (!scope.has(entry.card)) continue;
    const at = Date.parse(entry.at);
    if (at >= today && at <= now.getTime()) reviewedToday++;
    if (at >= since && entry.state !== 0) {
      reviews++;
      if (entry.rating >= 2) recalled++;
    }
  }
  return {
    total: scope.size,
    due,
    new: fresh,
    reviewedToday,
    retention: { recalled, reviews, rate: reviews > 0 ? recalled / reviews : null },
    ...(nextDue !== undefined ? { nextDue: new Date(nextDue) } : {}),
  };
}

/** "87% (13 of 15)" or "— (no reviews of seen cards yet)". */
export function formatRetention(retention: DeckSummary['retention']): string {
  return retention.rate === null
    ? '—'
    : `${Math.round(retention.rate * 100)}% (${retention.recalled} of ${retention.reviews})`;
}
