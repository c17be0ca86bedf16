/**
 * `npm run flashcards [-- --module m] [--tag t] [--due] [--new n] [--from-failures]
 * [--export json|anki]`: a spaced-repetition review in the terminal (FSRS, the same scheduler
 * as the site's deck), the review state kept in the progress file; or the deck exported.
 */
import { parseArgs } from 'node:util';
import { MODULES } from '../../../.vitepress/lib/modules.ts';
import { style, wrapText } from '../cli/style.ts';
import { UsageError } from '../cli/usage.ts';
import { type Course, levenshtein } from '../manifest/load.ts';
import { readProgress, updateProgress } from '../state/progress.ts';
import { type Deck, loadDeck } from './deck.ts';
import { EXPORT_FORMATS, type ExportFormat, exportAnki, exportJson } from './export.ts';
import { type ReviewInput, runReview } from './review.ts';
import { formatInterval, summarise } from './scheduler.ts';
import type { DeckCard } from './schema.ts';
import { filterCards, resolveModule, tagCounts } from './select.ts';
import { DEFAULT_NEW_LIMIT, type SessionPlan, sessionCounts, startSession } from './session.ts';
import type { DeckState } from './state.ts';

export const FLASHCARDS_USAGE = `Usage: npm run flashcards [-- options]

  npm run flashcards                       what is due, then up to ${DEFAULT_NEW_LIMIT} new cards
  npm run flashcards -- --module 03        one module (3, 03, 03-cold-starts or cold-starts)
  npm run flashcards -- --from-failures    the cards of the checks your last grade failed
  npm run -s flashcards -- --export anki > serverless.txt     the deck for Anki

Options:
  --module <m>       only this module (repeat the option for several)
  --tag <t>          only cards with this tag (repeat for several)
  --due              only cards that are due: no new ones
  --new <n>          at most n new cards this session (default ${DEFAULT_NEW_LIMIT})
  --from-failures    the cards that teach the checks that failed in your last grade
  --export <f>       json | anki: print the deck (or the chosen cards) on stdout
  --help             this help

Keys: space shows the answer · 1 Again · 2 Hard · 3 Good · 4 Easy · q saves and quits
      · ? help. Every grade is saved at once in .course-progress.json.`;

/** What the command reads and writes; the process's by default, fakes in tests. */
export interface FlashcardsIO {
  stdin: ReviewInput;
  stdout: { write(text: string): unknown; columns?: number; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  now: () => Date;
  signals?: NodeJS.EventEmitter;
}

function defaultIO(): FlashcardsIO {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    now: () => new Date(),
    signals: process,
  };
}

interface Options {
  modules: string[];
  tags: string[];
  due: boolean;
  newLimit: number;
  fromFailures: boolean;
  exportFormat?: ExportFormat;
}

function moduleList(deck: Deck): string {
  return MODULES.map((m) => {
    const n = deck.cards.filter((c) => c.module === m.folder).length;
    return `  ${String(m.number).padStart(2, '0')}  ${m.folder.padEnd(28)} ${m.title} (${n} card${n === 1 ? '' : 's'})`;
  }).join('\n');
}

class HelpRequest extends Error {}

export function parseFlashcardsArgs(argv: string[], deck: Deck): Options {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        module: { type: 'string', multiple: true, short: 'm' },
        tag: { type: 'string', multiple: true, short: 't' },
        due: { type: 'boolean' },
        new: { type: 'string' },
        'from-failures': { type: 'boolean' },
        export: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  }
  try {
    parsed = parse();
  } catch (error) {
    throw new UsageError((error as Error).message, FLASHCARDS_USAGE);
  }
  const { values, positionals } = parsed;
  if (values.help) throw new HelpRequest();
  if (positionals.length > 0)
    throw new UsageError(
      `Unexpected "${positionals[0]}".`,
      `To review one module: npm run flashcards -- --module ${positionals[0]}\n\n${FLASHCARDS_USAGE}`,
    );
  const split = (list: string[] | undefined) =>
    (list ?? [])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);

  const modules = split(values.module).map((query) => {
    const module = resolveModule(query);
    if (!module)
      throw new UsageError(
        `There is no module "${query}".`,
        `The modules (give the number, the folder or its name):\n${moduleList(deck)}`,
      );
    return module.folder;
  });

  const known = tagCounts(deck.cards);
  const tags = split(values.tag).map((tag) => {
    const t = tag.toLowerCase();
    if (known.some((k) => k.tag === t)) return t;
    const close = known
      .filter((k) => k.tag.includes(t) || t.includes(k.tag) || levenshtein(t, k.tag) <= 2)
      .slice(0, 3)
      .map((k) => k.tag);
    throw new UsageError(
      `No card has the tag "${tag}".`,
      `${close.length ? `Did you mean ${close.join(' or ')}?\n\n` : ''}The tags (and their cards):\n${wrapText(known.map((k) => `${k.tag} (${k.count})`).join(', '), 80, '  ')}`,
    );
  });

  let newLimit = DEFAULT_NEW_LIMIT;
  if (values.new !== undefined) {
    newLimit = Number(values.new);
    if (!Number.isInteger(newLimit) || newLimit < 0)
      throw new UsageError(`--new ${values.new}: give a whole number of new cards, 0 or more.`);
  }
  let exportFormat: ExportFormat | undefined;
  if (values.export !== undefined) {
    if (!(EXPORT_FORMATS as readonly string[]).includes(values.export))
      throw new UsageError(
        `Unknown --export "${values.export}".`,
        `Formats: json (the cards as data), anki (a file for Anki's File › Import).`,
      );
    exportFormat = values.export as ExportFormat;
    if (values.due || values.new !== undefined)
      throw new UsageError(
        '--due and --new choose what to review; --export prints cards. Choose cards with --module or --tag.',
      );
  }
  if (values['from-failures'] && (values.due || values.new !== undefined))
    throw new UsageError(
      '--from-failures reviews the cards of your failed checks, due or not: drop --due and --new.',
    );
  return {
    modules,
    tags,
    due: Boolean(values.due),
    newLimit: values.due ? 0 : newLimit,
    fromFailures: Boolean(values['from-failures']),
    ...(exportFormat ? { exportFormat } : {}),
  };
}

