/**
 * Choosing cards: by module (`03`, `3`, `03-cold-starts` or `cold-starts`) and by tag. Shared
 * by the terminal (`--module`, `--tag`) and the site (filters, `?module=` deep links).
 */
import { type CourseModule, MODULES } from '../../../.vitepress/lib/modules.ts';

/** The course module a query names, or undefined. */
export function resolveModule(query: string): CourseModule | undefined {
  const q = query
    .trim()
    .toLowerCase()
    .replace(/^module-?/, '');
  if (/^\d{1,2}$/.test(q)) return MODULES.find((m) => m.number === Number(q));
  return MODULES.find((m) => m.folder === q || m.folder.replace(/^\d+-/, '') === q);
}

export interface CardFilter {
  /** Module folders; empty or absent means every module. */
  modules?: readonly string[];
  /** A card matches when it has any of these tags; empty or absent means any card. */
  tags?: readonly string[];
}

export function filterCards<T extends { module: string; tags: readonly string[] }>(
  cards: readonly T[],
  filter: CardFilter,
): T[] {
  return cards.filter(
    (card) =>
      (!filter.modules?.length || filter.modules.includes(card.module)) &&
      (!filter.tags?.length || card.tags.some((t) => filter.tags!.includes(t))),
  );
}

/** Every tag with how many cards carry it, most used first, then alphabetically. */
export function tagCounts(cards: readonly { tags: readonly string[] }[]): {
  tag: string;
  count: number;
}[] {
  const counts = new Map<string, number>();
  for (const card of cards)
    for (const tag of card.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}
