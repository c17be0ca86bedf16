/**
 * The formats of the module pages' interactive data, validated at build time:
 *
 * - `docs/modules/<folder>/quiz.json`, rendered by `<KnowledgeCheck module="<folder>" />`;
 * - `docs/modules/<folder>/scenarios.json`, rendered by `<ScenarioPicker module="<folder>" />`.
 *
 * An invalid file fails the site build with the file, the path inside it and what is wrong.
 */
import { z } from 'zod';

const text = z.string().trim().min(1, 'must not be empty');
const kebabId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are kebab-case, like "cold-start-phases"');

export const QuizChoice = z.strictObject({
  text,
  correct: z.boolean(),
  /** Shown after the learner answers: why this choice is right or wrong. */
  why: text,
});

export const QuizQuestion = z.strictObject({
  id: kebabId,
  question: text,
  choices: z
    .array(QuizChoice)
    .min(2, 'a question needs at least two choices')
    .refine((choices) => choices.filter((c) => c.correct).length === 1, {
      message: 'exactly one choice must have "correct": true',
    }),
});

export const Quiz = z.strictObject({
  $schema: z.string().optional(),
  questions: z
    .array(QuizQuestion)
    .min(5, 'a knowledge check needs at least 5 questions')
    .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, {
      message: 'question ids must be unique',
    }),
});
export type Quiz = z.infer<typeof Quiz>;
export type QuizQuestion = z.infer<typeof QuizQuestion>;

export const Platform = z.enum(['serverless', 'containers', 'vms']);
export type Platform = z.infer<typeof Platform>;

export const Scenario = z.strictObject({
  id: kebabId,
  title: text,
  situation: text,
  best: Platform,
  why: z.strictObject({ serverless: text, containers: text, vms: text }),
});

export const Scenarios = z.strictObject({
  $schema: z.string().optional(),
  scenarios: z
    .array(Scenario)
    .min(1, 'give at least one scenario')
    .refine((ss) => new Set(ss.map((s) => s.id)).size === ss.length, {
      message: 'scenario ids must be unique',
    }),
});
export type Scenarios = z.infer<typeof Scenarios>;
export type Scenario = z.infer<typeof Scenario>;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map(
      (issue) =>
        `    at ${issue.path.length ? issue.path.join('.') : '(top level)'}: ${issue.message}`,
    )
    .join('\n');
}

/**
 * Parses one data file's text with a schema; throws an error that names the file (as given,
 * relative to the repository) and every problem in it.
 */
export function parseDataFile<T>(schema: z.ZodType<T>, file: string, source: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `${file} does not match its format (see .vitepress/lib/quiz-schema.ts):\n${describeIssues(parsed.error)}`,
    );
  }
  return parsed.data;
}
