/**
 * The site deck's glue that is not Vue: the review state in localStorage (versioned key), the
 * `?module=` / `?tag=` deep links, the mock interview's clock and scenario choice. Scheduling
 * itself is the grader's (grader/src/flashcards/scheduler.ts), shared with the terminal.
 */
import { resolveModule } from '../../../../grader/src/flashcards/select.ts';
import {
  type DeckState,
  emptyDeckState,
  parseDeckState,
} from '../../../../grader/src/flashcards/state.ts';
import type { KeyValueStore } from '../../progress.ts';

/** Versioned: a future, incompatible shape gets a new key instead of misreading this one. */
export const DECK_STORAGE_KEY = 'serverless-course:flashcards:v1';

export function readDeckState(store: KeyValueStore | undefined): DeckState {
  if (!store) return emptyDeckState();
  try {
    return parseDeckState(JSON.parse(store.getItem(DECK_STORAGE_KEY) ?? 'null'));
  } catch {
    return emptyDeckState();
  }
}

export function writeDeckState(store: KeyValueStore | undefined, state: DeckState): void {
  try {
    store?.setItem(DECK_STORAGE_KEY, JSON.stringify(state));
  } catch {
    // A full or blocked storage only costs the learner their saved reviews.
  }
}

export type DeckMode = 'review' | 'interview';

export interface DeckLink {
  /** Module folder, or '' for every module. */
  module: string;
  /** A tag, or '' for any. */
  tag: string;
  mode: DeckMode;
}

/** Reads `?module=03` (or `3`, `03-cold-starts`, `cold-starts`), `?tag=` and `?mode=interview`. */
export function readDeepLink(search: string, knownTags: readonly string[]): DeckLink {
  const params = new URLSearchParams(search);
  const module = resolveModule(params.get('module') ?? '')?.folder ?? '';
  const tag = params.get('tag') ?? '';
  return {
    module,
    tag: knownTags.includes(tag) ? tag : '',
    mode: params.get('mode') === 'interview' ? 'interview' : 'review',
  };
}

/** The query string for a selection (empty parts left out). */
export function deepLinkSearch(link: DeckLink): string {
  const params = new URLSearchParams();
  if (link.module) params.set('module', link.module);
  if (link.tag) params.set('tag', link.tag);
  if (link.mode === 'interview') params.set('mode', 'interview');
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** "2:05" for 125 000 ms (rounded up, so the clock shows 0:00 only when time is up). */
export function formatClock(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A random item, avoiding `previous` when there is another choice. */
export function pickOther<T extends { id: string }>(
  items: readonly T[],
  previous: string | undefined,
  random: () => number = Math.random,
): T | undefined {
  const pool = items.length > 1 ? items.filter((i) => i.id !== previous) : items;
  return pool[Math.floor(random() * pool.length)];
}

/** The mock interview's default time box when a scenario card gives none. */
export const DEFAULT_INTERVIEW_MINUTES = 3;
