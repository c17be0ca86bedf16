/**
 * Similarity between submissions, MOSS-style and deterministic: each learner file is reduced to
 * a token stream with comments and whitespace gone, every identifier renamed to one symbol and
 * every literal to another; overlapping n-grams of that stream are compared between students
 * (Jaccard), after removing the n-grams the starter already contains (shared boilerplate).
 *
 * It finds copies that were reformatted, re-commented or renamed. It does not find copies that
 * were restructured (statements reordered, logic rewritten), and two short correct solutions
 * can look alike: it flags pairs for a person to read, it proves nothing.
 */

export interface Token {
  /** The normalised token: a keyword or punctuation as is, `I` for identifiers, `L` for literals. */
  kind: string;
  line: number;
}

const KEYWORDS = new Set(
  'abstract as async await break case catch class const continue debugger default delete do else enum export extends false finally for from function get if implements import in instanceof interface let new null of private protected public readonly return satisfies set static super switch this throw true try type typeof undefined var void while with yield'.split(
    ' ',
  ),
);

/** A small TypeScript/JavaScript lexer: enough to normalise code, not to parse it. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  const n = source.length;
  const push = (kind: string) => tokens.push({ kind, line });
  while (i < n) {
    const c = source[i]!;
    if (c === '\n') {
      line += 1;
      i += 1;
    } else if (/\s/.test(c)) i += 1;
    else if (c === '/' && source[i + 1] === '/') {
      while (i < n && source[i] !== '\n') i += 1;
    } else if (c === '/' && source[i + 1] === '*') {
      i += 2;
      while (i < n && !(source[i] === '*' && source[i + 1] === '/')) {
        if (source[i] === '\n') line += 1;
        i += 1;
      }
      i += 2;
    } else if (c === '"' || c === "'") {
      const start = line;
      i += 1;
      while (i < n && source[i] !== c && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
      i += 1;
      tokens.push({ kind: 'L', line: start });
    } else if (c === '`') {
      const start = line;
      i += 1;
      let depth = 0;
      while (i < n) {
        const d = source[i]!;
        if (d === '\n') line += 1;
        if (d === '\\') i += 2;
        else if (d === '$' && source[i + 1] === '{') {
          depth += 1;
          i += 2;
        } else if (d === '}' && depth > 0) {
          depth -= 1;
          i += 1;
        } else if (d === '`' && depth === 0) {
          i += 1;
          break;
        } else i += 1;
      }
      tokens.push({ kind: 'L', line: start });
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      while (i < n && /[0-9a-zA-Z_.]/.test(source[i]!)) i += 1;
      push('L');
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i;
      while (j < n && /[\w$]/.test(source[j]!)) j += 1;
      const word = source.slice(i, j);
      push(KEYWORDS.has(word) ? word : 'I');
      i = j;
    } else {
      const three = source.slice(i, i + 3);
      const two = source.slice(i, i + 2);
      const op = ['===', '!==', '...', '??=', '||=', '&&=', '**='].includes(three)
        ? three
        : [
              '=>',
              '==',
              '!=',
              '<=',
              '>=',
              '&&',
              '||',
              '??',
              '?.',
              '++',
              '--',
              '+=',
              '-=',
              '*=',
              '/=',
              '**',
            ].includes(two)
          ? two
          : c;
      push(op);
      i += op.length;
    }
  }
  return tokens;
}

export const NGRAM = 12;

export interface Fingerprint {
  tokens: Token[];
  /** n-gram key → the token indexes where it starts. */
  grams: Map<string, number[]>;
}

export function fingerprint(source: string, n = NGRAM): Fingerprint {
  const tokens = tokenize(source);
  const grams = new Map<string, number[]>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens
      .slice(i, i + n)
      .map((t) => t.kind)
      .join(' ');
    const at = grams.get(key);
    if (at) at.push(i);
    else grams.set(key, [i]);
  }
  return { tokens, grams };
}

export interface Region {
  /** 1-based inclusive line ranges in each side's source. */
  a: [number, number];
  b: [number, number];
}

export interface PairScore {
  similarity: number;
  /** Distinctive (non-starter) n-grams the two share. */
  shared: number;
  regions: Region[];
}

function lineRanges(fp: Fingerprint, starts: number[], n: number): [number, number][] {
  const covered = new Set<number>();
  for (const s of starts) for (let k = s; k < s + n && k < fp.tokens.length; k++) covered.add(k);
  const indexes = [...covered].sort((x, y) => x - y);
  const ranges: [number, number][] = [];
  let from = -1;
  let prev = -2;
  for (const index of indexes) {
    if (index !== prev + 1) {
      if (from >= 0) ranges.push([fp.tokens[from]!.line, fp.tokens[prev]!.line]);
      from = index;
    }
    prev = index;
  }
  if (from >= 0) ranges.push([fp.tokens[from]!.line, fp.tokens[prev]!.line]);
  return ranges;
}

/**
 * Jaccard similarity of the distinctive n-grams of `a` and `b` (those not in `common`, the
 * starter's), with the matching regions. Null when either side has too little of its own code
 * to compare (fewer than `minGrams` distinctive n-grams).
 */
export function compare(
  a: Fingerprint,
  b: Fingerprint,
  common: ReadonlySet<string>,
  minGrams = 20,
  n = NGRAM,
): PairScore | null {
  const own = (fp: Fingerprint) => [...fp.grams.keys()].filter((k) => !common.has(k));
  const aKeys = own(a);
  const bKeys = new Set(own(b));
  if (aKeys.length < minGrams || bKeys.size < minGrams) return null;
  const shared = aKeys.filter((k) => bKeys.has(k));
  const union = new Set([...aKeys, ...bKeys]).size;
  const similarity = union === 0 ? 0 : shared.length / union;
  const aStarts = shared.flatMap((k) => a.grams.get(k)!);
  const bStarts = shared.flatMap((k) => b.grams.get(k)!);
  const aRanges = lineRanges(a, aStarts, n);
  const bRanges = lineRanges(b, bStarts, n);
  // Pair the i-th region of each side: both are in source order, which is how copies align.
  const regions: Region[] = [];
  for (let i = 0; i < Math.min(aRanges.length, bRanges.length); i++)
    regions.push({ a: aRanges[i]!, b: bRanges[i]! });
  return { similarity: Math.round(similarity * 1000) / 1000, shared: shared.length, regions };
}
