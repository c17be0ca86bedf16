/**
 * Build-time loader: the flashcard deck (`docs/modules/<folder>/cards.yaml`), read and
 * validated by the grader's deck loader (the one schema the CLI and the content checker use),
 * with each side rendered to HTML by VitePress's own markdown-it (one paragraph per line, as the
 * deck is written), so no markdown library ships to the browser. In a build, a card that does not validate fails the site with every problem
 * listed; in the dev server it is left out with a warning.
 */
import { createMarkdownRenderer, defineLoader, type SiteConfig } from 'vitepress';
import { loadDeck } from '../../../grader/src/flashcards/deck.ts';
import { linesAsParagraphs } from '../../../grader/src/flashcards/markdown.ts';
import { tagCounts } from '../../../grader/src/flashcards/select.ts';
import { REPO_ROOT } from '../../lib/course.ts';
import { MODULES } from '../../lib/modules.ts';

/** A card as the site's deck shows it: the sides are HTML. */
export interface SiteCard {
  id: string;
  /** The module folder, e.g. `03-cold-starts`. */
  module: string;
  kind: string;
  level: string;
  tags: string[];
  /** HTML. */
  front: string;
  /** HTML. */
  back: string;
  /** The page that teaches it, e.g. `/modules/03-cold-starts/#init`. */
  source: string;
  asOf?: string;
  /** Scenario cards: the mock interview's time box. */
  minutes?: number;
}

export interface CardsData {
  cards: SiteCard[];
  /** Every course module, with how many cards it has. */
  modules: { folder: string; number: number; title: string; count: number }[];
  tags: { tag: string; count: number }[];
}

declare const data: CardsData;

export { data };

export default defineLoader({
  watch: ['../../../docs/modules/*/cards.yaml'],
  async load(): Promise<CardsData> {
    const deck = loadDeck(REPO_ROOT);
    if (deck.problems.length > 0) {
      const list = deck.problems.map((p) => `  ${p.file}: ${p.message}`).join('\n');
      const message = `${deck.problems.length} flashcard problem(s):\n${list}\nRun npm run check:content for the fixes.`;
      if (process.env.NODE_ENV === 'production')
        throw new Error(`The site cannot be built: ${message}`);
      console.warn(`[course site] Cards left out of the deck: ${message}`);
    }
    const config = (globalThis as { VITEPRESS_CONFIG?: SiteConfig }).VITEPRESS_CONFIG;
    const md = await createMarkdownRenderer(
      config?.srcDir ?? 'docs',
      config?.markdown,
      config?.site.base,
      config?.logger,
    );
    const env = { relativePath: 'flashcards.md', cleanUrls: config?.cleanUrls ?? true };
    const render = (source: string) => md.render(linesAsParagraphs(source), { ...env });
    const cards: SiteCard[] = deck.cards.map((card) => ({
      id: card.id,
      module: card.module,
      kind: card.kind,
      level: card.level,
      tags: [...card.tags],
      front: render(card.front),
      back: render(card.back),
      source: card.source,
      ...(card.asOf ? { asOf: card.asOf } : {}),
      ...(card.minutes ? { minutes: card.minutes } : {}),
    }));
    return {
      cards,
      modules: MODULES.map((m) => ({
        folder: m.folder,
        number: m.number,
        title: m.title,
        count: cards.filter((c) => c.module === m.folder).length,
      })),
      tags: tagCounts(cards),
    };
  },
});
