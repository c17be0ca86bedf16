/**
 * The class roster: a CSV with a header row and the columns `id`, `name`, `email` and an
 * optional `section` (extra columns are ignored). Every problem is reported with its line.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const RosterEntry = z.object({
  id: z
    .string()
    .trim()
    .min(1, 'the student id is empty')
    .regex(/^[\w.@-]+$/, 'a student id may hold letters, digits, . _ - and @ only'),
  name: z.string().trim().min(1, 'the name is empty'),
  email: z.string().trim().email('not an email address'),
  section: z.string().trim().optional(),
});
export type RosterEntry = z.infer<typeof RosterEntry>;

export class RosterError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
    this.name = 'RosterError';
  }
}

/** Splits CSV text into rows of fields (RFC 4180: quotes, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Quotes a CSV field when needed. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function readRoster(file: string): RosterEntry[] {
  const rows = parseCsv(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const problems: string[] = [];
  for (const column of ['id', 'name', 'email']) {
    if (!header.includes(column))
      problems.push(
        `line 1: the header needs a column "${column}" (found: ${header.join(', ') || 'nothing'})`,
      );
  }
  if (problems.length > 0) throw new RosterError(file, problems);
  const entries: RosterEntry[] = [];
  const seen = new Map<string, number>();
  rows.slice(1).forEach((fields, index) => {
    const line = index + 2;
    if (fields.every((f) => f.trim() === '')) return;
    const record = Object.fromEntries(header.map((h, i) => [h, fields[i] ?? '']));
    if (!record.section) delete record.section;
    const parsed = RosterEntry.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`line ${line}: ${issue.path.join('.')}: ${issue.message}`);
      return;
    }
    const first = seen.get(parsed.data.id);
    if (first)
      problems.push(`line ${line}: student id "${parsed.data.id}" is also on line ${first}`);
    seen.set(parsed.data.id, line);
    entries.push(parsed.data);
  });
  if (problems.length > 0) throw new RosterError(file, problems);
  return entries;
}
