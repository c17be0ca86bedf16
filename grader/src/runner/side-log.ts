/**
 * Reads the signed side log written by `grader/vitest/setup.ts`: one line per check start and
 * end, appended synchronously by the worker, so it survives a worker that is killed mid-run.
 */
import { createHmac, randomBytes } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface SideEntry {
  id: string;
  start: number;
  end?: number;
  /** vitest's task state at the end: pass | fail | skip | … */
  state?: string;
}

export class SideLog {
  readonly dir: string;
  readonly key = randomBytes(32).toString('hex');
  private readonly offsets = new Map<string, number>();
  private readonly partial = new Map<string, string>();
  readonly entries = new Map<string, SideEntry>();

  constructor() {
    const base = path.join(os.tmpdir(), 'course-grader');
    mkdirSync(base, { recursive: true });
    this.dir = mkdtempSync(path.join(base, 'side-'));
  }

  /** Forget everything read so far and remove the files (before each lab run). */
  reset(): void {
    for (const name of readdirSync(this.dir)) rmSync(path.join(this.dir, name), { force: true });
    this.offsets.clear();
    this.partial.clear();
    this.entries.clear();
  }

  /** Reads whatever was appended since the last poll. Cheap: only new bytes are read. */
  poll(): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const name of names) {
      const file = path.join(this.dir, name);
      const offset = this.offsets.get(name) ?? 0;
      let size: number;
      try {
        size = statSync(file).size;
      } catch {
        continue;
      }
      if (size <= offset) continue;
      const buffer = Buffer.alloc(size - offset);
      const fd = openSync(file, 'r');
      try {
        readSync(fd, buffer, 0, buffer.length, offset);
      } finally {
        closeSync(fd);
      }
      this.offsets.set(name, size);
      const text = (this.partial.get(name) ?? '') + buffer.toString('utf8');
      const lines = text.split('\n');
      this.partial.set(name, lines.pop() ?? '');
      for (const line of lines) this.accept(line);
    }
  }

  private accept(line: string): void {
    const space = line.indexOf(' ');
    if (space < 0) return;
    const signature = line.slice(0, space);
    const body = line.slice(space + 1);
    if (createHmac('sha256', this.key).update(body).digest('hex') !== signature) return;
    let record: { event?: string; id?: string; time?: number; state?: string };
    try {
      record = JSON.parse(body);
    } catch {
      return;
    }
    if (typeof record.id !== 'string' || typeof record.time !== 'number') return;
    const entry = this.entries.get(record.id) ?? { id: record.id, start: record.time };
    if (record.event === 'start') entry.start = record.time;
    if (record.event === 'end') {
      entry.end = record.time;
      entry.state = record.state;
    }
    this.entries.set(record.id, entry);
  }

  /** Checks that started and have not ended. */
  running(): SideEntry[] {
    return [...this.entries.values()].filter((e) => e.end === undefined);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
