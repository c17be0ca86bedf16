/**
 * The terminal review session: a card's front, space to show the back, 1–4 to grade it, the
 * next card; q (or Ctrl-C) ends it. Every grade is saved at once (through `save`), so quitting
 * at any moment loses nothing. Keys are read raw from a terminal, or one per line when stdin is
 * not a terminal (pipes, tests): `space` or an empty line flips, `1`–`4` grade, `q` quits.
 */
import { createInterface, emitKeypressEvents } from 'node:readline';
import { style, wrapText } from '../cli/style.ts';
import { markdownToTerminal, visibleLength } from './markdown.ts';
import {
  type DeckSummary,
  formatInterval,
  formatRetention,
  GRADES,
  type Grade,
  gradeLabel,
  isNew,
  previewGrades,
  RETENTION_DAYS,
  review,
  summarise,
} from './scheduler.ts';
import type { Card } from './schema.ts';
import { nextCard, type Reason, recordGrade, type Session, sessionCounts } from './session.ts';
import type { DeckState } from './state.ts';

export type Key =
  | { kind: 'flip' | 'quit' | 'help' | 'interrupt' | 'eof' | 'other' }
  | { kind: 'grade'; grade: Grade };

export interface ReviewInput extends NodeJS.EventEmitter {
  isTTY?: boolean;
  setRawMode?: (raw: boolean) => unknown;
  resume(): unknown;
  pause(): unknown;
}

export interface ReviewIO {
  input: ReviewInput;
  output: { write(text: string): unknown; columns?: number; isTTY?: boolean };
  /** The clock. */
  now: () => Date;
  /** Applies a change to the stored review state, saves it, and returns the saved state. */
  save: (change: (state: DeckState) => DeckState) => DeckState;
  /** Where SIGINT arrives (the process); optional in tests. */
  signals?: NodeJS.EventEmitter;
}

/** What one typed line means when keys come one per line. */
export function keyFromLine(line: string): Key {
  const t = line.trim().toLowerCase();
  if (t === '' || t === 'space' || t === 'flip' || t === 'show' || t === 's')
    return { kind: 'flip' };
  const grade =
    ['1', '2', '3', '4'].indexOf(t) + 1 || ['again', 'hard', 'good', 'easy'].indexOf(t) + 1;
  if (grade > 0) return { kind: 'grade', grade: grade as Grade };
  if (t === 'q' || t === 'quit' || t === 'exit') return { kind: 'quit' };
  if (t === '?' || t === 'h' || t === 'help') return { kind: 'help' };
  return { kind: 'other' };
}

/** What one keypress means in a terminal. */
export function keyFromPress(
  text: string | undefined,
  key: { name?: string; ctrl?: boolean },
): Key {
  if (key.ctrl && (key.name === 'c' || key.name === 'd')) return { kind: 'interrupt' };
  if (key.name === 'space' || key.name === 'return' || key.name === 'enter')
    return { kind: 'flip' };
  if (text && /^[1-4]$/.test(text)) return { kind: 'grade', grade: Number(text) as Grade };
  if (text === 'q' || key.name === 'escape') return { kind: 'quit' };
  if (text === '?' || text === 'h') return { kind: 'help' };
  return { kind: 'other' };
}

