/**
 * The markdown of a card's sides, for the places that have no markdown-it: the terminal
 * (wrapped to the width, styled with ANSI) and the Anki export (plain HTML). Cards use a small
 * subset: paragraphs, `-`/`1.` lists, fenced code, `code`, **bold**, *emphasis* and links; a
 * table or anything else is kept as preformatted text. (The site renders cards with
 * VitePress's own markdown-it at build time.)
 */

export type Inline =
  | { kind: 'text' | 'code' | 'strong' | 'em'; text: string }
  | { kind: 'link'; text: string; href: string };

export type Block =
  | { kind: 'paragraph'; inline: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'code'; lang: string; text: string }
  | { kind: 'pre'; text: string }
  | { kind: 'quote'; inline: Inline[] };

const INLINE =
  /`([^`]+)`|\*\*(?=\S)(.+?)(?<=\S)\*\*|\[([^\]]+)\]\(([^)\s]+)\)|(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?!\*)|(?<![\w])_(?=\S)([^_]+?)(?<=\S)_(?!\w)/g;

/** Splits one paragraph's text into styled runs. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'code', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'strong', text: m[2].replace(/\*\*/g, '') });
    else if (m[3] !== undefined) out.push({ kind: 'link', text: m[3], href: m[4]! });
    else out.push({ kind: 'em', text: (m[5] ?? m[6])! });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

const BULLET = /^\s{0,3}([-*+]|\d{1,3}[.)])\s+(.*)$/;

/**
 * Card sides are written one thought per line (the deck format: "1–8 lines"), so every line
 * break starts a new paragraph, except between list items, table rows, inside code fences, and
 * before an indented line (a list item's continuation). The site (markdown-it), the terminal
 * and the Anki export all render the result, so they agree on the structure.
 */
export function linesAsParagraphs(source: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  let previous = '';
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    const opens = /^\s*(```+|~~~+)/.exec(line);
    if (fence) {
      out.push(line);
      if (opens && line.trim().startsWith(fence)) fence = undefined;
      previous = line;
      continue;
    }
    const list = BULLET.test(line);
    const table = /^\s*\|/.test(line);
    const continuation = /^\s{2,}\S/.test(line) && !list;
    const previousList = BULLET.test(previous) || /^\s{2,}\S/.test(previous);
    const joins =
      (list && previousList) ||
      (table && /^\s*\|/.test(previous)) ||
      (continuation && previousList);
    if (previous.trim() && line.trim() && !joins) out.push('');
    out.push(line);
    if (opens) fence = opens[1];
    previous = line;
  }
  return out.join('\n');
}

/** Splits a card side into blocks. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = /^\s*(```+|~~~+)\s*([\w+-]*)/.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trim().startsWith(fence[1]!)) body.push(lines[i++]!);
      i++;
      blocks.push({ kind: 'code', lang: fence[2] ?? '', text: body.join('\n') });
      continue;
    }
    if (!line.trim()) {
      i++;
      continue;
    }
    if (/^\s*\|/.test(line)) {
      const body: string[] = [];
      while (i < lines.length && /^\s*\|/.test(lines[i]!)) body.push(lines[i++]!.trim());
      blocks.push({ kind: 'pre', text: body.join('\n') });
      continue;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      const ordered = /\d/.test(bullet[1]!);
      const items: string[] = [];
      while (i < lines.length) {
        const item = BULLET.exec(lines[i]!);
        if (item) items.push(item[2]!);
        else if (/^\s+\S/.test(lines[i]!) && items.length > 0)
          items[items.length - 1] += ` ${lines[i]!.trim()}`;
        else break;
        i++;
      }
      blocks.push({ kind: 'list', ordered, items: items.map(parseInline) });
      continue;
    }
    const quote = /^\s*>\s?/.test(line);
    const body: string[] = [];
    while (
      i < lines.length &&
      lines[i]!.trim() &&
      !BULLET.exec(lines[i]!) &&
      !/^\s*(```|~~~|\|)/.test(lines[i]!)
    ) {
      body.push(
        lines[i++]!.replace(/^\s*>\s?/, '')
          .replace(/^#{1,6}\s+/, '')
          .trim(),
      );
    }
    const inline = parseInline(body.join(' '));
    blocks.push(quote ? { kind: 'quote', inline } : { kind: 'paragraph', inline });
  }
  return blocks;
}

// ---------- HTML (the Anki export) ----------

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function inlineHtml(runs: Inline[]): string {
  return runs
    .map((run) => {
      const text = escapeHtml(run.text);
      switch (run.kind) {
        case 'code':
          return `<code>${text}</code>`;
        case 'strong':
          return `<strong>${text}</strong>`;
        case 'em':
          return `<em>${text}</em>`;
        case 'link':
          return `<a href="${escapeHtml(run.href)}">${text}</a>`;
        default:
          return text;
      }
    })
    .join('');
}

/** A card side as HTML. */
export function markdownToHtml(source: string): string {
  return parseMarkdown(linesAsParagraphs(source))
    .map((block) => {
      switch (block.kind) {
        case 'paragraph':
          return `<p>${inlineHtml(block.inline)}</p>`;
        case 'quote':
          return `<blockquote>${inlineHtml(block.inline)}</blockquote>`;
        case 'list': {
          const tag = block.ordered ? 'ol' : 'ul';
          return `<${tag}>${block.items.map((item) => `<li>${inlineHtml(item)}</li>`).join('')}</${tag}>`;
        }
        case 'code':
          return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
        default:
          return `<pre>${escapeHtml(block.text)}</pre>`;
      }
    })
    .join('\n');
}