function deckWarning(deck: Deck): string {
  const shown = deck.problems.slice(0, 3).map((p) => `  ${p.file}: ${p.message}`);
  const more = deck.problems.length > 3 ? [`  … and ${deck.problems.length - 3} more`] : [];
  return `${style.yellow(`The deck has ${deck.problems.length} problem${deck.problems.length === 1 ? '' : 's'}; the cards concerned are left out:`)}\n${[...shown, ...more].join('\n')}\n${style.gray('  Authors: npm run check:content lists them all with fixes.')}\n`;
}

function selectionLabel(options: Options): string {
  const parts = [options.modules.length ? options.modules.join(', ') : 'all modules'];
  if (options.tags.length) parts.push(`tag ${options.tags.join(' or ')}`);
  return parts.join(' · ');
}

export async function flashcardsCommand(
  course: Course,
  argv: string[],
  ioOverrides: Partial<FlashcardsIO> = {},
): Promise<number> {
  const io = { ...defaultIO(), ...ioOverrides };
  const deck = loadDeck(course.root);
  let options: Options;
  try {
    options = parseFlashcardsArgs(argv, deck);
  } catch (error) {
    if (!(error instanceof HelpRequest)) throw error;
    io.stdout.write(`${FLASHCARDS_USAGE}\n`);
    return 0;
  }
  if (deck.problems.length > 0) io.stderr.write(deckWarning(deck));
  if (deck.cards.length === 0) {
    io.stderr.write(
      `${style.red('The deck is empty:')} no valid cards in docs/modules/*/cards.yaml.\n`,
    );
    return 1;
  }
  let cards: DeckCard[] = filterCards(deck.cards, options);
  const progress = readProgress(course.root);
  let label = selectionLabel(options);
  let plan: SessionPlan;

  if (options.fromFailures) {
    const failures = progress.lastFailures;
    const wanted = [...new Set(failures.flatMap((f) => f.cards))];
    if (failures.length === 0 || wanted.length === 0) {
      io.stdout.write(
        `${
          failures.length === 0
            ? 'Your last grade had no failed checks, so there are no cards to queue.'
            : `The ${failures.length} check${failures.length === 1 ? '' : 's'} that failed in your last grade name no flashcards.`
        }\n${style.gray('Grade a lab (npm run grade lab-03): the cards of the checks that fail are queued here.\nOr review a module: npm run flashcards -- --module 03')}\n`,
      );
      return 0;
    }
    const missing = wanted.filter((id) => !deck.cards.some((c) => c.id === id));
    if (missing.length > 0)
      io.stderr.write(
        style.yellow(
          `Not in the deck (skipped): ${missing.join(', ')}. Authors: npm run check:content.\n`,
        ),
      );
    const inScope = new Set(cards.map((c) => c.id));
    const focus = wanted.filter((id) => inScope.has(id));
    cards = focus.map((id) => cards.find((c) => c.id === id)!);
    const labs = [...new Set(failures.filter((f) => f.cards.length > 0).map((f) => f.lab))];
    label = `failed checks of ${labs.join(', ')}`;
    plan = { ids: focus, newLimit: 0, focus };
  } else {
    plan = { ids: cards.map((c) => c.id), newLimit: options.newLimit };
  }

  if (options.exportFormat) {
    io.stdout.write(options.exportFormat === 'json' ? exportJson(cards) : exportAnki(cards));
    return 0;
  }
  if (cards.length === 0) {
    io.stdout.write(`No cards in ${label}.\n`);
    return 0;
  }

  const state: DeckState = progress.flashcards;
  const session = startSession(plan);
  const now = io.now();
  if (sessionCounts(session, state, now).total === 0) {
    const summary = summarise(plan.ids, state, now);
    const next = summary.nextDue
      ? ` The next review is due in ${formatInterval(summary.nextDue.getTime() - now.getTime())}.`
      : '';
    const more =
      summary.new > 0 && options.newLimit === 0
        ? `\n${style.gray(`Learn new ones: npm run flashcards -- --new ${DEFAULT_NEW_LIMIT}${options.modules.length ? ` --module ${options.modules[0]}` : ''}`)}`
        : '';
    io.stdout.write(
      `Nothing to review in ${label} now: ${summary.total} cards, none due, ${summary.new} new.${next}${more}\n`,
    );
    return 0;
  }

  const outcome = await runReview(
    {
      input: io.stdin,
      output: io.stdout,
      now: io.now,
      signals: io.signals,
      save: (change) => {
        let saved: DeckState | undefined;
        updateProgress(course.root, (p) => {
          saved = change(p.flashcards);
          p.flashcards = saved;
        });
        return saved!;
      },
    },
    { cards, scope: plan.ids, session, state, label },
  );
  return outcome.interrupted ? 130 : 0;
}
