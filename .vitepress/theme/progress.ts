/**
 * What the knowledge checks and scenario pickers remember in the browser (localStorage), and
 * the small pure helpers their components use. Kept out of the .vue files so it is
 * type-checked and unit-tested.
 */

/** The subset of the Web Storage API used here (localStorage, or a fake in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type ProgressKind = 'quiz' | 'scenarios';

export function storageKey(kind: ProgressKind, module: string): string {
  return `serverless-course:${kind}:${module}`;
}

/** The browser's localStorage, or undefined when there is none or it is blocked. */
export function browserStore(): KeyValueStore | undefined {
  try {
    const store = globalThis.localStorage;
    if (!store) return undefined;
    const probe = '__serverless-course__';
    store.setItem(probe, probe);
    store.removeItem(probe);
    return store;
  } catch {
    return undefined;
  }
}

/**
 * Reads the saved answers (question id → value). Anything unreadable, or an answer that no
 * longer fits the current data (`isValid` says no), is ignored rather than trusted.
 */
export function readAnswers<T>(
  store: KeyValueStore | undefined,
  key: string,
  isValid: (id: string, value: unknown) => value is T,
): Record<string, T> {
  if (!store) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(store.getItem(key) ?? '{}');
  } catch {
    return {};
  }
  const out: Record<string, T> = {};
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
      if (isValid(id, value)) out[id] = value;
    }
  }
  return out;
}

export function writeAnswers(
  store: KeyValueStore | undefined,
  key: string,
  answers: Record<string, unknown>,
): void {
  if (!store) return;
  try {
    if (Object.keys(answers).length === 0) store.removeItem(key);
    else store.setItem(key, JSON.stringify(answers));
  } catch {
    // A full or blocked storage only costs the learner their saved progress.
  }
}

export interface QuizLike {
  questions: { id: string; choices: { correct: boolean }[] }[];
}

/** A validator for saved quiz answers: the question exists and the index is one of its choices. */
export function quizAnswerValidator(
  quiz: QuizLike,
): (id: string, value: unknown) => value is number {
  return (id, value): value is number => {
    const question = quiz.questions.find((q) => q.id === id);
    return (
      !!question &&
      Number.isInteger(value) &&
      (value as number) >= 0 &&
      (value as number) < question.choices.length
    );
  };
}

export interface Score {
  answered: number;
  correct: number;
  total: number;
}

export function scoreQuiz(quiz: QuizLike, answers: Record<string, number>): Score {
  let answered = 0;
  let correct = 0;
  for (const question of quiz.questions) {
    const chosen = answers[question.id];
    if (chosen === undefined) continue;
    answered++;
    if (question.choices[chosen]?.correct) correct++;
  }
  return { answered, correct, total: quiz.questions.length };
}

export interface TextSegment {
  code: boolean;
  text: string;
}

/** Splits text on `backtick` spans so a template can render them as <code> without v-html. */
export function textSegments(text: string): TextSegment[] {
  return text
    .split(/(`[^`]+`)/)
    .filter((part) => part !== '')
    .map((part) =>
      part.length > 2 && part.startsWith('`') && part.endsWith('`')
        ? { code: true, text: part.slice(1, -1) }
        : { code: false, text: part },
    );
}

/** A DOM-id-safe token from a module folder and an item id. */
export function domId(...parts: string[]): string {
  return parts.join('-').replace(/[^a-zA-Z0-9_-]/g, '_');
}