// ---------- The terminal ----------

export interface TerminalStyle {
  bold: (text: string) => string;
  cyan: (text: string) => string;
  gray: (text: string) => string;
  dim: (text: string) => string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI styling starts with ESC.
const ANSI = /\u001b\[[0-9;]*m/g;

/** The width of `text` on screen (ANSI styling takes none). */
export function visibleLength(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

/** Styled words of a paragraph: whitespace separates words, styles may join within a word. */
function styledWords(runs: Inline[], style: TerminalStyle, siteUrl?: (href: string) => string) {
  const words: string[][] = [[]];
  const push = (text: string, paint: (t: string) => string) => {
    text.split(/(\s+)/).forEach((part) => {
      if (!part) return;
      if (/^\s+$/.test(part)) {
        if (words[words.length - 1]!.length > 0) words.push([]);
        return;
      }
      words[words.length - 1]!.push(paint(part));
    });
  };
  for (const run of runs) {
    switch (run.kind) {
      case 'code':
        push(run.text, style.cyan);
        break;
      case 'strong':
        push(run.text, style.bold);
        break;
      case 'link': {
        push(run.text, (t) => t);
        const href = siteUrl ? siteUrl(run.href) : run.href;
        if (href !== run.text) push(` (${href})`, style.gray);
        break;
      }
      default:
        push(run.text, (t) => t);
    }
  }
  return words.filter((w) => w.length > 0).map((w) => w.join(''));
}

/** Greedy word wrap of styled words; `first` and `rest` prefix the first and later lines. */
function wrapWords(words: string[], width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = '';
  let prefix = first;
  const room0 = Math.max(10, width - Math.max(visibleLength(first), visibleLength(rest)));
  // A word longer than a line (a long URL) is cut into line-sized pieces, unstyled.
  const fitted = words.flatMap((word) => {
    if (visibleLength(word) <= room0) return [word];
    const chars = [...word.replace(ANSI, '')];
    const pieces: string[] = [];
    for (let at = 0; at < chars.length; at += room0)
      pieces.push(chars.slice(at, at + room0).join(''));
    return pieces;
  });
  for (const word of fitted) {
    const room = width - visibleLength(prefix);
    if (line && visibleLength(line) + 1 + visibleLength(word) > room) {
      lines.push(prefix + line);
      prefix = rest;
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(prefix + line);
  return lines;
}

/**
 * A card side for the terminal: wrapped to `width` columns (ANSI styling not counted), every
 * line prefixed with `indent`. Code and tables keep their lines (cut at the width, marked …).
 */
export function markdownToTerminal(
  source: string,
  width: number,
  style: TerminalStyle,
  indent = '',
  siteUrl?: (href: string) => string,
): string[] {
  const out: string[] = [];
  const blocks = parseMarkdown(linesAsParagraphs(source));
  blocks.forEach((block, index) => {
    if (index > 0) out.push('');
    switch (block.kind) {
      case 'paragraph':
        out.push(...wrapWords(styledWords(block.inline, style, siteUrl), width, indent, indent));
        break;
      case 'quote':
        out.push(
          ...wrapWords(
            styledWords(block.inline, style, siteUrl),
            width,
            `${indent}│ `,
            `${indent}│ `,
          ),
        );
        break;
      case 'list':
        block.items.forEach((item, n) => {
          const marker = block.ordered ? `${n + 1}. ` : '• ';
          out.push(
            ...wrapWords(
              styledWords(item, style, siteUrl),
              width,
              indent + marker,
              indent + ' '.repeat(marker.length),
            ),
          );
        });
        break;
      default:
        for (const line of block.text.split('\n')) {
          const room = width - indent.length - 2;
          const cut = [...line].length > room ? `${[...line].slice(0, room - 1).join('')}…` : line;
          out.push(`${indent}  ${block.kind === 'code' ? style.cyan(cut) : cut}`);
        }
    }
  });
  return out;
}
