/**
 * Taking the deck elsewhere: `--export json` (the cards as data) and `--export anki` (a text
 * file Anki imports: File › Import, with its note type, deck, GUIDs and tags set by headers).
 */
import { MODULES } from '../../../.vitepress/lib/modules.ts';
import { markdownToHtml } from './markdown.ts';
import { type Card, publicCard } from './schema.ts';

export const EXPORT_FORMATS = ['json', 'anki'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `{"cards":[{id, module, kind, level, tags, front, back, source, asOf?, facts?, minutes?}]}` */
export function exportJson(cards: readonly Card[]): string {
  return `${JSON.stringify({ cards: cards.map(publicCard) }, null, 2)}\n`;
}

/** The deck name in Anki. */
export const ANKI_DECK = 'Serverless course';

/** The column of each field in the Anki file (1-based, as the headers say). */
export const ANKI_COLUMNS = ['GUID', 'Front', 'Back', 'Tags'] as const;

/**
 * One field of the Anki file: HTML on one line. Tabs (the separator) become `&#9;`, line breaks
 * inside preformatted code become `<br>`, other line breaks a space, so a card is one row.
 */
export function ankiField(html: string): string {
  return html
    .replace(/\r\n?/g, '\n')
    .split(/(<pre>[\s\S]*?<\/pre>)/)
    .map((part) =>
      part.startsWith('<pre>') ? part.replace(/\n/g, '<br>') : part.replace(/\n+/g, ' '),
    )
    .join('')
    .replace(/\t/g, '&#9;')
    .trim();
}

function ankiTag(text: string): string {
  return text.replace(/\s+/g, '_');
}

/**
 * A tab-separated file for Anki's importer: the GUID column is the card id (re-importing
 * updates the notes instead of duplicating them), tags carry the module, kind and level as
 * hierarchical tags (`module::03-cold-starts`).
 */
export function exportAnki(cards: readonly Card[]): string {
  const header = [
    '#separator:tab',
    '#html:true',
    '#notetype:Basic',
    `#deck:${ANKI_DECK}`,
    `#columns:${ANKI_COLUMNS.join('\t')}`,
    `#guid column:${ANKI_COLUMNS.indexOf('GUID') + 1}`,
    `#tags column:${ANKI_COLUMNS.indexOf('Tags') + 1}`,
  ];
  const rows = cards.map((card) => {
    const module = MODULES.find((m) => m.folder === card.module);
    const footer = [
      module ? `Module ${module.number} · ${module.title}` : card.module,
      `course page ${card.source}`,
      ...(card.asOf ? [`as of ${card.asOf}`] : []),
    ].join(' · ');
    const back = `${markdownToHtml(card.back)}\n<p><small>${footer.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</small></p>`;
    const tags = [
      'serverless-course',
      `module::${card.module}`,
      `kind::${card.kind}`,
      `level::${card.level}`,
      ...card.tags,
    ].map(ankiTag);
    return [
      `serverless-course:${card.id}`,
      ankiField(markdownToHtml(card.front)),
      ankiField(back),
      tags.join(' '),
    ].join('\t');
  });
  return `${[...header, ...rows].join('\n')}\n`;
}
