/**
 * What to show next in a review session, shared by the terminal and the site so a session
 * runs the same in both. Pure: the clock and the review state are arguments.
 *
 * Order: the focus cards (from failed checks) first, whether due or not; then cards due now,
 * most overdue first; then new cards in teaching order, up to the session's limit; then cards
 * in their learning steps that fall due within the next 20 minutes (shown a little early, as
 * Anki does, so a session ends once nothing is left to learn now).
 */
import type { DeckState } from './state.ts';

/** Learning cards due within this window are shown in the same session. */
export const LEARN_AHEAD_MS = 20 * 60_000;

/** New cards per session unless asked otherwise. */
export const DEFAULT_NEW_LIMIT = 10;

export interface SessionPlan {
  /** The cards in scope (after filters), in teaching order. */
  ids: readonly string[];
  /** At most this many new cards in the session. */
  newLimit: number;
  /** Cards to review first, due or not: the cards of the checks that just failed. */
  focus?: readonly string[];
}

export interface Session {
  plan: SessionPlan;
  /** The cards graded so far, in order (a card can appear twice while it is learnt). */
  reviewed: string[];
  /** New cards introduced so far. */
  introduced: string[];
}

export type Reason = 'focus' | 'due' | 'new' | 'learning';

export function startSession(plan: SessionPlan): Session {
  return { plan, reviewed: [], introduced: [] };
}

function focusLeft(session: Session): string[] {
  return (session.plan.focus ?? []).filter((id) => !session.reviewed.includes(id));
}

function dueWithin(session: Session, state: DeckState, until: number, skip: Set<string>) {
  return session.plan.ids
    .filter((id) => !skip.has(id))
    .map((id) => ({ id, at: state.cards[id] ? Date.parse(state.cards[id].due) : Number.NaN }))
    .filter((c) => c.at <= until)
    .sort((a, b) => a.at - b.at);
}

function newLeft(session: Session, state: DeckState, skip: Set<string>): string[] {
  const room = Math.max(0, session.plan.newLimit - session.introduced.length);
  return session.plan.ids.filter((id) => !state.cards[id] && !skip.has(id)).slice(0, room);
}

/** The next card to show, or undefined when the session is over. */
export function nextCard(
  session: Session,
  state: DeckState,
  now: Date,
): { id: string; reason: Reason } | undefined {
  const focus = focusLeft(session);
  if (focus.length > 0) return { id: focus[0]!, reason: 'focus' };
  const none = new Set<string>();
  const due = dueWithin(session, state, now.getTime(), none)[0];
  if (due) return { id: due.id, reason: 'due' };
  const fresh = newLeft(session, state, none)[0];
  if (fresh) return { id: fresh, reason: 'new' };
  const soon = dueWithin(session, state, now.getTime() + LEARN_AHEAD_MS, none)[0];
  return soon ? { id: soon.id, reason: 'learning' } : undefined;
}

export interface SessionCounts {
  /** Cards graded so far in the session. */
  done: number;
  /** Left to do, by kind (the card on screen included). */
  focus: number;
  due: number;
  new: number;
  /** done + everything left: the "20" of "card 3/20". */
  total: number;
}

export function sessionCounts(session: Session, state: DeckState, now: Date): SessionCounts {
  const focus = focusLeft(session);
  const skip = new Set(focus);
  const due = dueWithin(session, state, now.getTime() + LEARN_AHEAD_MS, skip).length;
  const fresh = newLeft(session, state, skip).length;
  const done = session.reviewed.length;
  return {
    done,
    focus: focus.length,
    due,
    new: fresh,
    total: done + focus.length + due + fresh,
  };
}

/** The session after card `id` was graded; `wasNew` is whether it had never been reviewed. */
export function recordGrade(session: Session, id: string, wasNew: boolean): Session {
  return {
    ...session,
    reviewed: [...session.reviewed, id],
    introduced: wasNew ? [...session.introduced, id] : session.introduced,
  };
}
