/**
 * Usage errors: a clear message, what to do instead, exit code 2. Thrown by commands, printed
 * once by the CLI entry point.
 */

import { findLab, suggestLabs } from '../manifest/load.ts';
import type { Lab } from '../manifest/schema.ts';

export class UsageError extends Error {
  constructor(
    message: string,
    readonly help = '',
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export function labList(labs: readonly Lab[]): string {
  return labs.map((l) => `  ${l.id}  ${l.slug.padEnd(24)} ${l.title}`).join('\n');
}

/** Resolves a lab query or throws a UsageError listing the labs, with a "did you mean". */
export function requireLab(labs: readonly Lab[], query: string | undefined, command: string): Lab {
  if (!query) {
    throw new UsageError(
      `Which lab? Give its id, number or slug, e.g. npm run ${command} ${labs[0]?.id ?? 'lab-01'}`,
      `The labs:\n${labList(labs)}`,
    );
  }
  const lab = findLab(labs, query);
  if (lab) return lab;
  const suggestions = suggestLabs(labs, query);
  const mean =
    suggestions.length > 0
      ? `Did you mean ${suggestions.map((s) => `${s.id} (${s.slug})`).join(' or ')}?\n\n`
      : '';
  throw new UsageError(
    `There is no lab "${query}".`,
    `${mean}The labs (use the id, the number or the slug):\n${labList(labs)}`,
  );
}
