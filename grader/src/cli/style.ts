/**
 * Terminal styling that switches itself off when output is not a terminal, when NO_COLOR is
 * set (https://no-color.org), or when FORCE_COLOR=0.
 */
const enabled =
  process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== ''
    ? process.env.FORCE_COLOR !== '0'
    : !process.env.NO_COLOR && Boolean(process.stdout.isTTY) && process.env.TERM !== 'dumb';

const wrap = (open: number, close: number) => (text: string) =>
  enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;

export const style = {
  enabled,
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  blue: wrap(34, 39),
  magenta: wrap(35, 39),
  cyan: wrap(36, 39),
  gray: wrap(90, 39),
};

/** Terminal width, clamped so output stays readable on 80 columns and wide screens. */
export function columns(): number {
  return Math.max(60, Math.min(process.stdout.columns || 80, 110));
}

/** Wraps `text` to `width`, prefixing every line with `indent`. */
export function wrapText(text: string, width: number, indent = ''): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && indent.length + line.length + 1 + word.length > width) {
        out.push(indent + line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    out.push(indent + line);
  }
  return out.join('\n');
}

/** A bar like ███████░░░ for `fraction` in [0, 1]. */
export function bar(fraction: number, width = 20): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}