/** A queue of keys from the input, raw from a terminal or one per line otherwise. */
function keySource(io: ReviewIO): { next: () => Promise<Key>; close: () => void } {
  const queue: Key[] = [];
  let waiting: ((key: Key) => void) | undefined;
  const push = (key: Key) => {
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve(key);
    } else queue.push(key);
  };
  const onSignal = () => push({ kind: 'interrupt' });
  io.signals?.on('SIGINT', onSignal);
  let close: () => void;
  if (io.input.isTTY && io.input.setRawMode) {
    emitKeypressEvents(io.input as NodeJS.ReadableStream);
    io.input.setRawMode(true);
    const onKey = (text: string | undefined, key: { name?: string; ctrl?: boolean } = {}) =>
      push(keyFromPress(text, key));
    io.input.on('keypress', onKey);
    io.input.resume();
    close = () => {
      io.input.off('keypress', onKey);
      io.input.setRawMode?.(false);
      io.input.pause();
    };
  } else {
    const lines = createInterface({ input: io.input as NodeJS.ReadableStream, terminal: false });
    lines.on('line', (line) => push(keyFromLine(line)));
    lines.on('close', () => push({ kind: 'eof' }));
    close = () => {
      lines.removeAllListeners('close');
      lines.close();
    };
  }
  return {
    next: () => {
      const key = queue.shift();
      if (key) return Promise.resolve(key);
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    close: () => {
      io.signals?.off('SIGINT', onSignal);
      close();
    },
  };
}

const REASON: Record<Reason, string> = {
  focus: 'failed check',
  due: 'due',
  new: 'new',
  learning: 'learning',
};

export const HELP = `Keys
  space or Enter   show the answer
  1 2 3 4          grade it: 1 Again (forgot) · 2 Hard · 3 Good · 4 Easy
  q                save and quit (Ctrl-C too: every grade is saved as you go)
  ?                this help
FSRS schedules each card from your grades: Again brings it back in a minute,
Easy sends it days away. Grade honestly: it is your memory being measured.`;

export interface ReviewOptions {
  cards: readonly Card[];
  /** The cards in scope (for the summary at the end). */
  scope: readonly string[];
  session: Session;
  state: DeckState;
  /** Describes the selection, e.g. "03-cold-starts". */
  label: string;
}

export interface ReviewOutcome {
  reviewed: number;
  grades: Record<Grade, number>;
  interrupted: boolean;
  state: DeckState;
}

/** Runs a review session until the queue is empty or the learner quits. */
export async function runReview(io: ReviewIO, options: ReviewOptions): Promise<ReviewOutcome> {
  const width = Math.max(40, Math.min(io.output.columns || 80, 80));
  const out = (text = '') => io.output.write(`${text}\n`);
  const byId = new Map(options.cards.map((c) => [c.id, c]));
  let { session, state } = options;
  const grades: Record<Grade, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  const keys = keySource(io);
  let ended: 'done' | 'quit' | 'interrupt' = 'done';
  const help = () => {
    out();
    out(style.gray(HELP));
    out();
  };

  const first = sessionCounts(session, state, io.now());
  out(
    style.bold(
      `Flashcards · ${options.label} · ${first.total} card${first.total === 1 ? '' : 's'}`,
    ) +
      style.gray(
        ` (${[
          first.focus ? `${first.focus} from failed checks` : '',
          `${first.due} due`,
          `${first.new} new`,
        ]
          .filter(Boolean)
          .join(', ')})`,
      ),
  );
  out(style.gray('space: show the answer · 1–4: grade · q: save and quit · ?: help'));

  try {
    deck: for (;;) {
      const now = io.now();
      const next = nextCard(session, state, now);
      if (!next) break;
      const card = byId.get(next.id);
      if (!card) break;
      const counts = sessionCounts(session, state, now);
      const left = `card ${counts.done + 1}/${counts.total} · due ${counts.due} · new ${counts.new}${counts.focus ? ` · failed checks ${counts.focus}` : ''}`;
      const right = `${card.module} · ${REASON[next.reason]}`;
      out();
      out(style.gray('─'.repeat(width)));
      const gap = width - visibleLength(left) - visibleLength(right);
      out(
        gap >= 2 ? `${style.bold(left)}${' '.repeat(gap)}${style.gray(right)}` : style.bold(left),
      );
      out();
      printSide(out, 'Q', card.front, width);
      out();
      out(style.gray('   space: show the answer'));

      // Front: wait for the flip.
      for (;;) {
        const key = await keys.next();
        if (key.kind === 'flip') break;
        if (key.kind === 'help') help();
        else if (key.kind === 'grade')
          out(style.yellow('   Show the answer first (space), then grade it.'));
        else if (key.kind !== 'other') {
          ended = key.kind === 'interrupt' ? 'interrupt' : 'quit';
          break deck;
        }
      }
      out();
      printSide(out, 'A', card.back, width);
      const meta = [`read: ${card.source}`, ...(card.asOf ? [`as of ${card.asOf}`] : [])];
      out(style.gray(`   ${meta.join(' · ')}`));
      out();
      const preview = previewGrades(state.cards[card.id], io.now());
      out(
        `   ${GRADES.map((g) => `${style.bold(String(g.grade))} ${g.label} ${style.gray(preview[g.grade].interval)}`).join('   ')}`,
      );

      // Back: wait for a grade.
      for (;;) {
        const key = await keys.next();
        if (key.kind === 'grade') {
          const wasNew = isNew(state, card.id);
          const at = io.now();
          state = io.save((saved) => review(saved, card.id, key.grade, at));
          session = recordGrade(session, card.id, wasNew);
          grades[key.grade]++;
          const due = state.cards[card.id]?.due;
          out(
            style.gray(
              `   → ${gradeLabel(key.grade)} · next review in ${due ? formatInterval(Date.parse(due) - at.getTime()) : '?'}`,
            ),
          );
          break;
        }
        if (key.kind === 'help') help();
        else if (key.kind === 'flip' || key.kind === 'other')
          out(style.gray('   Grade it: 1 Again · 2 Hard · 3 Good · 4 Easy (q quits)'));
        else {
          ended = key.kind === 'interrupt' ? 'interrupt' : 'quit';
          break deck;
        }
      }
    }
  } finally {
    keys.close();
  }

  const reviewed = grades[1] + grades[2] + grades[3] + grades[4];
  out();
  out(style.gray('─'.repeat(width)));
  out(endLine(reviewed, grades, ended));
  const summary = summarise(options.scope, state, io.now());
  out(wrapText(summaryLine(summary, options.label), width));
  out(style.gray(wrapText(nextLine(summary, io.now(), reviewed), width)));
  return { reviewed, grades, interrupted: ended === 'interrupt', state };
}

function printSide(out: (text?: string) => void, mark: 'Q' | 'A', markdown: string, width: number) {
  const lines = markdownToTerminal(markdown, width, style, '   ');
  lines.forEach((line, i) => {
    out(
      i === 0
        ? `${style.bold(mark === 'Q' ? style.cyan(mark) : style.green(mark))}${line.slice(1)}`
        : line,
    );
  });
}

function endLine(
  reviewed: number,
  grades: Record<Grade, number>,
  ended: 'done' | 'quit' | 'interrupt',
): string {
  if (reviewed === 0) return 'No cards reviewed.';
  const split = GRADES.map((g) => `${g.label} ${grades[g.grade]}`).join(' · ');
  return `${ended === 'done' ? 'Session over' : ended === 'quit' ? 'Quit' : 'Stopped'}: ${reviewed} review${reviewed === 1 ? '' : 's'} (${split}), saved.`;
}

export function summaryLine(summary: DeckSummary, label: string): string {
  return `${label}: ${summary.total} cards · due now ${summary.due} · new ${summary.new} · reviewed today ${summary.reviewedToday} · retention ${formatRetention(summary.retention)}`;
}

function nextLine(summary: DeckSummary, now: Date, reviewed: number): string {
  const parts: string[] = [];
  if (summary.due > 0) parts.push(`${summary.due} due now: npm run flashcards -- --due`);
  else if (summary.nextDue)
    parts.push(`Next review due in ${formatInterval(summary.nextDue.getTime() - now.getTime())}.`);
  if (reviewed > 0) parts.push('Your reviews are in .course-progress.json.');
  if (summary.retention.rate !== null)
    parts.push(
      `(Retention: reviews of cards seen before, last ${RETENTION_DAYS} days, not graded Again.)`,
    );
  return parts.join(' ');
}
